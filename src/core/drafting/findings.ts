/** Chat wording of validator findings: rule ID, severity, message and source, errors first. */
import { SEVERITY_LABEL, WHOLE_CATALOGUE_RULES, type Finding, type Severity } from "../../catalogue/index.js";
import { elementLabel } from "./values.js";

const ICON: Record<Severity, string> = { error: "❌", warning: "⚠️", info: "ℹ️" };
const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Findings sorted errors first, then warnings, then info (stable within a severity). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => RANK[a.severity] - RANK[b.severity]);
}

/** Longest quoted passage shown in chat; every rule's passage fits, a longer one is cut at a boundary. */
const PASSAGE_MAX = 120;

/** A passage cut to `max` characters at the last sentence end (。；), else clause end (，、：), with "…". */
function cutPassage(passage: string, max: number): string {
  const chars = [...passage];
  if (chars.length <= max) return passage;
  const head = chars.slice(0, max).join("");
  const at = (marks: RegExp): number => Math.max(...[...head.matchAll(marks)].map((m) => (m.index ?? -1) + m[0].length), -1);
  const sentence = at(/[。；！？]/g);
  const cut = sentence >= max / 3 ? sentence : at(/[，、：,]/g);
  return `${cut >= max / 3 ? head.slice(0, cut) : head}…`;
}

/**
 * The source for chat: each cited document whole, its passage whole when it is short (every
 * rule's is), else cut at a sentence or clause boundary — never in the middle of the words
 * that carry the rule. A source of several citations (R19) keeps each.
 */
export function shortSource(source: string, max = PASSAGE_MAX): string {
  return source
    .split(/(?<=”)；/)
    .map((cite) => {
      const open = cite.indexOf("：“");
      if (open < 0 || !cite.endsWith("”")) return cite;
      return `${cite.slice(0, open)}：“${cutPassage(cite.slice(open + 2, -1), max)}”`;
    })
    .join("；");
}

/**
 * Where a finding is, as chat names it: 全表 for a rule about the whole catalogue (as the reports
 * group it, not the title or header row it is anchored to), else the item (第N条, or a sheet row
 * when the item has no 序号) when `withSeq`, and the element.
 */
function placeOf(f: Finding, withSeq: boolean): string {
  if (WHOLE_CATALOGUE_RULES.includes(f.rule)) return "全表";
  const item = withSeq ? (f.seq !== null ? `第${f.seq}条` : f.sheetRow !== null ? `表格第${f.sheetRow}行` : "") : "";
  return [item, f.field ? elementLabel(f.field) : ""].filter(Boolean).join(" ");
}

/**
 * One finding as chat text (two lines: what is wrong, and what it rests on).
 * @param o.withSeq name the item (a catalogue's findings; a draft's are all about the draft).
 */
export function formatFinding(f: Finding, o: { withSeq?: boolean } = {}): string {
  const where = placeOf(f, o.withSeq === true);
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
