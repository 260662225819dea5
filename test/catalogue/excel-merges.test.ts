/** Merged cells in the data area: read as the top-left text in every cell, and said so (an import note). */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { writeCatalogue } from "../../src/catalogue/excel-write.js";
import { buildJsonReport, formatTextReport } from "../../src/catalogue/output.js";
import { validateCatalogue } from "../../src/catalogue/validate.js";
import { catalogueOf, cleanRow, knowledge } from "./helpers.js";

const LEVEL2 = ["拟征收土地告知", "拟征收土地现状调查", "社会稳定风险评估", "征地补偿安置方案公告", "征地补偿登记"];

/**
 * The 14-column template (data from row 4, 一级事项 merged down B4:B8 by the writer) with the
 * given merges added, as an official would do in Excel.
 */
async function templateWith(merges: string[]): Promise<Buffer> {
  const rows = LEVEL2.map((level2, i) => cleanRow({ seq: i + 1, level2, subject: `县自然资源局${i + 1}` }));
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await writeCatalogue(catalogueOf(rows), { knowledge })) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  for (const m of merges) ws.mergeCells(m);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("merged cells in the data area", () => {
  it("notes a merge across 公开主体 and 公开渠道和载体, naming the range and what was read; R01 stays the blank-element error", async () => {
    const { catalogue, notes } = await readCatalogue(await templateWith(["G7:H8"]), { knowledge });
    // exceljs repeats the top-left text in every cell of the merge: that is what was read.
    expect(catalogue.rows[3]).toMatchObject({ sheetRow: 7, subject: "县自然资源局4", channels: ["县自然资源局4"] });
    expect(catalogue.rows[4]).toMatchObject({ sheetRow: 8, subject: "县自然资源局4", channels: ["县自然资源局4"] });
    expect(notes).toEqual([
      {
        sheetRow: 7,
        message: "G7:H8 是一个合并单元格，横跨“公开主体”、“公开渠道和载体”2列，上下跨序号4、序号5：已按这几列都填写了“县自然资源局4”读取。每一列是一项要素，请取消合并，在各列分别填写。",
      },
    ]);
    const findings = validateCatalogue(catalogue, knowledge);
    expect(findings.filter((f) => f.rule === "R01")).toEqual([]);
    expect(formatTextReport("x.xlsx", catalogue, findings, notes)).toContain("读取说明：\n  G7:H8 是一个合并单元格");
    // The JSON shape is unchanged.
    expect(Object.keys(buildJsonReport("x.xlsx", catalogue, findings))).toEqual(["file", "title", "field", "rows", "counts", "findings"]);
  });

  it("notes a merge down one column over several items, and is silent on 一级事项 merged down and on the header", async () => {
    const { catalogue, notes } = await readCatalogue(await templateWith(["E4:E5"]), { knowledge });
    expect(catalogue.rows[1]?.basis).toEqual(catalogue.rows[0]?.basis);
    expect(notes).toEqual([
      {
        sheetRow: 4,
        message: "第 4–5 行的“公开依据”是一个合并单元格（E4:E5），跨序号1、序号2共 2 个事项：已按这几个事项都填写了“《中华人民共和国土地管理法》 《中华人民共和国政府信息公开条例》”读取；如各事项不同，请取消合并后分别填写。",
      },
    ]);
    const findings = validateCatalogue(catalogue, knowledge);
    expect(findings.filter((f) => f.rule === "R01")).toEqual([]);
    expect(formatTextReport("x.xlsx", catalogue, findings, notes)).toContain("读取说明：\n  第 4–5 行的“公开依据”是一个合并单元格（E4:E5）");
  });

  it("says nothing about a template as exported (title, header and 一级事项 merges only)", async () => {
    const { catalogue, notes } = await readCatalogue(await templateWith([]), { knowledge });
    expect(notes).toEqual([]);
  });
});
