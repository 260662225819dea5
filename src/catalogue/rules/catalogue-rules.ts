/**
 * Catalogue-level rules: R02 (序号 order), R03 (duplicates), R18 (missing national items),
 * R19 (missing columns) and R20 (title). Pure functions of the catalogue and knowledge.
 */
import { findNationalList, type CatalogueKnowledge } from "../knowledge.js";
import { ELEMENTS, type Catalogue, type ElementKey, type Row, type RuleId, type Severity } from "../schema.js";
import { compactKey } from "../text.js";
import { itemRef } from "./field-rules.js";
import { closeOfficialName } from "./row-rules.js";

/** A hit tied to a row (index into catalogue.rows) or to the catalogue (rowIndex null). */
export interface CatalogueHit {
  rule: RuleId;
  rowIndex: number | null;
  field: ElementKey | null;
  message: string;
  severity?: Severity;
  /** Excel row for catalogue-level hits (header or title row). */
  sheetRow?: number | null;
}

const TITLE = /^(.+?)领域基层政务公开(?:事项)?标准目录(?:\(.*\))?$/;

/** The field named by a title "XX领域基层政务公开标准目录", or null when the title does not follow it. */
export function fieldFromTitle(title: string | null): string | null {
  if (!title) return null;
  const m = TITLE.exec(compactKey(title));
  return m ? (m[1] as string) : null;
}

/** The field a title names, even when it does not follow the pattern ("保障性住房领域" → 保障性住房). */
export function guessField(title: string | null): string | null {
  if (!title) return null;
  return fieldFromTitle(title) ?? /^(.+?)领域/.exec(compactKey(title))?.[1] ?? null;
}

/** R02: 序号 is a positive integer, consecutive from 1 (a gap is reported once, not on every later row). */
export function checkSeq(rows: Row[]): CatalogueHit[] {
  const hits: CatalogueHit[] = [];
  let expected = 1;
  rows.forEach((row, i) => {
    if (row.seq === null && row.seqText === undefined) {
      expected++;
      return;
    }
    const shown = row.seqText ?? String(row.seq);
    if (row.seq === null || !Number.isInteger(row.seq) || row.seq < 1) {
      hits.push({ rule: "R02", rowIndex: i, field: "seq", message: `序号“${shown}”不是正整数。序号按二级事项从1起连续编号，本行应为 ${expected}。` });
      expected++;
    } else {
      if (row.seq !== expected) {
        hits.push({ rule: "R02", rowIndex: i, field: "seq", message: `序号 ${row.seq} 不连续，此处应为 ${expected}。请按二级事项从1起连续编号。` });
      }
      expected = row.seq + 1;
    }
  });
  return hits;
}

