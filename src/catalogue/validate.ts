/** The deterministic validator: rules R01–R25 applied to a row or a whole catalogue. */
import type { CatalogueKnowledge } from "./knowledge.js";
import { checkColumns, checkDuplicates, checkNationalCoverage, checkSeq, checkTitle, type CatalogueHit } from "./rules/catalogue-rules.js";
import { DATA_RULES } from "./rules/data-rules.js";
import { checkOfficialNames, checkRequiredPlatforms, fieldGroups } from "./rules/field-rules.js";
import { RULES } from "./rules/meta.js";
import { ROW_RULES, type RowContext } from "./rules/row-rules.js";
import { ELEMENT_KEYS, RULE_IDS, type Catalogue, type Finding, type Row, type Severity } from "./schema.js";
import { foldLines } from "./text.js";
import { fieldFromTitle, guessField } from "./rules/catalogue-rules.js";

export type { RowContext } from "./rules/row-rules.js";

const ALL_ROW_RULES = [...ROW_RULES, ...DATA_RULES];

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
    // Quoted cells may hold line breaks; a finding is one line (the --text report must not break).
    message: foldLines(hit.message),
    source: meta.source,
  };
}

/**
 * Checks one row with the row-level rules (R01, R04–R17, R22, R23, R25). Catalogue-level rules
 * (R02 order, R03 duplicates, R18–R21, R24) need the whole catalogue: use validateCatalogue.
 * @param row the row to check (tolerant model; see schema.ts).
 * @param context knowledge, the columns the catalogue has (default all 14) and its field (for R17);
 *   a row's own `field` (several fields in one workbook) wins.
 * @returns findings, at most one per rule and field, in rule order; [] for a clean row.
 */
export function validateRow(row: Row, context: RowContext): Finding[] {
  const findings: Finding[] = [];
  const ctx = row.field ? { ...context, field: row.field } : context;
  for (const rule of ALL_ROW_RULES) {
    if (ctx.columns && !rule.needs.every((k) => ctx.columns?.includes(k))) continue;
    for (const hit of rule.check(row, ctx)) findings.push(toFinding(row, { rule: rule.id, ...hit }));
  }
  return findings.sort((a, b) => ruleOrder(a) - ruleOrder(b));
}

const ruleOrder = (f: Finding): number => RULE_IDS.indexOf(f.rule);

/** Row indices per worksheet (one group when the rows name no sheet). */
function sheetGroups(rows: Row[]): number[][] {
  const groups = new Map<string, number[]>();
  rows.forEach((row, i) => {
    const group = groups.get(row.sheet ?? "");
    if (group) group.push(i);
    else groups.set(row.sheet ?? "", [i]);
  });
  return [...groups.values()];
}

/**
 * Checks a whole catalogue with all rules R01–R25. A workbook holding several fields is checked
 * field by field for R17, R18, R21 and R24.
 * Order: file-level findings (R19, R20, R21 on the title), then each row's findings in rule order
 * (R10 and R24 included: each is reported at the item it concerns), then per field R18.
 * @param catalogue the catalogue (imported or drafted); `columns` says which elements it has.
 * @param knowledge loaded with loadCatalogueKnowledge(config.knowledgeDir).
 */
export function validateCatalogue(catalogue: Catalogue, knowledge: CatalogueKnowledge): Finding[] {
  const columns = catalogue.columns.length > 0 ? catalogue.columns : [...ELEMENT_KEYS];
  const context: RowContext = { knowledge, columns, field: catalogue.field };
  const perRow: Finding[][] = catalogue.rows.map((row) => validateRow(row, context));
  const titleRow = catalogue.sheet?.titleRow ?? null;
  const titleField = fieldFromTitle(catalogue.title) ?? guessField(catalogue.title);
  const names = columns.includes("level1") || catalogue.fields ? checkOfficialNames(catalogue.rows, titleField, knowledge, titleRow) : [];

  const rowHits: CatalogueHit[] = [...names.filter((h) => h.rowIndex !== null)];
  if (columns.includes("channels") && columns.includes("mode")) {
    for (const group of fieldGroups(catalogue.rows, catalogue.field)) {
      const rows = group.indices.map((i) => catalogue.rows[i] as Row);
      rowHits.push(...checkRequiredPlatforms(rows, group.field, knowledge).map((h) => ({ ...h, rowIndex: group.indices[h.rowIndex as number] as number })));
    }
  }
  // 序号 restarts on each sheet of a workbook with one sheet per field.
  if (columns.includes("seq")) for (const indices of sheetGroups(catalogue.rows)) rowHits.push(...checkSeq(indices.map((i) => catalogue.rows[i] as Row)).map((h) => ({ ...h, rowIndex: indices[h.rowIndex as number] as number })));
  if (columns.includes("level2")) rowHits.push(...checkDuplicates(catalogue.rows));
  for (const hit of rowHits) {
    const index = hit.rowIndex as number;
    // R02 replaces R01 on the same field: a 序号 that is present but wrong is not blank.
    (perRow[index] as Finding[]).push(toFinding(catalogue.rows[index] as Row, hit));
  }

  const fileLevel = [
    ...checkColumns({ ...catalogue, columns }),
    ...checkTitle(catalogue),
    ...names.filter((h) => h.rowIndex === null),
  ].map((h) => toFinding(null, h));
  const perField = fieldGroups(catalogue.rows, catalogue.field).flatMap((group) => {
    const rows = group.indices.map((i) => catalogue.rows[i] as Row);
    const part = { ...catalogue, columns, field: group.field, rows };
    return checkNationalCoverage(part, knowledge).map((h) => toFinding(null, h));
  });
  return [...fileLevel, ...perRow.flatMap((fs) => fs.sort((a, b) => ruleOrder(a) - ruleOrder(b))), ...perField];
}

/** Counts findings by severity (spec §5 `counts`). */
export function countFindings(findings: Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
