/**
 * The annotated validation report workbook: the catalogue in the template layout with each
 * finding as a comment on its cell and cells filled by severity, plus a sheet of all findings.
 */
import type ExcelJS from "exceljs";
import { CATALOGUE_SHEET, streamingWorkbook } from "./excel-write.js";
import { columnOf, FIRST_DATA_ROW, layoutCatalogue, SUB_ROW, templateSheetOptions, TITLE_ROW, withFill } from "./excel-layout.js";
import type { CatalogueKnowledge } from "./knowledge.js";
import { RULES } from "./rules/meta.js";
import { elementInfo, type Catalogue, type Finding, type Severity } from "./schema.js";

export const FINDINGS_SHEET = "问题清单";

export const SEVERITY_LABEL: Record<Severity, string> = { error: "错误", warning: "警告", info: "提示" };
const FILL: Record<Severity, string> = { error: "FFFFC7CE", warning: "FFFFEB9C", info: "FFDDEBF7" };
const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };
// Shared style objects: exceljs keeps a reference per cell, so one object per severity serves all.
const FILLS: Record<Severity, ExcelJS.Fill> = {
  error: { type: "pattern", pattern: "solid", fgColor: { argb: FILL.error } },
  warning: { type: "pattern", pattern: "solid", fgColor: { argb: FILL.warning } },
  info: { type: "pattern", pattern: "solid", fgColor: { argb: FILL.info } },
};
const LIST_STYLE: Partial<ExcelJS.Style> = { alignment: { vertical: "top", wrapText: true } };

export interface ReportOptions {
  knowledge: CatalogueKnowledge;
}

/** Index of the catalogue row a finding is about (by sheetRow, then by 序号), or null. */
function rowIndexFinder(catalogue: Catalogue): (f: Finding) => number | null {
  const bySheetRow = new Map<number, number>();
  const bySeq = new Map<number, number>();
  catalogue.rows.forEach((row, i) => {
    if (row.sheetRow !== undefined) bySheetRow.set(row.sheetRow, i);
    if (row.seq !== null && !bySeq.has(row.seq)) bySeq.set(row.seq, i);
  });
  return (f) => {
    if (f.sheetRow !== null && bySheetRow.has(f.sheetRow)) return bySheetRow.get(f.sheetRow) as number;
    if (f.seq !== null && bySeq.has(f.seq)) return bySeq.get(f.seq) as number;
    return null;
  };
}

/** Report cell (row, column) a finding is written on. */
function targetCell(f: Finding, rowIndex: number | null, sheetRows: number[]): [number, number] {
  if (rowIndex !== null) {
    const col = f.field ? columnOf(f.field) + (f.rule === "R13" ? 1 : 0) : 1;
    return [sheetRows[rowIndex] as number, col];
  }
  if (f.rule === "R20" || !f.field) return [TITLE_ROW, 1];
  return [SUB_ROW, columnOf(f.field)];
}

function noteText(f: Finding): string {
  return `【${f.rule} ${SEVERITY_LABEL[f.severity]}】${f.message}\n依据：${f.source}`;
}

function addFindingsSheet(workbook: ExcelJS.Workbook, findings: Finding[], located: { row: number; col: number }[]): void {
  const sheet = workbook.addWorksheet(FINDINGS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: 9 } };
  sheet.columns = [
    { header: "序号", width: 6 },
    { header: "原表行号", width: 8 },
    { header: "位置", width: 10 },
    { header: "规则", width: 6 },
    { header: "级别", width: 6 },
    { header: "要素", width: 12 },
    { header: "问题及修改建议", width: 60 },
    { header: "规则名称", width: 24 },
    { header: "依据", width: 60 },
  ];
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", horizontal: "center" };
  header.commit();
  findings.forEach((f, i) => {
    const at = located[i] as { row: number; col: number };
    const address = `${columnLetter(at.col)}${at.row}`;
    const row = sheet.addRow([
      f.seq ?? "",
      f.sheetRow ?? "",
      { text: address, hyperlink: `#'${CATALOGUE_SHEET}'!${address}` },
      f.rule,
      SEVERITY_LABEL[f.severity],
      f.field ? elementInfo(f.field).label : "全表",
      f.message,
      RULES[f.rule].title,
      f.source,
    ]);
    for (let c = 1; c <= 9; c++) row.getCell(c).style = c === 5 ? withFill(LIST_STYLE, FILLS[f.severity]) : LIST_STYLE;
    row.commit();
  });
  sheet.commit();
}

function columnLetter(n: number): string {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/**
 * Writes the validation report workbook (.xlsx): sheet 标准目录 (the catalogue in the template
 * layout, each finding as a comment on its cell, cells filled red/yellow/blue by the worst
 * severity) and sheet 问题清单 (all findings with links to their cells).
 * @param findings usually validateCatalogue(catalogue, knowledge).
 */
export async function writeReport(catalogue: Catalogue, findings: Finding[], options: ReportOptions): Promise<Buffer> {
  const { workbook, finish } = streamingWorkbook();
  const sheet = workbook.addWorksheet(CATALOGUE_SHEET, templateSheetOptions());
  const sheetRows = catalogue.rows.map((_, i) => FIRST_DATA_ROW + i);
  const findRow = rowIndexFinder(catalogue);
  const byRow = new Map<number, Map<number, Finding[]>>();
  const located = findings.map((f) => {
    const [row, col] = targetCell(f, findRow(f), sheetRows);
    const cols = byRow.get(row) ?? new Map<number, Finding[]>();
    cols.set(col, [...(cols.get(col) ?? []), f]);
    byRow.set(row, cols);
    return { row, col };
  });
  if (findings.length === 0) byRow.set(TITLE_ROW, new Map([[1, []]]));
  layoutCatalogue(sheet, catalogue, options.knowledge, (row, rowNumber) => {
    for (const [col, fs] of byRow.get(rowNumber) ?? []) {
      const cell = row.getCell(col);
      if (fs.length === 0) {
        cell.note = "校验通过：未发现问题。";
        continue;
      }
      const worst = fs.reduce((w, f) => (RANK[f.severity] > RANK[w] ? f.severity : w), "info" as Severity);
      cell.style = withFill(cell.style, FILLS[worst]);
      cell.note = { texts: [{ text: fs.map(noteText).join("\n\n") }] } as ExcelJS.Comment;
    }
  });
  sheet.commit();
  addFindingsSheet(workbook, findings, located);
  return finish();
}