/** R03: the same (一级事项, 二级事项) pair appears more than once. */
export function checkDuplicates(rows: Row[]): CatalogueHit[] {
  const seen = new Map<string, number>();
  const hits: CatalogueHit[] = [];
  rows.forEach((row, i) => {
    if (row.level2.trim() === "") return;
    const key = `${compactKey(row.level1)}\u0000${compactKey(row.level2)}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    const where = itemRef(rows[first] as Row, first);
    hits.push({
      rule: "R03", rowIndex: i, field: "level2",
      message: `“${row.level1.trim()} / ${row.level2.trim()}”与${where}重复。请合并这两行，或把二级事项改为能区分的具体名称。`,
    });
  });
  return hits;
}

/** R18: 二级事项 of the field's national guideline that the catalogue lacks (one finding listing them). */
export function checkNationalCoverage(catalogue: Catalogue, knowledge: CatalogueKnowledge): CatalogueHit[] {
  if (!catalogue.columns.includes("level2")) return [];
  const list = findNationalList(catalogue.field, knowledge);
  if (!list) return [];
  const present = new Set<string>();
  const basisText = catalogue.rows.map((r) => r.basis.join(" ")).join(" ");
  for (const row of catalogue.rows) {
    const key = compactKey(row.level2).replace(/\([^)]*\)$/, "");
    for (const o of list.level2) if (compactKey(o) === key) present.add(o);
    const close = closeOfficialName(row.level2, list.level2);
    if (close) present.add(close);
  }
  // An item whose removal is explained in a 公开依据 ("应当在“公开依据”中说明情况") counts as handled.
  const missing = list.level2.filter((o) => !present.has(o) && !compactKey(basisText).includes(compactKey(o)));
  if (missing.length === 0) return [];
  return [{
    rule: "R18", rowIndex: null, field: "level2", sheetRow: catalogue.sheet?.titleRow ?? null,
    message: `目录缺少${list.guideline}中的二级事项：${missing.map((m) => `“${m}”`).join("、")}。原则上不减少二级事项；本地确无此事项的，请在相关事项的“公开依据”中说明情况并注明依据。`,
  }];
}

/**
 * Words of a header that suggest an element, for a header the template does not use (公开时间,
 * 责任单位): 公开 itself is left out, every header has it.
 */
const HEADER_HINTS: Record<ElementKey, readonly string[]> = {
  seq: ["序号", "编号"],
  level1: ["一级", "大类", "类别"],
  level2: ["二级", "事项", "名称"],
  content: ["内容", "要素"],
  basis: ["依据", "法规", "文件"],
  timeLimit: ["时限", "时间", "期限", "时效", "日期"],
  subject: ["主体", "单位", "部门", "机关", "责任"],
  channels: ["渠道", "载体", "平台"],
  audience: ["对象"],
  mode: ["方式"],
  levels: ["层级", "级别"],
};

/** "A", …, "Z", "AA": the Excel letters of a 1-based column. */
function columnLetters(column: number): string {
  let n = column;
  let letters = "";
  while (n > 0) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** The unmapped header columns that look like each missing element (each column used once). */
function nearMisses(catalogue: Catalogue, missing: readonly ElementKey[]): Map<ElementKey, { column: number; header: string }> {
  const found = new Map<ElementKey, { column: number; header: string }>();
  const free = [...(catalogue.sheet?.unmapped ?? [])];
  for (const key of missing) {
    const i = free.findIndex((c) => HEADER_HINTS[key].some((w) => compactKey(c.header).replace(/公开/g, "").includes(w)));
    if (i >= 0) found.set(key, free.splice(i, 1)[0] as { column: number; header: string });
  }
  return found;
}

/**
 * R19: a column missing from the header — error for the eight national elements, warning for 序号
 * and 公开层级. A column whose header looks like the missing one (公开时间 for 公开时限) is named:
 * its cells are not read until the header is the template's.
 */
export function checkColumns(catalogue: Catalogue): CatalogueHit[] {
  const missing = ELEMENTS.filter((e) => !catalogue.columns.includes(e.key));
  const near = nearMisses(catalogue, missing.map((e) => e.key));
  return missing.map((e) => {
    const alike = near.get(e.key);
    const hint = alike ? `（第${columnLetters(alike.column)}列“${alike.header}”是不是这一列？请改成模板的列名“${e.label}”后重新上传，否则这一列的内容不会被检查）` : "";
    return {
      rule: "R19" as const, rowIndex: null, field: e.key, severity: e.national ? ("error" as const) : ("warning" as const),
      sheetRow: catalogue.sheet?.headerRow ?? null,
      message: e.national
        ? `表头缺少“${e.label}”列${hint}，这是国办发〔2019〕54号要求的目录要素。${alike ? "" : "请按模板补上该列并逐项填写。"}`
        : `表头缺少“${e.label}”列${hint}。${alike ? "" : `模板共十四列，请按模板补上该列${e.key === "levels" ? "（标注县级、乡级）" : "（按二级事项从1起编号）"}。`}`,
    };
  });
}

/** R20: the title follows "XX领域基层政务公开标准目录". */
export function checkTitle(catalogue: Catalogue): CatalogueHit[] {
  if (catalogue.fields && catalogue.fields.length > 1) {
    const shown = catalogue.fields.slice(0, 4).map((f) => `“${f}领域基层政务公开标准目录”`).join("、");
    return [{
      rule: "R20", rowIndex: null, field: null, sheetRow: catalogue.sheet?.titleRow ?? null,
      message: `本表包含 ${catalogue.fields.length} 个领域（${catalogue.fields.join("、")}）。标准目录按领域编制，建议每个领域单独成表，标题分别为${shown}${catalogue.fields.length > 4 ? "等" : ""}。`,
    }];
  }
  if (fieldFromTitle(catalogue.title) !== null) return [];
  const field = catalogue.field ?? guessField(catalogue.title);
  const example = field ? `，本目录应为“${field}领域基层政务公开标准目录”` : "";
  const message = catalogue.title
    ? `标题“${catalogue.title.trim()}”不符合格式。请改为“XX领域基层政务公开标准目录”${example}。`
    : `目录没有标题。请在表头上方加标题“XX领域基层政务公开标准目录”${example}。`;
  return [{ rule: "R20", rowIndex: null, field: null, sheetRow: catalogue.sheet?.titleRow ?? null, message }];
}
