/** The JSON (spec §5) and readable Chinese text forms of a validation result. */
import { RULES } from "./rules/meta.js";
import { SEVERITY_LABEL } from "./report.js";
import { elementInfo, type Catalogue, type Finding, type Severity } from "./schema.js";
import { countFindings } from "./validate.js";

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
 * A readable Chinese report grouped by row: file-level findings first, then one block per row
 * (Excel row, 序号, 二级事项), then catalogue-level coverage findings.
 */
export function formatTextReport(file: string, catalogue: Catalogue, findings: Finding[]): string {
  const counts = countFindings(findings);
  const out: string[] = [
    `文件：${file}`,
    `标题：${catalogue.title ?? "（无）"}`,
    `领域：${catalogue.field ?? "（未识别）"}`,
    `事项：${catalogue.rows.length} 行；错误 ${counts.error} 处，警告 ${counts.warning} 处，提示 ${counts.info} 处。`,
  ];
  if (findings.length === 0) {
    out.push("", "校验通过：未发现问题。");
    return `${out.join("\n")}\n`;
  }
  const rowKey = (f: Finding): string => (f.sheetRow !== null || f.seq !== null ? `${f.sheetRow ?? ""}|${f.seq ?? ""}` : "");
  const general = findings.filter((f) => rowKey(f) === "" || (f.field === null && f.seq === null) || ["R18", "R19", "R20"].includes(f.rule));
  const rowFindings = findings.filter((f) => !general.includes(f));
  if (general.length > 0) {
    out.push("", "【全表】");
    for (const f of general) out.push(line(f));
  }
  const groups = new Map<string, Finding[]>();
  for (const f of rowFindings) {
    const k = rowKey(f);
    groups.set(k, [...(groups.get(k) ?? []), f]);
  }
  for (const fs of groups.values()) {
    const f0 = fs[0] as Finding;
    const row = catalogue.rows.find((r) => (f0.sheetRow !== null ? r.sheetRow === f0.sheetRow : r.seq === f0.seq));
    const parts = [f0.sheetRow !== null ? `第 ${f0.sheetRow} 行` : null, f0.seq !== null ? `序号 ${f0.seq}` : null, row?.level2 ? `“${row.level2}”` : null];
    out.push("", `【${parts.filter(Boolean).join("，")}】`);
    for (const f of fs) out.push(line(f));
  }
  const used = [...new Set(findings.map((f) => f.rule))].sort();
  out.push("", "规则依据：");
  for (const id of used) out.push(`  ${id} ${RULES[id].title}——${RULES[id].source}`);
  return `${out.join("\n")}\n`;
}
