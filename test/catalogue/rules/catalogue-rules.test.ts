import { describe, expect, it } from "vitest";
import { fieldFromTitle, guessField } from "../../../src/catalogue/rules/catalogue-rules.js";
import { ELEMENT_KEYS, type Catalogue, type ElementKey, type Finding, type Row } from "../../../src/catalogue/schema.js";
import { validateCatalogue } from "../../../src/catalogue/validate.js";
import { catalogueOf, cleanRow, knowledge } from "../helpers.js";

const OFFICIAL = ["拟征收土地告知", "拟征收土地现状调查", "拟征地听证", "征地报批材料", "征地批准文件", "征收土地公告", "征地补偿登记", "征地补偿安置方案公告", "征地补偿安置方案听证", "征地补偿费用支付"];

/** A complete, clean 农村集体土地征收 catalogue: the ten national items, numbered 1..10. */
function fullCatalogue(patch: Partial<Catalogue> = {}, rowPatch: (row: Row, i: number) => Partial<Row> = () => ({})): Catalogue {
  const rows = OFFICIAL.map((name, i) => {
    const row = cleanRow({ seq: i + 1, level1: i < 3 ? "征地前期准备" : i < 5 ? "征地审查报批" : "征地组织实施", level2: name });
    return { ...row, ...rowPatch(row, i) };
  });
  return catalogueOf(rows, patch);
}

const only = (findings: Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);

interface Case {
  name: string;
  catalogue: Catalogue;
  /** Expected [seq or sheetRow-less marker, field, severity] of the rule's findings; [] = must not fire. */
  expect: { seq: number | null; field: ElementKey | null; severity?: "error" | "warning"; includes?: string }[];
}

/** The first rows of the full catalogue with the given 序号 values. */
const seqs = (values: (number | null)[], texts: Record<number, string> = {}): Catalogue => {
  const cat = fullCatalogue({}, (_, i) => ({ seq: values[i] ?? null, ...(texts[i] ? { seqText: texts[i] } : {}) }));
  return { ...cat, rows: cat.rows.slice(0, values.length) };
};

