/**
 * The worked example rows of ../shared/seeds, as workbooks in the layouts they appear in,
 * imported and validated, with their expected findings.
 */
import { describe, expect, it } from "vitest";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { validateCatalogue } from "../../src/catalogue/validate.js";
import { ecology, housing, jiayu, yunnanFood, yunnanLegalServices } from "./fixtures/seeds.js";
import { knowledge } from "./helpers.js";

/** "rule severity field @sheetRow" for compact comparison. */
const key = (f: { rule: string; severity: string; field: string | null; sheetRow: number | null }): string => `${f.rule} ${f.severity} ${f.field ?? "-"} @${f.sheetRow ?? "-"}`;

const SEEDS = [
  {
    name: "Yunnan 公共法律服务 (表 A.1, YNGK layout)",
    build: yunnanLegalServices,
    title: "表 A.1 公共法律服务主动公开事项要求",
    rows: 3,
    findings: [
      "R19 error channels @2", "R19 error audience @2", "R19 error mode @2", "R19 warning levels @2",
      "R20 warning - @1",
      "R02 error seq @4", "R06 warning basis @4",
      "R02 error seq @5", "R06 warning basis @5",
      "R02 error seq @7", "R06 warning basis @7", "R07 warning timeLimit @7",
    ],
  },
  { name: "Yunnan 食品药品监管 (14-column template)", build: yunnanFood, title: "食品药品监管领域基层政务公开标准目录", rows: 2, findings: [] },
  {
    name: "保障性住房 example (first five columns)",
    build: housing,
    title: "保障性住房领域",
    rows: 2,
    // The example's basis cites "《XX省住房和城乡建设厅…》" (merged over both rows): a placeholder (R25).
    findings: ["R19 error subject @2", "R19 error channels @2", "R19 error audience @2", "R19 error mode @2", "R19 warning levels @2", "R20 warning - @1", "R25 warning basis @4", "R25 warning basis @5"],
  },
  {
    name: "生态环境 example (first four columns)",
    build: ecology,
    title: "生态环境领域基层政务公开标准目录",
    rows: 1,
    findings: ["R19 error timeLimit @2", "R19 error subject @2", "R19 error channels @2", "R19 error audience @2", "R19 error mode @2", "R19 warning levels @2"],
  },
  {
    name: "Jiayu 重大建设项目 (template without 公开层级)",
    build: jiayu,
    title: "政务公开事项标准目录格式模板",
    rows: 2,
    findings: [
      "R19 warning levels @3", "R20 warning - @2",
      // 《政府信息公开条例》 and 《关于全面推进政务公开工作意见》 are not the full titles (R23).
      "R09 warning subject @5", "R11 error channels @5", "R23 warning basis @5",
      "R07 warning timeLimit @6", "R09 warning subject @6", "R11 error channels @6", "R23 warning basis @6",
    ],
  },
];

describe("seed examples", () => {
  it.each(SEEDS)("$name", async (seed) => {
    const { catalogue } = await readCatalogue(await seed.build(), { knowledge });
    expect(catalogue.title).toBe(seed.title);
    expect(catalogue.rows).toHaveLength(seed.rows);
    expect(validateCatalogue(catalogue, knowledge).map(key)).toEqual(seed.findings);
  });

  it("reads the Yunnan YNGK table: group rows become 一级事项, basis split per document", async () => {
    const { catalogue, notes } = await readCatalogue(await yunnanLegalServices(), { knowledge });
    expect(catalogue.rows.map((r) => [r.seq, r.level1, r.level2])).toEqual([[1.1, "职能职责", "机构职责"], [1.2, "职能职责", "人事信息"], [2.1, "法律法规规章", "法律法规规章"]]);
    expect(catalogue.rows[0]?.basis).toEqual([
      "《中华人民共和国政府信息公开条例》（国务院令 第 492 号）",
      "国务院办公厅印发《关于全面推进政务公开工作的意见》（国办发〔2016〕80 号）",
      "《云南省人民政府办公厅关于全面推进全省政务公开工作实施细则的通知》（云办发〔2016〕34 号）",
    ]);
    expect(catalogue.extraColumns).toEqual(["公开流程", "公开形式"]);
    expect(catalogue.rows[0]?.extras?.["公开形式"]).toContain("门户网站");
    expect(notes.some((n) => n.message.includes("一级事项"))).toBe(true);
  });

  it("reads the 食品药品 rows: merged 一级事项, ☑ options, √ marks", async () => {
    const { catalogue } = await readCatalogue(await yunnanFood(), { knowledge });
    const [a, b] = catalogue.rows;
    expect(a).toMatchObject({ seq: 1, level1: "行政审批", level2: "食品生产经营许可证服务指南", channels: ["政府网站", "政务服务中心"], audience: { kind: "全社会" }, mode: "主动", levels: ["县级"], sheetRow: 4 });
    expect(a?.content).toHaveLength(10);
    expect(a?.basis).toHaveLength(4);
    expect(b?.level1).toBe("行政审批");
    expect(catalogue.field).toBe("食品药品监管");
  });

  it("reads the Jiayu rows: 一级事项 once per group, 特定群众 holding the group, notes skipped", async () => {
    const { catalogue, notes } = await readCatalogue(await jiayu(), { knowledge });
    expect(catalogue.columns).not.toContain("levels");
    const [a, b] = catalogue.rows;
    expect(a?.channels).toContain("投资项目在线审批监管平台");
    expect(a?.channels).toContain("其他");
    expect(b).toMatchObject({ level1: "批准服务信息", level2: "办理过程信息", timeLimit: "及时公开", audience: { kind: "特定群体", group: "项目单位" }, mode: "依申请" });
    expect(notes.some((n) => n.sheetRow === 8)).toBe(true);
  });

  it("reads the 保障性住房 bullets and the 依据 merged over both rows", async () => {
    const { catalogue } = await readCatalogue(await housing(), { knowledge });
    expect(catalogue.rows[1]?.content).toEqual(["项目名称", "建设地址", "建设单位", "竣工套数", "竣工时间"]);
    expect(catalogue.rows[1]?.basis).toEqual(catalogue.rows[0]?.basis);
    expect(catalogue.field).toBe("保障性住房");
  });
});
