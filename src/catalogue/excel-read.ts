/** Tolerant Excel import of a catalogue (spec §4), behind the upload guard. */
import ExcelJS from "exceljs";
import { CatalogueFileError } from "./errors.js";
import { rowTexts } from "./excel-cells.js";
import { columnsOf, detectHeader, type ColumnRole, type HeaderLayout } from "./excel-header.js";
import { dataMerges } from "./excel-merges.js";
import { cleanFieldName, continues, FIELD_HEADERS, mergeLine, sectionField } from "./excel-items.js";
import { buildRow } from "./excel-row.js";
import type { CatalogueKnowledge } from "./knowledge.js";
import { guessField } from "./rules/catalogue-rules.js";
import { ELEMENTS, type Catalogue, type ElementKey, type Row } from "./schema.js";
import { compactKey } from "./text.js";
import { tooManyRowsError } from "./sheet-scan.js";
import { DEFAULT_UPLOAD_LIMITS, HEADER_ROW_ALLOWANCE, inspectUpload, type UploadLimits } from "./upload-guard.js";

export interface ReadOptions {
  knowledge: CatalogueKnowledge;
  /** Upload limits; maxBytes usually config.maxUploadBytes. Unset ones use DEFAULT_UPLOAD_LIMITS. */
  limits?: Partial<UploadLimits>;
  /** Field to assume when the title does not name one. */
  field?: string | null;
}

/** Something the import noticed that is not a rule finding (e.g. a skipped notes block). */
export interface ImportNote {
  sheetRow: number | null;
  message: string;
}

export interface ReadResult {
  catalogue: Catalogue;
  notes: ImportNote[];
}

/**
 * A header with no item under it. Not a rule finding: R01–R25 judge items and columns, and an
 * empty table would otherwise pass with no finding at all.
 */
function noItems(catalogue: Catalogue): CatalogueFileError {
  const headerRow = catalogue.sheet?.headerRow;
  const where = headerRow ? `表头（第 ${headerRow} 行）下面` : "表头下面";
  return new CatalogueFileError("no-items", `表格中没有事项：${where}没有填写任何事项行。请在表头下逐行填写二级事项后重新上传。`);
}

const NOTE_START = /^(注|备注|说明|附注|填表说明)\s*[:：]?/;

function findTitle(getRow: (r: number) => string[], headerRow: number): { title: string | null; row: number | null } {
  for (let r = 1; r < headerRow; r++) {
    const text = getRow(r).find((t) => t.trim() !== "" && !/^附件\s*\d*$/.test(compactKey(t)) && !/^\d+$/.test(compactKey(t)));
    if (text) return { title: text.replace(/\s*\n\s*/g, "").trim(), row: r };
  }
  return { title: null, row: null };
}

function isBlank(texts: string[], roles: Map<number, ColumnRole>): boolean {
  for (const c of roles.keys()) if ((texts[c] ?? "").trim() !== "") return false;
  return true;
}

/** Columns (of the mapped ones) holding text in this row, by role key. */
function filledKeys(texts: string[], roles: Map<number, ColumnRole>): Set<string> {
  const keys = new Set<string>();
  for (const [c, role] of roles) {
    if ((texts[c] ?? "").trim() === "") continue;
    keys.add(role.kind === "element" || role.kind === "value" || role.kind === "single" ? role.key : role.kind);
  }
  return keys;
}

const elementColumn = (roles: Map<number, ColumnRole>, key: string): number | undefined =>
  [...roles].find(([, role]) => role.kind === "element" && role.key === key)?.[0];

/** True when the cell is covered by a merge started in another cell (exceljs gives it the master's value). */
function isMergedSlave(sheet: ExcelJS.Worksheet, r: number, c: number | undefined): boolean {
  return c !== undefined && sheet.getRow(r).getCell(c).type === ExcelJS.ValueType.Merge;
}

interface SheetRead {
  rows: Row[];
  headings: boolean;
  /** Data lines read (an item over two lines counts twice). */
  lines: number;
}

