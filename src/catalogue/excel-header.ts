/**
 * Finds the catalogue header by its texts (not by position) and maps each column to a role:
 * one header row or two (merged group headers 公开事项/公开对象/公开方式/公开层级 over their
 * sub-columns), label variants (特定群众, 依申请公开, 公开内容(要素) …), one column per channel.
 */
import { canonicalChannel, type CatalogueKnowledge } from "./knowledge.js";
import { ELEMENTS, type ElementKey } from "./schema.js";
import { compactKey, headerKey } from "./text.js";

export type SimpleKey = Exclude<ElementKey, "audience" | "mode" | "levels">;
export type GroupedKey = "audience" | "mode" | "levels";

export type ColumnRole =
  | { kind: "element"; key: SimpleKey }
  /** One column per channel, marked with √ (其他 may hold the channel's name). */
  | { kind: "channelOption"; channel: string }
  /** A sub-column of a grouped element: 全社会/特定群体, 主动/依申请, 县级/乡级. */
  | { kind: "value"; key: GroupedKey; value: string }
  /** A grouped element in a single column holding the value as text. */
  | { kind: "single"; key: GroupedKey }
  | { kind: "extra"; header: string };

export interface HeaderLayout {
  headerRow: number;
  subRow: number | null;
  /** Role per 1-based column. */
  roles: Map<number, ColumnRole>;
}

const GROUPS: Record<string, GroupedKey | "公开事项"> = { 公开事项: "公开事项", 公开对象: "audience", 公开方式: "mode", 公开层级: "levels" };

type Label =
  | { type: "element"; key: SimpleKey }
  | { type: "group"; group: GroupedKey | "公开事项" }
  | { type: "value"; key: GroupedKey; value: string };

const simpleVariants = new Map<string, SimpleKey>();
for (const e of ELEMENTS) {
  if (e.key === "audience" || e.key === "mode" || e.key === "levels") continue;
  for (const v of e.variants) simpleVariants.set(headerKey(v), e.key);
}

/** Classifies one header text. */
export function classifyLabel(text: string, knowledge: CatalogueKnowledge): Label | null {
  const key = headerKey(text);
  if (key === "") return null;
  const group = GROUPS[key];
  if (group) return { type: "group", group };
  const simple = simpleVariants.get(key) ?? simpleVariants.get(compactKey(text));
  if (simple) return { type: "element", key: simple };
  for (const k of ["audience", "mode", "levels"] as const) {
    const value = knowledge[k].lookup.get(key) ?? knowledge[k].lookup.get(compactKey(text));
    if (value) return { type: "value", key: k, value };
  }
  return null;
}

function rowScore(texts: string[], knowledge: CatalogueKnowledge): number {
  const seen = new Set<string>();
  for (const t of texts) {
    const label = classifyLabel(t, knowledge);
    if (!label) continue;
    seen.add(label.type === "element" ? label.key : label.type === "group" ? label.group : label.key);
  }
  return seen.size;
}

/** Columns whose cells hold free text in a data row; a sub-header row leaves them blank. */
const TEXT_KEYS: ReadonlySet<SimpleKey> = new Set<SimpleKey>(["level2", "content", "basis", "timeLimit", "subject"]);

/** The group header over column c: its own top cell, or the one to its left when that is blank (unmerged group). */
function groupAbove(top: string[], c: number, knowledge: CatalogueKnowledge): GroupedKey | "公开事项" | null {
  for (const t of [top[c] ?? "", (top[c] ?? "").trim() === "" ? (top[c - 1] ?? "") : ""]) {
    const l = classifyLabel(t, knowledge);
    if (l?.type === "group") return l.group;
  }
  return null;
}

/**
 * True when `lower` is the sub-header row under `top`: it has at least one sub-label, every value
 * label (全社会/特定群体, 主动/依申请, 县级/乡级) sits under its own group header, and the
 * 二级事项/内容/依据/时限/主体 columns hold no text other than header labels. Otherwise `lower` is
 * the first data row (e.g. 全社会 and 主动 under single 公开对象/公开方式 columns).
 */
function isSubHeaderRow(top: string[], lower: string[], knowledge: CatalogueKnowledge): boolean {
  let labels = 0;
  const width = Math.max(top.length, lower.length);
  for (let c = 1; c < width; c++) {
    const t = (lower[c] ?? "").trim();
    if (t === "" || t === (top[c] ?? "").trim()) continue;
    const label = classifyLabel(t, knowledge);
    const above = classifyLabel(top[c] ?? "", knowledge);
    if (label?.type === "value") {
      if (groupAbove(top, c, knowledge) !== label.key) return false;
      labels++;
    } else if (label?.type === "element" && (label.key === "level1" || label.key === "level2")) {
      labels++;
    } else if (above?.type === "element" && TEXT_KEYS.has(above.key)) {
      return false;
    }
  }
  return labels >= 1;
}