const CASES: Record<string, Case[]> = {
  R02: [
    { name: "gap 1,3", catalogue: seqs([1, 3, 4]), expect: [{ seq: 3, field: "seq", includes: "应为 2" }] },
    { name: "starts at 2", catalogue: seqs([2, 3]), expect: [{ seq: 2, field: "seq", includes: "应为 1" }] },
    { name: "zero", catalogue: seqs([0, 2]), expect: [{ seq: null, field: "seq", includes: "不是正整数" }] },
    { name: "decimal 1.1 (YNGK numbering)", catalogue: seqs([1.1, 2]), expect: [{ seq: null, field: "seq", includes: "“1.1”" }] },
    { name: "Chinese numeral", catalogue: seqs([null], { 0: "一" }), expect: [{ seq: null, field: "seq", includes: "“一”" }] },
    { name: "1..10", catalogue: fullCatalogue(), expect: [] },
    { name: "no 序号 column", catalogue: { ...seqs([5, 9]), columns: ELEMENT_KEYS.filter((k) => k !== "seq") }, expect: [] },
  ],
  R03: [
    { name: "same pair twice", catalogue: fullCatalogue({}, (_, i) => (i === 1 ? { level2: "拟征收土地告知" } : {})), expect: [{ seq: 2, field: "level2", includes: "重复" }] },
    { name: "same pair, different spacing", catalogue: fullCatalogue({}, (_, i) => (i === 1 ? { level2: "拟征收土地 告知" } : {})), expect: [{ seq: 2, field: "level2" }] },
    { name: "same 二级事项 under another 一级事项", catalogue: fullCatalogue({}, (_, i) => (i === 9 ? { level2: "拟征收土地告知" } : {})), expect: [] },
    { name: "all distinct", catalogue: fullCatalogue(), expect: [] },
  ],
  R18: [
    { name: "one national item missing", catalogue: { ...fullCatalogue(), rows: fullCatalogue().rows.slice(0, 9) }, expect: [{ seq: null, field: "level2", includes: "“征地补偿费用支付”" }] },
    { name: "all ten present", catalogue: fullCatalogue(), expect: [] },
    { name: "a close name counts as present (R17 reports it)", catalogue: fullCatalogue({}, (_, i) => (i === 0 ? { level2: "拟征收土地告知书" } : {})), expect: [] },
    {
      name: "removal explained in 公开依据",
      catalogue: { ...fullCatalogue(), rows: fullCatalogue({}, (_, i) => (i === 8 ? { basis: ["《中华人民共和国土地管理法》", "征地补偿费用支付由市级统一实施，依据《XX市征地补偿安置办法》"] } : {})).rows.slice(0, 9) },
      expect: [],
    },
    { name: "field without a national list", catalogue: { ...fullCatalogue({ field: "公共法律服务", title: "公共法律服务领域基层政务公开标准目录" }), rows: fullCatalogue().rows.slice(0, 2) }, expect: [] },
  ],
  R19: [
    { name: "no 公开主体 column", catalogue: fullCatalogue({ columns: ELEMENT_KEYS.filter((k) => k !== "subject") }), expect: [{ seq: null, field: "subject", severity: "error" }] },
    { name: "no 一级事项 column", catalogue: fullCatalogue({ columns: ELEMENT_KEYS.filter((k) => k !== "level1") }), expect: [{ seq: null, field: "level1", severity: "error" }] },
    { name: "no 公开层级 column (Jiayu)", catalogue: fullCatalogue({ columns: ELEMENT_KEYS.filter((k) => k !== "levels") }), expect: [{ seq: null, field: "levels", severity: "warning" }] },
    { name: "no 序号 column", catalogue: fullCatalogue({ columns: ELEMENT_KEYS.filter((k) => k !== "seq") }), expect: [{ seq: null, field: "seq", severity: "warning" }] },
    { name: "all 14 columns", catalogue: fullCatalogue(), expect: [] },
    {
      name: "公开时间 and 责任单位 instead of 公开时限 and 公开主体: the near-miss columns are named",
      catalogue: fullCatalogue({
        columns: ELEMENT_KEYS.filter((k) => k !== "timeLimit" && k !== "subject"),
        sheet: { name: "Sheet1", titleRow: 1, headerRow: 2, unmapped: [{ column: 6, header: "公开时间" }, { column: 7, header: "责任单位" }, { column: 18, header: "备注" }] },
      }),
      expect: [
        { seq: null, field: "timeLimit", severity: "error", includes: "表头缺少“公开时限”列（第F列“公开时间”是不是这一列？请改成模板的列名“公开时限”后重新上传，否则这一列的内容不会被检查）" },
        { seq: null, field: "subject", severity: "error", includes: "（第G列“责任单位”是不是这一列？" },
      ],
    },
    {
      name: "an unrelated added column is not offered for a missing one",
      catalogue: fullCatalogue({ columns: ELEMENT_KEYS.filter((k) => k !== "subject"), sheet: { name: "Sheet1", titleRow: 1, headerRow: 2, unmapped: [{ column: 15, header: "备注" }] } }),
      expect: [{ seq: null, field: "subject", severity: "error", includes: "表头缺少“公开主体”列，这是国办发〔2019〕54号要求的目录要素。请按模板补上该列并逐项填写。" }],
    },
  ],
  R20: [
    { name: "no title", catalogue: fullCatalogue({ title: null }), expect: [{ seq: null, field: null, includes: "没有标题" }] },
    { name: "template caption as title (Jiayu)", catalogue: fullCatalogue({ title: "政务公开事项标准目录格式模板" }), expect: [{ seq: null, field: null }] },
    { name: "field only", catalogue: fullCatalogue({ title: "保障性住房领域", field: null }), expect: [{ seq: null, field: null, includes: "保障性住房领域基层政务公开标准目录" }] },
    { name: "standard title", catalogue: fullCatalogue(), expect: [] },
    { name: "county prefix", catalogue: fullCatalogue({ title: "嘉鱼县重大建设项目领域基层政务公开标准目录" }), expect: [] },
    {
      name: "several fields: one catalogue per field, no literal XX领域 (issue 11)",
      catalogue: fullCatalogue({ title: "青山镇政务公开标准目录", field: null, fields: ["农村集体土地征收", "城乡规划"] }, (_, i) => ({ field: i < 9 ? "农村集体土地征收" : "城乡规划" })),
      expect: [{ seq: null, field: null, includes: "“城乡规划领域基层政务公开标准目录”" }],
    },
  ],
  // Source: 广东答疑 "相关名称表述 … 均应以国务院部门印发的指引中的表述为准，不应自行改动"
  R21: [
    { name: "重大项目建设 → 重大建设项目", catalogue: fullCatalogue({ title: "重大项目建设领域基层政务公开标准目录", field: "重大项目建设" }), expect: [{ seq: null, field: null, includes: "“重大建设项目”" }] },
    { name: "食品监管 → 食品药品监管", catalogue: fullCatalogue({ title: "食品监管领域基层政务公开标准目录", field: "食品监管" }), expect: [{ seq: null, field: null, includes: "“食品药品监管”" }] },
    { name: "农业补贴 → 涉农补贴 (from the data, not similarity)", catalogue: fullCatalogue({ title: "XX县农业补贴领域基层政务公开标准目录", field: "XX县农业补贴" }), expect: [{ seq: null, field: null, includes: "“涉农补贴”" }] },
    { name: "一级事项 close to the national wording", catalogue: fullCatalogue({}, (_, i) => (i < 3 ? { level1: "征地前期准备工作" } : {})), expect: [{ seq: 1, field: "level1", includes: "“征地前期准备”" }] },
    { name: "official names", catalogue: fullCatalogue(), expect: [] },
    { name: "a county prefix before the official name", catalogue: fullCatalogue({ title: "嘉鱼县重大建设项目领域基层政务公开标准目录", field: "嘉鱼县重大建设项目" }), expect: [] },
  ],
  // Source: 自然资办函〔2019〕1105号 "应通过政府网站、征地信息公开平台、村公示栏等渠道，及时主动公开"
  R24: [
    { name: "an item without 征地信息公开平台", catalogue: fullCatalogue({}, (_, i) => (i === 2 ? { channels: ["政府网站"] } : {})), expect: [{ seq: 3, field: "channels", includes: "本事项的公开渠道中没有" }] },
    { name: "依申请 items are not bound", catalogue: fullCatalogue({}, (_, i) => (i === 2 ? { channels: ["政府网站"], mode: "依申请" } : {})), expect: [] },
    { name: "every item has the platform", catalogue: fullCatalogue(), expect: [] },
    { name: "a field whose guideline names no platform", catalogue: fullCatalogue({ title: "公共法律服务领域基层政务公开标准目录", field: "公共法律服务" }, () => ({ channels: ["政府网站"] })), expect: [] },
  ],
};

