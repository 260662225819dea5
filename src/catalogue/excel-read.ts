/** Tolerant Excel import of a catalogue (spec §4), behind the upload guard. */
import ExcelJS from "exceljs";
import { parseChannelCell } from "./channels-cell.js";
import { CatalogueFileError } from "./errors.js";
import { rowTexts } from "./excel-cells.js";
import { columnsOf, detectHeader, type ColumnRole, type HeaderLayout } from "./excel-header.js";
import { canonicalChannel, sortChannels, type CatalogueKnowledge } from "./knowledge.js";
import { guessField } from "./rules/catalogue-rules.js";
import { ELEMENTS, emptyRow, type Audience, type Catalogue, type ElementKey, type Level, type Mode, type Row } from "./schema.js";
import { compactKey, normalizeCellText, parseSeq, readMark, splitList } from "./text.js";
import { DEFAULT_UPLOAD_LIMITS, guardUpload, type UploadLimits } from "./upload-guard.js";

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

const NOTE_START = /^(注|备注|说明|附注|填表说明)\s*[:：]?/;

function findTitle(getRow: (r: number) => string[], headerRow: number): { title: string | null; row: number | null } {
  for (let r = 1; r < headerRow; r++) {
    const text = getRow(r).find((t) => t.trim() !== "" && !/^附件\s*\d*$/.test(compactKey(t)) && !/^\d+$/.test(compactKey(t)));
    if (text) return { title: text.replace(/\s*\n\s*/g, "").trim(), row: r };
  }
  return { title: null, row: null };
}

function readAudience(society: boolean, specific: boolean, group: string): Audience {
  const g = group.trim();
  if (society && specific) return g ? { kind: "both", group: g } : { kind: "both" };
  if (society) return { kind: "全社会" };
  if (specific) return g ? { kind: "特定群体", group: g } : { kind: "特定群体" };
  return { kind: "none" };
}

function singleAudience(text: string, k: CatalogueKnowledge): Audience {
  const t = text.trim();
  if (t === "") return { kind: "none" };
  const parts = t.split(/[、，,;；\n]+/).map((p) => p.trim()).filter(Boolean);
  let society = false;
  let specific = false;
  let group = "";
  for (const p of parts) {
    const v = k.audience.lookup.get(compactKey(p));
    if (v === "全社会") society = true;
    else if (v === "特定群体") specific = true;
    else {
      const m = /^(特定群体|特定群众|特定对象)\s*[:：（(]?\s*(.*?)[）)]?$/.exec(p);
      specific = true;
      group = m ? (m[2] as string) : p;
    }
  }
  return readAudience(society, specific, group);
}

function singleMode(text: string): Mode {
  const active = /主动/.test(text);
  const onRequest = /依申请/.test(text);
  return active && onRequest ? "both" : active ? "主动" : onRequest ? "依申请" : "none";
}

function singleLevels(text: string, k: CatalogueKnowledge): Level[] {
  const out = new Set<Level>();
  for (const p of text.split(/[、，,;；\n和及]+/)) {
    const v = k.levels.lookup.get(compactKey(p)) as Level | undefined;
    if (v) out.add(v);
    else if (/县/.test(p)) out.add("县级");
    else if (/[乡镇街]/.test(p)) out.add("乡级");
  }
  return (["县级", "乡级"] as const).filter((l) => out.has(l));
}

