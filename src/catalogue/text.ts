/** Text helpers shared by the import, the export and the rules. */

/** Comparison key: NFKC (unifies full/half-width brackets, colons, slashes) without any whitespace. */
export function compactKey(text: string): string {
  return text.normalize("NFKC").replace(/[\s\u00a0\u3000\u200b]+/g, "");
}

/** Key for header texts: compactKey without bracketed remarks such as （请写明） or (要素). */
export function headerKey(text: string): string {
  return compactKey(text).replace(/\([^)]*\)/g, "").replace(/[:：]$/, "");
}

const OPEN = "《(（〔[【“‘\"";
const CLOSE = "》)）〕]】”’\"";

/** Splits on a separator character only outside brackets and quotes. */
function splitOutside(text: string, seps: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text) {
    if (OPEN.includes(ch) && ch !== '"') depth++;
    else if (CLOSE.includes(ch) && ch !== '"') depth = Math.max(0, depth - 1);
    if (depth === 0 && seps.includes(ch)) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out;
}

const BULLETS = /[●•▪◆◇➢►▶■□]/;
const NUMBERING = /^(?:\d{1,2}\s*[.．、)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}[、.．]|[-—–*]\s)\s*/;

function cleanItem(item: string): string {
  return item
    .replace(NUMBERING, "")
    .replace(/^[\s、，,;；]+|[\s、，,;；。]+$/g, "")
    .trim();
}

/**
 * Splits a cell holding a list (公开内容 or 公开依据) into items.
 * Newlines, bullets (●, •, 1.), ； and ; always separate. A single-line 公开内容 is also split
 * on 、 (outside brackets); 公开依据 is always split on 、 outside brackets and between 》《.
 */
export function splitList(text: string, kind: "content" | "basis"): string[] {
  const normalized = text.replace(/\r\n?/g, "\n");
  let parts: string[] = [];
  for (const line of normalized.split("\n")) {
    for (const piece of splitOutside(line, "；;")) {
      for (const b of piece.split(BULLETS)) parts.push(b);
    }
  }
  parts = parts.map(cleanItem).filter((p) => p !== "");
  if (kind === "basis") {
    parts = parts.flatMap((p) => splitOutside(p.replace(/》\s*《/g, "》、《"), "、"));
  } else if (parts.length === 1) {
    parts = splitOutside(parts[0] as string, "、");
  }
  return parts.map(cleanItem).filter((p) => p !== "");
}

/** Joins a list for a cell: one item per line (imports back with splitList). */
export function joinList(items: string[]): string {
  return items.join("\n");
}

/** Result of reading a mark cell: whether it is marked, and the text left after the mark. */
export interface MarkReading {
  marked: boolean;
  /** Text besides the mark (e.g. a group name in the 特定群体 cell). */
  rest: string;
}

/**
 * Reads a cell of a mark column (√, ✓, ●, 是 … per knowledge marks).
 * A cell holding other text counts as marked, with that text as `rest`.
 */
export function readMark(text: string, marks: { checked: string[]; unchecked: string[] }): MarkReading {
  const t = text.trim();
  if (t === "") return { marked: false, rest: "" };
  for (const m of marks.unchecked) {
    if (t === m) return { marked: false, rest: "" };
  }
  for (const m of marks.checked) {
    if (t.startsWith(m)) {
      const rest = t.slice(m.length).trim().replace(/^[（(:：]\s*|\s*[）)]$/g, "").trim();
      return { marked: true, rest };
    }
  }
  if (t === "/" || t === "-" || t === "—" || t === "无") return { marked: false, rest: "" };
  return { marked: true, rest: t };
}

/** Parses a 序号 cell: number, or null with the original text kept. */
export function parseSeq(text: string): { seq: number | null; seqText?: string } {
  const t = compactKey(text);
  if (t === "") return { seq: null };
  if (/^\d+(\.\d+)?$/.test(t)) return { seq: Number(t) };
  return { seq: null, seqText: text.trim() };
}

/** Character bigram Dice similarity of two compact keys (0..1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const grams = (s: string): Map<string, number> => {
    const chars = [...s];
    const m = new Map<string, number>();
    if (chars.length === 1) m.set(s, 1);
    for (let i = 0; i + 1 < chars.length; i++) {
      const g = `${chars[i]}${chars[i + 1]}`;
      m.set(g, (m.get(g) ?? 0) + 1);
    }
    return m;
  };
  const ga = grams(a);
  const gb = grams(b);
  let inter = 0;
  let total = 0;
  for (const [g, n] of ga) {
    inter += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * inter) / total;
}