function readSheet(sheet: ExcelJS.Worksheet, layout: HeaderLayout, k: CatalogueKnowledge, maxCol: number, notes: ImportNote[], limits: UploadLimits): SheetRead {
  const roles = layout.roles;
  const hasLevel1 = [...roles.values()].some((r) => r.kind === "element" && r.key === "level1");
  const raw: { r: number; texts: string[] }[] = [];
  const first = (layout.subRow ?? layout.headerRow) + 1;
  let lines = 0;
  for (let r = first; r <= sheet.rowCount; r++) {
    const texts = rowTexts(sheet, r, maxCol);
    if (isBlank(texts, roles)) continue;
    const firstText = texts.find((t) => t.trim() !== "") ?? "";
    if (NOTE_START.test(firstText.trim())) {
      notes.push({ sheetRow: r, message: `第 ${r} 行起为表格说明（“${firstText.trim().slice(0, 12)}…”），未作为事项读取。` });
      break;
    }
    // Past the cap the lines are only counted, for the refusal to say how many there are.
    if (++lines <= limits.maxRows) raw.push({ r, texts });
  }
  if (lines > limits.maxRows) throw tooManyRowsError(`表头下面有 ${lines} 行`, limits.maxRows);
  const seqCol = elementColumn(roles, "seq");
  const level2Col = elementColumn(roles, "level2");
  const fieldCol = [...roles].find(([, role]) => role.kind === "extra" && FIELD_HEADERS.has(compactKey(role.header)))?.[0];
  const rows: Row[] = [];
  let level1 = "";
  let headings = false;
  let section: string | null = null;
  let previous: { seqText: string; level2: string } | null = null;
  raw.forEach(({ r, texts }, i) => {
    const named = sectionField(texts.slice(1), k);
    if (named) {
      section = named;
      previous = null;
      return;
    }
    const filled = filledKeys(texts, roles);
    // A heading row: only 一级事项 filled (template), or in a table without an 一级事项 column
    // only 序号 N and a name, followed by rows numbered N.x (YNGK standard tables).
    if (hasLevel1 && filled.size === 1 && filled.has("level1")) {
      level1 = (texts[elementColumn(roles, "level1") as number] ?? "").trim();
      return;
    }
    if (!hasLevel1 && seqCol !== undefined && [...filled].every((f) => f === "seq" || f === "level2") && filled.has("level2")) {
      const seq = compactKey(texts[seqCol] ?? "");
      const next = raw[i + 1];
      if (/^\d+$/.test(seq) && next && compactKey(next.texts[seqCol] ?? "").startsWith(`${seq}.`)) {
        level1 = (texts[level2Col as number] ?? "").trim();
        headings = true;
        return;
      }
    }
    const row = buildRow(texts, roles, k);
    row.sheetRow = r;
    const line = {
      seqText: seqCol !== undefined ? (texts[seqCol] ?? "") : "",
      seqMerged: isMergedSlave(sheet, r, seqCol),
      level2: row.level2,
      level2Merged: isMergedSlave(sheet, r, level2Col),
    };
    const item = rows[rows.length - 1];
    if (item && previous && seqCol !== undefined && level2Col !== undefined && continues(previous, line)) {
      mergeLine(item, row);
      return;
    }
    previous = { seqText: line.seqText, level2: row.level2 };
    if (hasLevel1 && row.level1 === "") row.level1 = level1;
    else if (hasLevel1) level1 = row.level1;
    if (!hasLevel1 && headings) row.level1 = level1;
    const field = fieldCol !== undefined ? cleanFieldName(texts[fieldCol] ?? "") : "";
    if (field || section) row.field = field || (section as string);
    rows.push(row);
  });
  return { rows, headings, lines: raw.length };
}

/** One worksheet read as a catalogue, or null when it has no recognisable header. */
function readWorksheet(sheet: ExcelJS.Worksheet, k: CatalogueKnowledge, limits: UploadLimits): { catalogue: Catalogue; notes: ImportNote[] } | null {
  if (sheet.rowCount > limits.maxRows + HEADER_ROW_ALLOWANCE) throw tooManyRowsError(`表格有 ${sheet.rowCount} 行（含标题和表头）`, limits.maxRows);
  const maxCol = Math.min(sheet.columnCount, limits.maxColumns);
  const cache = new Map<number, string[]>();
  const getRow = (r: number): string[] => {
    let t = cache.get(r);
    if (!t) cache.set(r, (t = rowTexts(sheet, r, maxCol)));
    return t;
  };
  const layout = detectHeader(getRow, sheet.rowCount, k);
  if (!layout) return null;
  const notes: ImportNote[] = [];
  const { title, row: titleRow } = findTitle(getRow, layout.headerRow);
  const { rows, headings } = readSheet(sheet, layout, k, maxCol, notes, limits);
  notes.push(...dataMerges(sheet, layout.roles, rows, maxCol));
  const mapped = columnsOf(layout);
  const columns: ElementKey[] = ELEMENTS.map((e) => e.key).filter((key) => mapped.includes(key) || (key === "level1" && headings));
  if (headings) notes.push({ sheetRow: null, message: "表中没有“一级事项”列，已把分组标题行（如“1 职能职责”）作为一级事项读取。" });
  const extraColumns = [...layout.roles.values()].flatMap((r) => (r.kind === "extra" ? [r.header] : []));
  const unmapped = [...layout.roles].flatMap(([column, r]) => (r.kind === "extra" ? [{ column, header: r.header }] : []));
  const catalogue: Catalogue = { title, field: guessField(title), columns, extraColumns, rows, sheet: { name: sheet.name, titleRow, headerRow: layout.headerRow, unmapped } };
  return { catalogue, notes };
}

