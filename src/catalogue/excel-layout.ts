/**
 * Writes a catalogue into a worksheet in the template layout (spec §4): title row, two header
 * rows with merged groups, one row per 二级事项 with 一级事项 merged over its group, channels as
 * ☑/☐ options, √ marks, frozen header, A4 landscape print setup.
 */
import type ExcelJS from "exceljs";
import { formatChannelCell } from "./channels-cell.js";
import type { CatalogueKnowledge } from "./knowledge.js";
import type { Catalogue, ElementKey, Row } from "./schema.js";
import { listCellText } from "./text.js";

export const TITLE_ROW = 1;
export const HEADER_ROW = 2;
export const SUB_ROW = 3;
export const FIRST_DATA_ROW = 4;
const MARK = "√";

/** Template columns: header, sub-header, width (characters). */
const COLUMNS: { key: ElementKey; header: string; sub?: string; width: number }[] = [
  { key: "seq", header: "序号", width: 5 },
  { key: "level1", header: "公开事项", sub: "一级事项", width: 11 },
  { key: "level2", header: "公开事项", sub: "二级事项", width: 14 },
  { key: "content", header: "公开内容（要素）", width: 24 },
  { key: "basis", header: "公开依据", width: 26 },
  { key: "timeLimit", header: "公开时限", width: 13 },
  { key: "subject", header: "公开主体", width: 11 },
  { key: "channels", header: "公开渠道和载体", width: 30 },
  { key: "audience", header: "公开对象", sub: "全社会", width: 5 },
  { key: "audience", header: "公开对象", sub: "特定群体", width: 10 },
  { key: "mode", header: "公开方式", sub: "主动", width: 5 },
  { key: "mode", header: "公开方式", sub: "依申请", width: 5 },
  { key: "levels", header: "公开层级", sub: "县级", width: 5 },
  { key: "levels", header: "公开层级", sub: "乡级", width: 5 },
];
export const TEMPLATE_COLUMN_COUNT = COLUMNS.length;

/** 1-based column of an element in the template (first of its two columns for grouped ones). */
export function columnOf(key: ElementKey): number {
  return COLUMNS.findIndex((c) => c.key === key) + 1;
}

const thin: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};

function rowValues(row: Row, knowledge: CatalogueKnowledge, field: string | null, extras: string[]): (string | number)[] {
  const a = row.audience;
  const group = a.kind === "特定群体" || a.kind === "both" ? (a.group?.trim() ? a.group : MARK) : "";
  const society = a.kind === "全社会" || a.kind === "both" ? MARK : "";
  const active = row.mode === "主动" || row.mode === "both" ? MARK : "";
  const onRequest = row.mode === "依申请" || row.mode === "both" ? MARK : "";
  return [
    row.seq ?? row.seqText ?? "",
    row.level1,
    row.level2,
    listCellText(row.content, row.original?.content, "content"),
    listCellText(row.basis, row.original?.basis, "basis"),
    row.timeLimit,
    row.subject,
    formatChannelCell(row.channels, knowledge, field),
    society,
    group,
    active,
    onRequest,
    row.levels.includes("县级") ? MARK : "",
    row.levels.includes("乡级") ? MARK : "",
    ...extras.map((h) => row.extras?.[h] ?? ""),
  ];
}

const BODY_FONT: Partial<ExcelJS.Font> = { name: "宋体", size: 9 };
const BODY_LEFT: Partial<ExcelJS.Style> = { font: BODY_FONT, border: thin, alignment: { vertical: "middle", horizontal: "left", wrapText: true } };
const BODY_CENTER: Partial<ExcelJS.Style> = { font: BODY_FONT, border: thin, alignment: { vertical: "middle", horizontal: "center", wrapText: true } };
const filled = new WeakMap<Partial<ExcelJS.Style>, Map<ExcelJS.Fill, Partial<ExcelJS.Style>>>();

/**
 * A cell's style with a fill, as a shared object (one per style and fill), so that filling many
 * cells keeps exceljs's style table fast. Never assign cell.fill on a body cell: its style is shared.
 */
export function withFill(style: Partial<ExcelJS.Style>, fill: ExcelJS.Fill): Partial<ExcelJS.Style> {
  let byFill = filled.get(style);
  if (!byFill) filled.set(style, (byFill = new Map()));
  let out = byFill.get(fill);
  if (!out) byFill.set(fill, (out = { ...style, fill }));
  return out;
}

/** Estimated row height (points) for wrapped text, so printed rows are not clipped. */
function estimateHeight(values: (string | number)[], widths: number[]): number {
  let lines = 1;
  values.forEach((v, i) => {
    const w = widths[i] ?? 10;
    const n = String(v)
      .split("\n")
      .reduce((sum, line) => sum + Math.max(1, Math.ceil(([...line].length * 2) / Math.max(2, w - 1))), 0);
    if (n > lines) lines = n;
  });
  return Math.min(409, Math.max(20, lines * 14.5));
}

/**
 * Worksheet options of the template: frozen header, A4 landscape fitted to the page width,
 * header rows repeated on every page, page numbers. Pass them to addWorksheet (a streaming
 * worksheet writes views and page properties as soon as it is created).
 */