describe("catalogue rules", () => {
  it("a clean, complete catalogue gets no findings", () => {
    expect(validateCatalogue(fullCatalogue(), knowledge)).toEqual([]);
  });

  for (const [rule, cases] of Object.entries(CASES)) {
    describe(rule, () => {
      it.each(cases)("$name", (c) => {
        const hits = only(validateCatalogue(c.catalogue, knowledge), rule);
        expect(hits.map((h) => ({ seq: h.seq, field: h.field }))).toEqual(c.expect.map((e) => ({ seq: e.seq, field: e.field })));
        c.expect.forEach((e, i) => {
          const hit = hits[i] as Finding;
          if (e.severity) expect(hit.severity).toBe(e.severity);
          if (e.includes) expect(hit.message).toContain(e.includes);
          expect(hit.source).toMatch(/《.+》.*：“.+”/);
        });
      });
    });
  }

  it("puts file-level findings first and coverage last", () => {
    const cat = fullCatalogue({ title: null, columns: ELEMENT_KEYS.filter((k) => k !== "levels") }, (_, i) => (i === 0 ? { subject: "相关部门" } : {}));
    cat.rows = cat.rows.slice(0, 9);
    const rules = validateCatalogue(cat, knowledge).map((f) => f.rule);
    expect(rules).toEqual(["R19", "R20", "R09", "R18"]);
  });

  it("treats an empty column list as all columns", () => {
    const cat = fullCatalogue({ columns: [] }, (_, i) => (i === 0 ? { levels: [] } : {}));
    expect(validateCatalogue(cat, knowledge).map((f) => f.rule)).toEqual(["R16"]);
  });

  it("derives the field from the title", () => {
    expect(fieldFromTitle("农村集体土地征收领域基层政务公开标准目录")).toBe("农村集体土地征收");
    expect(fieldFromTitle("嘉鱼县 重大建设项目领域基层政务公开事项标准目录（试行）")).toBe("嘉鱼县重大建设项目");
    expect(fieldFromTitle("表 A.1 公共法律服务主动公开事项要求")).toBeNull();
    expect(guessField("保障性住房领域")).toBe("保障性住房");
    expect(guessField(null)).toBeNull();
  });
});
