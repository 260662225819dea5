/** Template export and the export → import round trip. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { writeCatalogue } from "../../src/catalogue/excel-write.js";
import { sortChannels } from "../../src/catalogue/knowledge.js";
import type { Catalogue, Row } from "../../src/catalogue/schema.js";
import { catalogueOf, cleanRow, knowledge } from "./helpers.js";

/** A catalogue using every element and every variant the model can hold. */
function everything(): Catalogue {
  const rows: Row[] = [
    cleanRow({ seq: 1, level1: "", level2: "无一级事项的行", seqText: undefined }),
    cleanRow({ seq: 2, level1: "征地前期准备", level2: "拟征收土地告知", audience: { kind: "全社会" }, mode: "主动", levels: ["县级"] }),
    cleanRow({ seq: 3, level1: "征地前期准备", level2: "拟征收土地现状调查", audience: { kind: "特定群体", group: "被征地农民" }, mode: "依申请", levels: ["乡级"], channels: ["两微一端", "入户/现场", "其他：村民微信群"] }),
    cleanRow({ seq: 4, level1: "征地前期准备", level2: "拟征地听证", audience: { kind: "特定群体" }, mode: "both", levels: ["县级", "乡级"], channels: ["政府网站", "发布会/听证会", "其他"] }),
    cleanRow({ seq: 5, level1: "征地审查报批", level2: "征地报批材料", audience: { kind: "both", group: "村集体经济组织" }, mode: "none", levels: [], channels: ["政府网站", "征地信息公开平台", "村民议事会"] }),
    cleanRow({ seq: 6, level1: "征地审查报批", level2: "征地批准文件", audience: { kind: "both" }, channels: [] }),
    cleanRow({ seq: null, level1: "征地组织实施", level2: "征收土地公告", audience: { kind: "none" }, content: [], basis: [], timeLimit: "", subject: "" }),
    cleanRow({ seq: null, seqText: "八", level1: "征地组织实施", level2: "征地补偿登记", content: ["登记范围", "登记时间、地点（含村委会）"], basis: ["《中华人民共和国土地管理法》第四十七条", "国办发〔2019〕54号"], timeLimit: "公告发布后\n5个工作日内", extras: { 备注: "本县新增" } }),
    cleanRow({ seq: 9.5, level1: "征地组织实施", level2: "征地补偿安置方案公告", channels: [...knowledge.channelNames, "其他：村广播", "其他：乡镇电子屏"] }),
  ];
  return catalogueOf(rows, { extraColumns: ["备注"] });
}

/** Rows as import gives them back: without sheetRow, channels in vocabulary order. */
const comparable = (rows: Row[]): Row[] =>
  rows.map(({ sheetRow: _sheetRow, original: _original, ...r }) => ({ ...r, channels: sortChannels(r.channels, knowledge), ...(r.extras && Object.keys(r.extras).length ? { extras: r.extras } : {}) }));

describe("writeCatalogue", () => {
  it("writes the template: title, merged two-row header, ☑/☐, √, merged 一级事项, frozen header, A4 landscape", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeCatalogue(everything(), { knowledge })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell("A1").value).toBe("农村集体土地征收领域基层政务公开标准目录");
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    for (const m of ["A1:O1", "A2:A3", "B2:C2", "D2:D3", "H2:H3", "I2:J2", "K2:L2", "M2:N2", "O2:O3", "B5:B7", "B8:B9", "B10:B12"]) expect(merges).toContain(m);
    expect(["B3", "C3", "I3", "J3", "K3", "L3", "M3", "N3"].map((a) => ws.getCell(a).value)).toEqual(["一级事项", "二级事项", "全社会", "特定群体", "主动", "依申请", "县级", "乡级"]);
    expect(ws.getCell("D2").value).toBe("公开内容（要素）");
    expect(ws.getCell("H2").value).toBe("公开渠道和载体");
    expect(String(ws.getCell("H5").value)).toMatch(/^☑政府网站　☐政府公报/);
    expect(ws.getCell("I5").value).toBe("√");
    expect(ws.getCell("J6").value).toBe("被征地农民");
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: "landscape", fitToWidth: 1 });
  });

  it("round trip: export → import gives the same rows", async () => {
    const original = everything();
    const { catalogue } = await readCatalogue(await writeCatalogue(original, { knowledge }), { knowledge });
    expect(catalogue.title).toBe(original.title);
    expect(catalogue.field).toBe(original.field);
    expect(catalogue.extraColumns).toEqual(["备注"]);
    expect(comparable(catalogue.rows)).toEqual(comparable(original.rows));
  });

  it("round trip keeps a title-less catalogue's rows and names a template title", async () => {
    const original = catalogueOf([cleanRow()], { title: null, field: "征地补偿" });
    const { catalogue } = await readCatalogue(await writeCatalogue(original, { knowledge }), { knowledge });
    expect(catalogue.title).toBe("征地补偿领域基层政务公开标准目录");
    expect(comparable(catalogue.rows)).toEqual(comparable(original.rows));
  });
});
