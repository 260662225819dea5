/** The deterministic validator: rules R01–R20 applied to a row or a whole catalogue. */
import type { CatalogueKnowledge } from "./knowledge.js";
import { checkColumns, checkDuplicates, checkNationalCoverage, checkSeq, checkTitle, type CatalogueHit } from "./rules/catalogue-rules.js";
import { RULES } from "./rules/meta.js";
import { ROW_RULES, type RowContext } from "./rules/row-rules.js";
import { ELEMENT_KEYS, RULE_IDS, type Catalogue, type Finding, type Row, type Severity } from "./schema.js";

export type { RowContext } from "./rules/row-rules.js";

function rowSeq(row: Row): number | null {
  return row.seq !== null && Number.isInteger(row.seq) && row.seq > 0 ? row.seq : null;
}

function toFinding(row: Row | null, hit: { rule: Finding["rule"]; field: Finding["field"]; message: string; severity?: Severity; sheetRow?: number | null }): Finding {
  const meta = RULES[hit.rule];
  return {
    rule: hit.rule,
    severity: hit.severity ?? meta.severity,
    seq: row ? rowSeq(row) : null,
    sheetRow: row ? (row.sheetRow ?? null) : (hit.sheetRow ?? null),
    field: hit.field,
    message: hit.message,
    source: meta.source,
  };
}

/**
 * Checks one row with the row-level rules (R01, R04–R17). Catalogue-level rules (R02 order,
 * R03 duplicates, R18–R20) need the whole catalogue: use validateCatalogue for those.
 * @param row the row to check (tolerant model; see schema.ts).
 * @param context knowledge, the columns the catalogue has (default all 14) and its field (for R17).
 * @returns findings, at most one per rule and field, in rule order; [] for a clean row.
 */
export function validateRow(row: Row, context: RowContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of ROW_RULES) {
    if (context.columns && !rule.needs.every((k) => context.columns?.includes(k))) continue;
    for (const hit of rule.check(row, context)) findings.push(toFinding(row, { rule: rule.id, ...hit }));
  }
  return findings;
}

const ruleOrder = (f: Finding): number => RULE_IDS.indexOf(f.rule);

/**
 * Checks a whole catalogue with all rules R01–R20.
 * Order: file-level findings (R19, R20), then each row's findings in rule order, then R18.
 * @param catalogue the catalogue (imported or drafted); `columns` says which elements it has.
 * @param knowledge loaded with loadCatalogueKnowledge(config.knowledgeDir).
 */
export function validateCatalogue(catalogue: Catalogue, knowledge: CatalogueKnowledge): Finding[] {
  const columns = catalogue.columns.length > 0 ? catalogue.columns : [...ELEMENT_KEYS];
  const context: RowContext = { knowledge, columns, field: catalogue.field };
  const perRow: Finding[][] = catalogue.rows.map((row) => validateRow(row, context));

  const rowHits: CatalogueHit[] = [];
  if (columns.includes("seq")) rowHits.push(...checkSeq(catalogue.rows));
  if (columns.includes("level2")) rowHits.push(...checkDuplicates(catalogue.rows));
  for (const hit of rowHits) {
    const index = hit.rowIndex as number;
    const row = catalogue.rows[index] as Row;
    // R02 replaces R01 on the same field: a 序号 that is present but wrong is not blank.
    (perRow[index] as Finding[]).push(toFinding(row, hit));
  }

  const fileLevel = [...checkColumns({ ...catalogue, columns }), ...checkTitle(catalogue)].map((h) => toFinding(null, h));
  const coverage = checkNationalCoverage({ ...catalogue, columns }, knowledge).map((h) => toFinding(null, h));
  return [...fileLevel, ...perRow.flatMap((fs) => fs.sort((a, b) => ruleOrder(a) - ruleOrder(b))), ...coverage];
}

/** Counts findings by severity (spec §5 `counts`). */
export function countFindings(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
