/** Chat wording of validator findings: rule ID, severity, message and source, errors first. */
import { SEVERITY_LABEL, type Finding, type Severity } from "../../catalogue/index.js";
import { elementLabel } from "./values.js";

const ICON: Record<Severity, string> = { error: "❌", warning: "⚠️", info: "ℹ️" };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings sorted errors first, then warnings, then info (stable within a severity). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** The source, shortened for chat: the document and the start of the passage. */
export function shortSource(source: string, max = 60): string {
  const chars = [...source];
  return chars.length <= max ? source : `${chars.slice(0, max).join("")}…”`;
}

/** One finding as chat text (two lines: what is wrong, and what it rests on). */
export function formatFinding(f: Finding, o: { withSeq?: boolean } = {}): string {
  const row = o.withSeq ? (f.seq !== null ? `第${f.seq}条` : f.sheetRow !== null ? `表格第${f.sheetRow}行` : "") : "";
  const where = [row, f.field ? elementLabel(f.field) : ""].filter(Boolean).join(" ");
  return `${ICON[f.severity]} ${f.rule} ${SEVERITY_LABEL[f.severity]}${where ? `｜${where}` : ""}：${f.message}\n   依据：${shortSource(f.source)}`;
}

/**
 * Findings as a chat block, errors first; at most `limit` shown, the rest counted.
 * Returns "" for no findings.
 */
export function formatFindings(findings: readonly Finding[], o: { limit?: number; withSeq?: boolean } = {}): string {
  const sorted = sortFindings(findings);
  const limit = o.limit ?? 20;
  const shown = sorted.slice(0, limit).map((f) => formatFinding(f, o));
  if (sorted.length > limit) shown.push(`……另有 ${sorted.length - limit} 条，详见报告。`);
  return shown.join("\n");
}

/** "错误 1 条、警告 2 条" (only the non-zero counts), or "未发现问题". */
export function countText(findings: readonly Finding[]): string {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const parts = (["error", "warning", "info"] as const).filter((s) => n(s) > 0).map((s) => `${SEVERITY_LABEL[s]} ${n(s)} 条`);
  return parts.length ? parts.join("、") : "未发现问题";
}