export function templateSheetOptions(): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    views: [{ state: "frozen", xSplit: 0, ySplit: SUB_ROW, topLeftCell: `A${FIRST_DATA_ROW}`, activeCell: `A${FIRST_DATA_ROW}` }],
    pageSetup: {
      paperSize: 9,
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${SUB_ROW}`,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: "第 &P 页，共 &N 页" },
  };
}

/** Called for each written row before it is committed (the report adds comments and fills). */
export type RowDecorator = (row: ExcelJS.Row, rowNumber: number) => void;

/**
 * Fills `sheet` (added with templateSheetOptions()) with the catalogue in the template layout, committing rows as it goes so that
 * a streaming worksheet keeps little in memory (commit is a no-op on an in-memory worksheet).
 * @param decorate called for the title, header and data rows before they are committed.
 * @returns the sheet row of each catalogue row (same order) and the last column number.
 */
export function layoutCatalogue(
  sheet: ExcelJS.Worksheet,
  catalogue: Catalogue,
  knowledge: CatalogueKnowledge,
  decorate: RowDecorator = () => {},
): { sheetRows: number[]; lastColumn: number } {
  const extras = catalogue.extraColumns ?? [];
  const lastColumn = COLUMNS.length + extras.length;
  const widths = [...COLUMNS.map((c) => c.width), ...extras.map(() => 14)];
  sheet.columns = widths.map((width) => ({ width }));
  const title = catalogue.title ?? `${catalogue.field ?? "XX"}领域基层政务公开标准目录`;
  const titleRow = sheet.getRow(TITLE_ROW);
  titleRow.getCell(1).value = title;
  titleRow.height = 32;
  sheet.mergeCells(TITLE_ROW, 1, TITLE_ROW, lastColumn);
  const titleCell = sheet.getCell(TITLE_ROW, 1);
  titleCell.font = { name: "方正小标宋简体", size: 16, bold: true };
  titleCell.alignment = { horizontal: "center", vertical: "middle" };

  const headerRow = sheet.getRow(HEADER_ROW);
  const subRow = sheet.getRow(SUB_ROW);
  COLUMNS.forEach((col, i) => {
    headerRow.getCell(i + 1).value = col.header;
    if (col.sub) subRow.getCell(i + 1).value = col.sub;
  });
  extras.forEach((h, i) => {
    headerRow.getCell(COLUMNS.length + i + 1).value = h;
  });
  const headFont: Partial<ExcelJS.Font> = { name: "黑体", size: 10, bold: true };
  const headAlign: Partial<ExcelJS.Alignment> = { horizontal: "center", vertical: "middle", wrapText: true };
  const headFill: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
  for (const r of [headerRow, subRow]) {
    r.height = 22;
    for (let c = 1; c <= lastColumn; c++) {
      const cell = r.getCell(c);
      cell.font = headFont;
      cell.alignment = headAlign;
      cell.border = thin;
      cell.fill = headFill;
    }
  }
  for (let c = 1; c <= lastColumn; c++) {
    if (!COLUMNS[c - 1]?.sub) sheet.mergeCells(HEADER_ROW, c, SUB_ROW, c);
  }
  for (const [from, to] of [[2, 3], [9, 10], [11, 12], [13, 14]] as const) sheet.mergeCells(HEADER_ROW, from, HEADER_ROW, to);
  for (const [n, r] of [[TITLE_ROW, titleRow], [HEADER_ROW, headerRow], [SUB_ROW, subRow]] as const) {
    decorate(r, n);
    r.commit();
  }

  const sheetRows = catalogue.rows.map((_, i) => FIRST_DATA_ROW + i);
  // Groups of consecutive rows with the same non-empty 一级事项, merged before they are committed.
  let start = 0;
  while (start < catalogue.rows.length) {
    const level1 = (catalogue.rows[start] as Row).level1;
    let end = start;
    while (level1 !== "" && end + 1 < catalogue.rows.length && (catalogue.rows[end + 1] as Row).level1 === level1) end++;
    const rows: ExcelJS.Row[] = [];
    for (let i = start; i <= end; i++) {
      const values = rowValues(catalogue.rows[i] as Row, knowledge, catalogue.field, extras);
      const excelRow = sheet.getRow(FIRST_DATA_ROW + i);
      values.forEach((v, c) => {
        const cell = excelRow.getCell(c + 1);
        if (v !== "") cell.value = v;
        // One shared style object per kind of cell: exceljs's style table then recognises it by
        // reference instead of serialising every cell's style (most of a large export's time).
        cell.style = c === 0 || (c >= 8 && c <= 13) ? BODY_CENTER : BODY_LEFT;
      });
      excelRow.height = estimateHeight(values, widths);
      rows.push(excelRow);
    }
    if (end > start) sheet.mergeCells(FIRST_DATA_ROW + start, 2, FIRST_DATA_ROW + end, 2);
    rows.forEach((r, k) => {
      decorate(r, FIRST_DATA_ROW + start + k);
      r.commit();
    });
    start = end + 1;
  }
  return { sheetRows, lastColumn };
}
