/** The JSON (spec §5) and readable Chinese text forms of a validation result. */
import type { ImportNote } from "./excel-read.js";
import { RULES, WHOLE_CATALOGUE_RULES } from "./rules/meta.js";
import { SEVERITY_LABEL } from "./report.js";
import { itemRef } from "./rules/field-rules.js";
import { elementInfo, type Catalogue, type Finding, type Row, type Severity } from "./schema.js";
import { foldLines } from "./text.js";
import { countFindings } from "./validate.js";
import { type CatalogueKnowledge, findNationalList } from "./knowledge.js";

/** The object `validate --json` prints (spec §5). */
export interface JsonReport {
  file: string;
  title: string | null;
  field: string | null;
  rows: number;
  counts: Record<Severity, number>;
  findings: Finding[];
}

/** Builds the spec §5 JSON object (keys in the documented order). */
export function buildJsonReport(file: string, catalogue: Catalogue, findings: Finding[]): JsonReport {
  return {
    file,
    title: catalogue.title,
    field: catalogue.field,
    rows: catalogue.rows.length,
    counts: countFindings(findings),
    findings: findings.map((f) => ({
      rule: f.rule, severity: f.severity, seq: f.seq, sheetRow: f.sheetRow, field: f.field, message: f.message, source: f.source,
    })),
  };
}

function line(f: Finding): string {
  const where = f.field ? elementInfo(f.field).label : "全表";
  return `  [${SEVERITY_LABEL[f.severity]}] ${f.rule} ${where}：${f.message}`;
}

/**
 * A readable Chinese report: file-level findings first, then one block per item (序号, sheet row,
 * 二级事项) — grouped under each field when the workbook holds several — then the sources.
 * Every finding is one line (cell text quoted with its line breaks folded).
 * @param notes what the import noticed (a notes block skipped, a merged cell read for several items), listed after the counts.
 */
export function formatTextReport(file: string, catalogue: Catalogue, findings: Finding[], notes: readonly ImportNote[] = []): string {
  const counts = countFindings(findings);
  const lines = sheetLines(catalogue);
  const fields = catalogue.fields && catalogue.fields.length > 1 ? catalogue.fields : null;
  const out: string[] = [
    `文件：${file}`,
    `标题：${catalogue.title ? foldLines(catalogue.title) : "（无）"}`,
    `领域：${fields ? `${fields.join("、")}（共 ${fields.length} 个）` : (catalogue.field ?? "（未识别）")}`,
    `事项：${catalogue.rows.length} 项${lines > catalogue.rows.length ? `（占表格 ${lines} 行）` : ""}；错误 ${counts.error} 处，警告 ${counts.warning} 处，提示 ${counts.info} 处。`,
  ];
  if (notes.length > 0) out.push("", "读取说明：", ...notes.map((n) => `  ${foldLines(n.message)}`));
  if (findings.length === 0) {
    out.push("", "校验通过：未发现问题。");
    return `${out.join("\n")}\n`;
  }
  const rowIndex = (f: Finding): number => (f.sheetRow === null && f.seq === null ? -1 : catalogue.rows.findIndex((r) => (f.sheetRow !== null ? r.sheetRow === f.sheetRow : r.seq === f.seq)));
  const general = findings.filter((f) => rowIndex(f) < 0 || WHOLE_CATALOGUE_RULES.includes(f.rule));
  if (general.length > 0) {
    out.push("", "【全表】");
    for (const f of general) out.push(line(f));
  }
  const groups = new Map<number, Finding[]>();
  for (const f of findings) {
    if (general.includes(f)) continue;
    const i = rowIndex(f);
    groups.set(i, [...(groups.get(i) ?? []), f]);
  }
  const block = (i: number): void => {
    const row = catalogue.rows[i] as Row;
    out.push("", `【${itemRef(row, i)}${row.level2 ? `，“${foldLines(row.level2)}”` : ""}】`);
    for (const f of groups.get(i) ?? []) out.push(line(f));
  };
  if (fields) {
    for (const field of [...fields, null]) {
      const indices = [...groups.keys()].filter((i) => (catalogue.rows[i]?.field ?? null) === field);
      if (indices.length === 0) continue;
      out.push("", `══ ${field ? `${field}领域` : "未标明领域"} ══`);
      indices.forEach(block);
    }
  } else [...groups.keys()].forEach(block);
  const used = [...new Set(findings.map((f) => f.rule))].sort();
  out.push("", "规则依据：");
  for (const id of used) out.push(`  ${id} ${RULES[id].title}——${RULES[id].source}`);
  return `${out.join("\n")}\n`;
}

/**
 * What to tell the official about a field whose national item list is not in knowledge/
 * (R17 and R18 check 一级/二级事项 names only against such a list): "" for a field with a list,
 * or for no field.
 */
export function unlistedFieldNote(field: string | null, k: CatalogueKnowledge): string {
  if (!field || findNationalList(field, k)) return "";
  return `本助手没有收录“${field}”领域国家标准指引的事项清单：一级、二级事项名称不做核对（R17、R18 不检查），请对照该领域国务院部门标准指引的原文核对。`;
}

/** unlistedFieldNote for each field a checked workbook holds (its one field, or every field of several), those that have one. */
export function unlistedFieldNotes(catalogue: Pick<Catalogue, "field" | "fields">, k: CatalogueKnowledge): string[] {
  return [...new Set(catalogue.fields ?? [catalogue.field])].map((f) => unlistedFieldNote(f, k)).filter(Boolean);
}

/** How many sheet lines the catalogue's items took: more than its items when some were printed over several lines. */
export function sheetLines(catalogue: Pick<Catalogue, "rows">): number {
  return catalogue.rows.reduce((n, r) => n + 1 + (r.lines?.length ?? 0), 0);
}

/**
 * Says that some items took several sheet lines, and why they were read as one: "" when none did.
 * A copied row with the same 序号 and 二级事项 reads as a second line of its item, which the
 * official should know to check.
 */
export function joinedLinesNote(catalogue: Pick<Catalogue, "rows">): string {
  const lines = sheetLines(catalogue);
  return lines > catalogue.rows.length ? `（占表格 ${lines} 行：序号合并、留空或与上一行相同且二级事项相同的行，按同一事项的续行读入）` : "";
}