/** The catalogue's field and, when its items name several, the list of them. */
function settleFields(catalogue: Catalogue, fallback: string | null): void {
  const named = [...new Set(catalogue.rows.flatMap((r) => (r.field ? [r.field] : [])))];
  if (named.length > 1) {
    catalogue.fields = named;
    catalogue.field = null;
    for (const row of catalogue.rows) if (!row.field && catalogue.title) row.field = guessField(catalogue.title) ?? undefined;
    return;
  }
  catalogue.field = catalogue.field ?? named[0] ?? fallback;
}

/**
 * Reads a catalogue from an uploaded .xlsx. The upload guard runs first (size, zip entries,
 * inflated size, rows, columns, cells, merge and validation ranges), then exceljs parses the
 * checked file. The first worksheet with a recognisable header is the catalogue; further sheets
 * with a header (one sheet per field) add their items, each with its sheet's field.
 * @throws CatalogueFileError (one-line Chinese reason) when the file is refused or unreadable, or
 *   holds a header but no item (code "no-items").
 */
export async function readCatalogue(data: Buffer, options: ReadOptions): Promise<ReadResult> {
  const limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...options.limits };
  const checked = await inspectUpload(data, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(checked as unknown as ArrayBuffer);
  } catch (err) {
    throw new CatalogueFileError("unreadable", "无法解析该 Excel 文件（文件可能已损坏），请在 Excel/WPS 中重新保存为 .xlsx 后上传。", { cause: err });
  }
  const k = options.knowledge;
  if (workbook.worksheets.length === 0) throw new CatalogueFileError("no-worksheet", "文件中没有工作表。");
  const found: { catalogue: Catalogue; notes: ImportNote[] }[] = [];
  for (const sheet of workbook.worksheets) {
    if (sheet.actualRowCount === 0) continue;
    const one = readWorksheet(sheet, k, limits);
    if (one) found.push(one);
  }
  if (found.length === 0) {
    if (workbook.worksheets.every((s) => s.actualRowCount === 0)) throw new CatalogueFileError("empty-sheet", "工作表是空的，没有可读取的内容。请填写目录后再上传。");
    throw new CatalogueFileError("no-header", "找不到目录表头（应包含“序号”“公开事项”“公开内容”“公开依据”等列），请使用标准目录模板。");
  }
  const read = found.filter((f) => f.catalogue.rows.length > 0);
  if (read.length === 0) throw noItems((found[0] as { catalogue: Catalogue }).catalogue);
  const [main, ...more] = read as [{ catalogue: Catalogue; notes: ImportNote[] }, ...{ catalogue: Catalogue; notes: ImportNote[] }[]];
  if (more.length > 0) {
    // One sheet per field: every item keeps its sheet and its sheet's field.
    const catalogue = main.catalogue;
    for (const part of read) {
      const sheetField = part.catalogue.field ?? cleanFieldName(part.catalogue.sheet?.name ?? "");
      for (const row of part.catalogue.rows) {
        row.sheet = part.catalogue.sheet?.name;
        if (!row.field && sheetField) row.field = sheetField;
      }
    }
    catalogue.rows = read.flatMap((p) => p.catalogue.rows);
    catalogue.columns = ELEMENTS.map((e) => e.key).filter((key) => read.some((p) => p.catalogue.columns.includes(key)));
    catalogue.extraColumns = [...new Set(read.flatMap((p) => p.catalogue.extraColumns))];
    if (catalogue.rows.length > limits.maxRows) throw tooManyRowsError(`各工作表合计有 ${catalogue.rows.length} 行事项`, limits.maxRows);
  }
  settleFields(main.catalogue, options.field ?? null);
  return { catalogue: main.catalogue, notes: read.flatMap((p) => p.notes) };
}
