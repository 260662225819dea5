import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { FINDINGS_SHEET, writeReport } from "../../src/catalogue/report.js";
import { formatTextReport } from "../../src/catalogue/output.js";
import { validateCatalogue } from "../../src/catalogue/validate.js";
import { jiayu } from "./fixtures/seeds.js";
import { catalogueOf, cleanRow, knowledge } from "./helpers.js";

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const noteOf = (cell: ExcelJS.Cell): string => {
  const n = cell.note as unknown;
  if (!n) return "";
  if (typeof n === "string") return n;
  return (n as { texts: { text: string }[] }).texts.map((t) => t.text).join("");
};
const fillOf = (cell: ExcelJS.Cell): string | undefined => (cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;

describe("writeReport", () => {
  it("annotates the imported Jiayu catalogue: comments on cells, fills by severity, findings sheet", async () => {
    const { catalogue } = await readCatalogue(await jiayu(), { knowledge });
    const findings = validateCatalogue(catalogue, knowledge);
    const wb = await load(await writeReport(catalogue, findings, { knowledge }));
    const ws = wb.getWorksheet("标准目录") as ExcelJS.Worksheet;
    // Row 5 of the original is the first data row (row 4) of the report.
    expect(noteOf(ws.getCell("G4"))).toContain("R09");
    expect(fillOf(ws.getCell("G4"))).toBe("FFFFEB9C");
    expect(noteOf(ws.getCell("H4"))).toContain("R11");
    expect(fillOf(ws.getCell("H4"))).toBe("FFFFC7CE");
    expect(noteOf(ws.getCell("F5"))).toContain("及时公开");
    expect(noteOf(ws.getCell("A1"))).toContain("R20");
    expect(noteOf(ws.getCell("M3"))).toContain("R19");
    expect(noteOf(ws.getCell("G4"))).toContain("依据：");
    const list = wb.getWorksheet(FINDINGS_SHEET) as ExcelJS.Worksheet;
    expect(list.rowCount).toBe(findings.length + 1);
    expect(list.getRow(1).values).toContain("问题及修改建议");
    const rows = Array.from({ length: findings.length }, (_, i) => list.getRow(i + 2));
    expect(rows.map((r) => r.getCell(4).value)).toEqual(findings.map((f) => f.rule));
    expect(rows.find((r) => r.getCell(4).value === "R07")?.getCell(3).value).toMatchObject({ text: "F5" });
  });

  it("puts several findings of one cell in one comment with the worst fill", async () => {
    const cat = catalogueOf([cleanRow({ seq: 1, channels: ["村民微信群", "其他"] })]);
    const findings = validateCatalogue(cat, knowledge);
    expect(findings.map((f) => f.rule)).toEqual(["R10", "R11", "R12", "R24", "R18"]);
    const wb = await load(await writeReport(cat, findings, { knowledge }));
    const cell = (wb.getWorksheet("标准目录") as ExcelJS.Worksheet).getCell("H4");
    expect(noteOf(cell)).toMatch(/R10[\s\S]*R11[\s\S]*R12/);
    expect(fillOf(cell)).toBe("FFFFC7CE");
  });

  it("reports R24 at the data row it concerns: text block, comment cell and 原表行号 (trial finding 9)", async () => {
    const rows = [cleanRow({ seq: 1, sheetRow: 3, channels: ["政府网站"] }), cleanRow({ seq: 2, sheetRow: 4, level2: "拟征收土地现状调查" })];
    const cat = catalogueOf(rows, { sheet: { name: "Sheet1", titleRow: 1, headerRow: 2 } });
    const findings = validateCatalogue(cat, knowledge);
    const r24 = findings.filter((f) => f.rule === "R24");
    expect(r24.map((f) => [f.seq, f.sheetRow, f.field])).toEqual([[1, 3, "channels"]]);
    const text = formatTextReport("x.xlsx", cat, findings);
    const block = text.slice(text.indexOf("【序号1（表格第3行）"), text.indexOf("【序号2"));
    expect(block).toMatch(/R24 公开渠道和载体：.*本事项的公开渠道中没有/);
    expect(text.slice(0, text.indexOf("【序号1"))).not.toContain("R24");
    for (const line of text.split("\n")) expect(line.match(/第\d+行/g)?.length ?? 0).toBeLessThanOrEqual(1);
    const wb = await load(await writeReport(cat, findings, { knowledge }));
    const ws = wb.getWorksheet("标准目录") as ExcelJS.Worksheet;
    expect(noteOf(ws.getCell("H4"))).toContain("R24");
    expect(noteOf(ws.getCell("H3"))).not.toContain("R24");
    expect(noteOf(ws.getCell("H5"))).not.toContain("R24");
    const list = wb.getWorksheet(FINDINGS_SHEET) as ExcelJS.Worksheet;
    const row = Array.from({ length: findings.length }, (_, i) => list.getRow(i + 2)).find((r) => r.getCell(4).value === "R24");
    expect([row?.getCell(1).value, row?.getCell(2).value, row?.getCell(3).value]).toEqual([1, 3, expect.objectContaining({ text: "H4" })]);
  });

  it("reports R10 at each row it concerns, with its 序号 and workbook row: text block, comment cell and 问题清单", async () => {
    const board = "社区/企事业单位/村公示栏（电子屏）";
    const rows = [
      cleanRow({ seq: 1, sheetRow: 3, channels: [...cleanRow().channels, board], original: { channels: "政府网站、征地信息公开平台、片区公示栏" } }),
      cleanRow({ seq: 2, sheetRow: 4, level2: "拟征收土地现状调查" }),
      cleanRow({ seq: 3, sheetRow: 5, level2: "拟征地听证", channels: [...cleanRow().channels, board, "村民微信群"], original: { channels: "政府网站、征地信息公开平台、片区公示栏、村民微信群" } }),
    ];
    const cat = catalogueOf(rows, { sheet: { name: "Sheet1", titleRow: 1, headerRow: 2 } });
    const findings = validateCatalogue(cat, knowledge);
    const r10 = findings.filter((f) => f.rule === "R10");
    expect(r10.map((f) => [f.seq, f.sheetRow, f.field, f.severity])).toEqual([[1, 3, "channels", "info"], [3, 5, "channels", "warning"]]);
    expect(r10.map((f) => f.message).every((m) => m.includes("“片区公示栏”按模板选项"))).toBe(true);
    const text = formatTextReport("x.xlsx", cat, findings);
    expect(text.slice(0, text.indexOf("【序号1"))).not.toContain("R10");
    const block = (seq: number) => text.slice(text.indexOf(`【序号${seq}（表格第${seq + 2}行）`)).split("\n\n")[0] as string;
    expect(block(1)).toMatch(/\[提示\] R10 公开渠道和载体：公开渠道“片区公示栏”按模板选项/);
    expect(block(3)).toMatch(/\[警告\] R10 公开渠道和载体：公开渠道“村民微信群”不在模板选项中。.*“片区公示栏”按模板选项/);
    const wb = await load(await writeReport(cat, findings, { knowledge }));
    const ws = wb.getWorksheet("标准目录") as ExcelJS.Worksheet;
    expect([3, 4, 5, 6].map((r) => noteOf(ws.getCell(`H${r}`)).includes("R10"))).toEqual([false, true, false, true]);
    const list = wb.getWorksheet(FINDINGS_SHEET) as ExcelJS.Worksheet;
    const listed = Array.from({ length: findings.length }, (_, i) => list.getRow(i + 2)).filter((r) => r.getCell(4).value === "R10");
    expect(listed.map((r) => [r.getCell(1).value, r.getCell(2).value, (r.getCell(3).value as { text: string }).text])).toEqual([[1, 3, "H4"], [3, 5, "H6"]]);
  });

  it("says so when there is nothing to report", async () => {
    const rows = ["拟征收土地告知", "拟征收土地现状调查", "拟征地听证", "征地报批材料", "征地批准文件", "征收土地公告", "征地补偿登记", "征地补偿安置方案公告", "征地补偿安置方案听证", "征地补偿费用支付"].map((n, i) => cleanRow({ seq: i + 1, level2: n }));
    const cat = catalogueOf(rows);
    expect(validateCatalogue(cat, knowledge)).toEqual([]);
    const wb = await load(await writeReport(cat, [], { knowledge }));
    expect(noteOf((wb.getWorksheet("标准目录") as ExcelJS.Worksheet).getCell("A1"))).toContain("校验通过");
    expect((wb.getWorksheet(FINDINGS_SHEET) as ExcelJS.Worksheet).rowCount).toBe(1);
  });
});