/** Builds one row from the texts of its mapped columns. */
function buildRow(texts: string[], roles: Map<number, ColumnRole>, k: CatalogueKnowledge): Row {
  const row = emptyRow();
  let society = false;
  let specific = false;
  let group = "";
  let active = false;
  let onRequest = false;
  const levels = new Set<Level>();
  const channels: string[] = [];
  for (const [c, role] of roles) {
    const text = texts[c] ?? "";
    switch (role.kind) {
      case "element":
        if (role.key === "seq") Object.assign(row, parseSeq(text));
        else if (role.key === "content" || role.key === "basis") {
          row[role.key] = splitList(text, role.key);
          if (text.trim() !== "") row.original = { ...row.original, [role.key]: normalizeCellText(text) };
        } else if (role.key === "channels") {
          channels.push(...parseChannelCell(text, k));
          if (text.trim() !== "") row.original = { ...row.original, channels: normalizeCellText(text) };
        }
        else row[role.key] = text.trim();
        break;
      case "channelOption": {
        const mark = readMark(text, k.marks);
        if (mark.marked) channels.push(role.channel === "其他" && mark.rest ? canonicalChannel(`其他：${mark.rest}`, k) : role.channel);
        break;
      }
      case "value": {
        const mark = readMark(text, k.marks);
        if (!mark.marked) break;
        if (role.key === "audience") {
          if (role.value === "全社会") society = true;
          else {
            specific = true;
            group = mark.rest;
          }
        } else if (role.key === "mode") {
          if (role.value === "主动") active = true;
          else onRequest = true;
        } else levels.add(role.value as Level);
        break;
      }
      case "single":
        if (role.key === "audience") row.audience = singleAudience(text, k);
        else if (role.key === "mode") row.mode = singleMode(text);
        else row.levels = singleLevels(text, k);
        break;
      case "extra":
        if (text.trim() !== "") row.extras = { ...row.extras, [role.header]: text.trim() };
        break;
    }
  }
  const has = (kind: ColumnRole["kind"], key: string): boolean => [...roles.values()].some((r) => r.kind === kind && "key" in r && r.key === key);
  if (has("value", "audience")) row.audience = readAudience(society, specific, group);
  if (has("value", "mode")) row.mode = active && onRequest ? "both" : active ? "主动" : onRequest ? "依申请" : "none";
  if (has("value", "levels")) row.levels = (["县级", "乡级"] as const).filter((l) => levels.has(l));
  row.channels = sortChannels(channels, k);
  return row;
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

function readSheet(sheet: ExcelJS.Worksheet, layout: HeaderLayout, k: CatalogueKnowledge, maxCol: number, notes: ImportNote[]): { rows: Row[]; headings: boolean } {
  const roles = layout.roles;
  const hasLevel1 = [...roles.values()].some((r) => r.kind === "element" && r.key === "level1");
  const raw: { r: number; texts: string[] }[] = [];
  const first = (layout.subRow ?? layout.headerRow) + 1;
  for (let r = first; r <= sheet.rowCount; r++) {
    const texts = rowTexts(sheet, r, maxCol);
    if (isBlank(texts, roles)) continue;
    const firstText = texts.find((t) => t.trim() !== "") ?? "";
    if (NOTE_START.test(firstText.trim())) {
      notes.push({ sheetRow: r, message: `第 ${r} 行起为表格说明（“${firstText.trim().slice(0, 12)}…”），未作为事项读取。` });
      break;
    }
    raw.push({ r, texts });
  }
  const seqCol = [...roles].find(([, role]) => role.kind === "element" && role.key === "seq")?.[0];
  const rows: Row[] = [];
  let level1 = "";
  let headings = false;
  raw.forEach(({ r, texts }, i) => {
    const filled = filledKeys(texts, roles);
    // A heading row: only 一级事项 filled (template), or in a table without an 一级事项 column
    // only 序号 N and a name, followed by rows numbered N.x (YNGK standard tables).
    if (hasLevel1 && filled.size === 1 && filled.has("level1")) {
      level1 = row1(texts, roles);
      return;
    }
    if (!hasLevel1 && seqCol !== undefined && [...filled].every((f) => f === "seq" || f === "level2") && filled.has("level2")) {
      const seq = compactKey(texts[seqCol] ?? "");
      const next = raw[i + 1];
      if (/^\d+$/.test(seq) && next && compactKey(next.texts[seqCol] ?? "").startsWith(`${seq}.`)) {
        const nameCol = [...roles].find(([, role]) => role.kind === "element" && role.key === "level2")?.[0] as number;
        level1 = (texts[nameCol] ?? "").trim();
        headings = true;
        return;
      }
    }
    const row = buildRow(texts, roles, k);
    if (hasLevel1 && row.level1 === "") row.level1 = level1;
    else if (hasLevel1) level1 = row.level1;
    if (!hasLevel1 && headings) row.level1 = level1;
    row.sheetRow = r;
    rows.push(row);
  });
  return { rows, headings };
}

function row1(texts: string[], roles: Map<number, ColumnRole>): string {
  const c = [...roles].find(([, role]) => role.kind === "element" && role.key === "level1")?.[0] as number;
  return (texts[c] ?? "").trim();
}

/**
 * Reads a catalogue from an uploaded .xlsx. The upload guard runs first (size, zip entries,
 * compression ratio, inflated size, rows, columns), then exceljs parses the file, then the
 * first worksheet with a recognisable header is read.
 * @throws CatalogueFileError (one-line Chinese reason) when the file is refused or unreadable.
 */
export async function readCatalogue(data: Buffer, options: ReadOptions): Promise<ReadResult> {
  const limits: UploadLimits = { ...DEFAULT_UPLOAD_LIMITS, ...options.limits };
  await guardUpload(data, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (err) {
    throw new CatalogueFileError("unreadable", "无法解析该 Excel 文件（文件可能已损坏），请在 Excel/WPS 中重新保存为 .xlsx 后上传。", { cause: err });
  }
  const k = options.knowledge;
  if (workbook.worksheets.length === 0) throw new CatalogueFileError("no-worksheet", "文件中没有工作表。");
  let anyContent = false;
  for (const sheet of workbook.worksheets) {
    if (sheet.rowCount > limits.maxRows) throw new CatalogueFileError("too-many-rows", `表格行数超过上限（最多 ${limits.maxRows} 行），请拆分后分别上传。`);
    const maxCol = Math.min(sheet.columnCount, limits.maxColumns);
    if (sheet.actualRowCount === 0) continue;
    anyContent = true;
    const cache = new Map<number, string[]>();
    const getRow = (r: number): string[] => {
      let t = cache.get(r);
      if (!t) cache.set(r, (t = rowTexts(sheet, r, maxCol)));
      return t;
    };
    const layout = detectHeader(getRow, sheet.rowCount, k);
    if (!layout) continue;
    const notes: ImportNote[] = [];
    const { title, row: titleRow } = findTitle(getRow, layout.headerRow);
    const { rows, headings } = readSheet(sheet, layout, k, maxCol, notes);
    const mapped = columnsOf(layout);
    const columns: ElementKey[] = ELEMENTS.map((e) => e.key).filter((key) => mapped.includes(key) || (key === "level1" && headings));
    if (headings) notes.push({ sheetRow: null, message: "表中没有“一级事项”列，已把分组标题行（如“1 职能职责”）作为一级事项读取。" });
    const extraColumns = [...layout.roles.values()].flatMap((r) => (r.kind === "extra" ? [r.header] : []));
    const catalogue: Catalogue = {
      title,
      field: guessField(title) ?? options.field ?? null,
      columns,
      extraColumns,
      rows,
      sheet: { name: sheet.name, titleRow, headerRow: layout.headerRow },
    };
    return { catalogue, notes };
  }
  if (!anyContent) throw new CatalogueFileError("empty-sheet", "工作表是空的，没有可读取的内容。请填写目录后再上传。");
  throw new CatalogueFileError("no-header", "找不到目录表头（应包含“序号”“公开事项”“公开内容”“公开依据”等列），请使用标准目录模板。");
}