/**
 * Finds the header among the first rows and maps the columns.
 * @param getRow texts of a 1-based row (index 0 unused)
 * @returns null when no row names at least three elements.
 */
export function detectHeader(getRow: (r: number) => string[], lastRow: number, knowledge: CatalogueKnowledge): HeaderLayout | null {
  let best = { row: 0, score: 0 };
  for (let r = 1; r <= Math.min(lastRow, 30); r++) {
    const score = rowScore(getRow(r), knowledge);
    if (score > best.score) best = { row: r, score };
  }
  if (best.score < 3) return null;
  const subLabelCount = (upper: string[], lower: string[]): number =>
    lower.filter((t, c) => {
      if (t === "" || t === upper[c]) return false;
      const l = classifyLabel(t, knowledge);
      return (l && (l.type === "value" || (l.type === "element" && (l.key === "level1" || l.key === "level2")))) || false;
    }).length;
  // Vertically merged headers repeat in the sub-header row, which can then score highest itself.
  let headerRow = best.row;
  if (best.row > 1 && rowScore(getRow(best.row - 1), knowledge) >= 3 && subLabelCount(getRow(best.row - 1), getRow(best.row)) >= 1) {
    headerRow = best.row - 1;
  }
  const top = getRow(headerRow);
  const next = headerRow < lastRow ? getRow(headerRow + 1) : [];
  const seqCol = top.findIndex((t) => classifyLabel(t, knowledge)?.type === "element" && simpleVariants.get(headerKey(t)) === "seq");
  const looksLikeData = seqCol > 0 && /^\d+(\.\d+)?$/.test(compactKey(next[seqCol] ?? ""));
  // an unmerged two-row header repeats its labels in the second row (序号 under 序号), whatever
  // other labels it renames there (公开时间 under 公开时限)
  const repeatsHeader = seqCol > 0 && compactKey(next[seqCol] ?? "") !== "" && compactKey(next[seqCol] ?? "") === compactKey(top[seqCol] ?? "");
  const subRow = !looksLikeData && (repeatsHeader || isSubHeaderRow(top, next, knowledge)) ? headerRow + 1 : null;
  const sub = subRow ? next : [];

  const roles = new Map<number, ColumnRole>();
  const used = new Set<string>();
  const claim = (c: number, role: ColumnRole, id: string, header: string): void => {
    if (used.has(id)) roles.set(c, { kind: "extra", header });
    else {
      used.add(id);
      roles.set(c, role);
    }
  };
  const width = Math.max(top.length, sub.length);
  for (let c = 1; c < width; c++) {
    const t = (top[c] ?? "").trim();
    const s = (sub[c] ?? "").trim();
    const tl = classifyLabel(t, knowledge);
    const sl = s !== "" && s !== t ? classifyLabel(s, knowledge) : null;
    const header = [t, s !== t ? s : ""].filter(Boolean).join("/");
    if (tl?.type === "element" && tl.key === "channels" && s !== "" && s !== t) {
      const ch = canonicalChannel(s, knowledge);
      if (ch === "其他" || knowledge.channelNames.includes(ch)) {
        claim(c, { kind: "channelOption", channel: ch }, `channel:${ch}`, header);
        continue;
      }
    }
    if (sl?.type === "value") claim(c, { kind: "value", key: sl.key, value: sl.value }, `value:${sl.key}:${sl.value}`, header);
    else if (sl?.type === "element") claim(c, { kind: "element", key: sl.key }, sl.key, header);
    else if (tl?.type === "element") claim(c, { kind: "element", key: tl.key }, tl.key, header);
    else if (tl?.type === "value") claim(c, { kind: "value", key: tl.key, value: tl.value }, `value:${tl.key}:${tl.value}`, header);
    else if (tl?.type === "group") {
      if (tl.group === "公开事项") claim(c, { kind: "element", key: "level2" }, "level2", header);
      else claim(c, { kind: "single", key: tl.group }, `single:${tl.group}`, header);
    } else if (header !== "") roles.set(c, { kind: "extra", header });
  }
  return { headerRow, subRow, roles };
}

/** Elements the mapped columns provide. */
export function columnsOf(layout: HeaderLayout): ElementKey[] {
  const keys = new Set<ElementKey>();
  for (const role of layout.roles.values()) {
    if (role.kind === "element") keys.add(role.key);
    else if (role.kind === "channelOption") keys.add("channels");
    else if (role.kind === "value" || role.kind === "single") keys.add(role.key);
  }
  return ELEMENTS.map((e) => e.key).filter((k) => keys.has(k));
}
