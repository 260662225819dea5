/** Text helpers shared by the import, the export and the rules. */

const keyCache = new Map<string, string>();

/** Comparison key: NFKC (unifies full/half-width brackets, colons, slashes) without any whitespace. */
export function compactKey(text: string): string {
  // Memoised: the rules ask for the keys of the same names (national items, aliases) on every row.
  let key = keyCache.get(text);
  if (key === undefined) {
    key = text.normalize("NFKC").replace(/[\s\u00a0\u3000\u200b]+/g, "");
    if (keyCache.size >= 20_000) keyCache.clear();
    keyCache.set(text, key);
  }
  return key;
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
 * A cell's text as written, normalising only whitespace and line-break style: CRLF/CR become LF,
 * trailing spaces of each line and blank edges are removed. Kept beside the parsed structure so
 * that export, reports and quotes show the official's own wording.
 */
export function normalizeCellText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[ \t\u00a0\u3000]+$/, ""))
    .join("\n")
    .replace(/^\s+|\s+$/g, "");
}

/**
 * Splits a piece on 、 (outside brackets) only when every part is long enough to be an item of
 * its own: "适用范围、审批依据" is a list, "与安全生产有关的法律、法规", "县、乡两级政府" and
 * "申请、受理" are single phrases with a coordinated pair inside.
 */
function splitEnumeration(piece: string): string[] {
  const parts = splitOutside(piece, "、").map(cleanItem);
  if (parts.length < 2 || parts.some((p) => [...compactKey(p)].length < 3)) return [piece];
  return parts;
}

/**
 * Splits a cell holding a list (公开内容 or 公开依据) into items, only where the cell itself lists
 * items: newlines, bullets (●, •, 1.), ； and ;. A single-line 公开内容 and every 公开依据 piece is
 * also split on 、 outside brackets (and 公开依据 between 》《), unless that would cut a phrase
 * ("法律、法规", "县、乡两级", "申请、受理" — see splitEnumeration).
 */
export function splitList(text: string, kind: "content" | "basis"): string[] {
  return [...remembered(splitCache[kind], text, () => splitListOnce(text, kind))];
}

/** Most distinct cells remembered per kind; past it the memory starts over. */
const CELL_MEMORY = 4096;
const splitCache = { content: new Map<string, readonly string[]>(), basis: new Map<string, readonly string[]>() };

/**
 * `compute()` for `text`, remembered: a catalogue repeats its cells row after row (the same
 * 公开依据, the same channel options), and reading, validating and writing each parse them.
 * Callers copy what they keep.
 */
export function remembered<T>(memory: Map<string, T>, text: string, compute: () => T): T {
  let value = memory.get(text);
  if (value === undefined) {
    value = compute();
    if (memory.size >= CELL_MEMORY) memory.clear();
    memory.set(text, value);
  }
  return value;
}

function splitListOnce(text: string, kind: "content" | "basis"): string[] {
  const normalized = text.replace(/\r\n?/g, "\n");
  let parts: string[] = [];
  for (const line of normalized.split("\n")) {
    for (const piece of splitOutside(line, "；;")) {
      for (const b of piece.split(BULLETS)) parts.push(b);
    }
  }
  parts = parts.map(cleanItem).filter((p) => p !== "");
  if (kind === "basis") {
    parts = parts.flatMap(commaSeparatedDocuments);
    parts = parts.flatMap((p) => splitOutside(p.replace(/》\s*《/g, "》、《"), "、").length > 1 ? splitEnumeration(p.replace(/》\s*《/g, "》、《")) : [p]);
  } else if (parts.length === 1) {
    parts = splitEnumeration(parts[0] as string);
  }
  return parts.map(cleanItem).filter((p) => p !== "");
}

/** A piece of 公开依据 naming a document: its title, perhaps followed by the article cited (政府信息公开条例第二十条). */
const NAMES_DOCUMENT = /(法|条例|办法|规定|意见|通知|细则|决定|指引|方案|规则|》)(第[一二三四五六七八九十百零\d]+条.*)?$/;

/**
 * 公开依据 written as documents separated by commas (社会救助暂行办法，政府信息公开条例第二十条):
 * one item per document, when every piece names one; otherwise the piece as written (《条例》第十九条，第二十条).
 */
function commaSeparatedDocuments(piece: string): string[] {
  const parts = splitOutside(piece, "，,").map((p) => p.trim());
  return parts.length > 1 && parts.every((p) => NAMES_DOCUMENT.test(p)) ? parts : [piece];
}

/** Joins a list for a cell: one item per line (imports back with splitList). */
export function joinList(items: string[]): string {
  return items.join("\n");
}

/**
 * The text to write for a list element: the cell as the official wrote it when its items are
 * still the ones read from it (the element was not edited since), otherwise one item per line.
 */
export function listCellText(items: string[], original: string | undefined, kind: "content" | "basis"): string {
  if (original !== undefined) {
    const read = splitList(original, kind);
    if (read.length === items.length && read.every((item, i) => item === items[i])) return original;
  }
  return joinList(items);
}

/** Folds line breaks (and runs of spaces around them) so that a quoted cell stays on one line. */
export function foldLines(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").trim();
}

/** Result of reading a mark cell: whether it is marked, and the text left after the mark. */
export interface MarkReading {
  marked: boolean;
  /** Text besides the mark (e.g. a group name in the 特定群体 cell). */
  rest: string;
  /** The cell holds only a cross (×, x): read as not ticked, but the reading is ambiguous. */
  crossed?: string;
}

/**
 * Reads a cell of a mark column (√, ✓, ●, 是 … per knowledge marks).
 * A cell holding other text counts as marked, with that text as `rest`; a cell holding only a
 * cross (×, x: `marks.crossed`) does not, and says so in `crossed`.
 */
export function readMark(text: string, marks: { checked: string[]; unchecked: string[]; crossed?: string[] }): MarkReading {
  const t = text.trim();
  if (t === "") return { marked: false, rest: "" };
  const key = compactKey(t);
  const cross = marks.crossed?.find((m) => compactKey(m) === key);
  if (cross !== undefined) return { marked: false, rest: "", crossed: t };
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

const gramCache = new Map<string, Map<string, number>>();

/** Character bigrams of a key with their counts (memoised like compactKey). */
function grams(s: string): Map<string, number> {
  let m = gramCache.get(s);
  if (m) return m;
  const chars = [...s];
  m = new Map<string, number>();
  if (chars.length === 1) m.set(s, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  if (gramCache.size >= 20_000) gramCache.clear();
  gramCache.set(s, m);
  return m;
}

/** Character bigram Dice similarity of two compact keys (0..1). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
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
