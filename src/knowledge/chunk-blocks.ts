/** A section's lines as paragraphs, tables and long lists: the units chunk.ts packs into passages. */

/**
 * A list longer than this, in characters, with at least LIST_MIN_ITEMS items that average
 * LIST_MIN_ITEM characters (each item says something: a field and its responsible unit, a case
 * and its reply), is cut into passages of a few items. A list of bare names stays whole.
 */
export const LIST_SPLIT = 300;
const LIST_MIN_ITEMS = 5;
const LIST_MIN_ITEM = 28;
/** Items per passage of a split list, at most. */
export const LIST_GROUP = 4;

/** The marker of a list item, by style: (一) （1） 1. 1、 一是 ① or a bullet. */
const ITEM_STYLES: [string, RegExp][] = [
  ["paren-han", /^[(（][一二三四五六七八九十]+[)）]/],
  ["paren-digit", /^[(（]\d{1,2}[)）]/],
  ["digit", /^\d{1,2}[.、．](?!\d)/],
  ["shi", /^[一二三四五六七八九十]+是/],
  ["circled", /^[①-⑳]/],
  ["bullet", /^[-•●·▪■◆◇○*]\s/],
];

/** A paragraph (its lines), a table (its rows) or a list (its items, each a line) inside a section. */
export type Block = { kind: "para"; lines: string[] } | { kind: "table"; rows: string[] } | { kind: "list"; items: string[] };

/**
 * Paragraphs, tables and lists of a section. A list is a run of lines (blank lines between
 * them allowed) that open with the same item marker; it is a block of its own only when it is
 * long enough to be cut (LIST_SPLIT), otherwise its lines stay in their paragraph.
 */
export function toBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let table: string[] = [];
  const flushPara = () => {
    if (para.length) blocks.push({ kind: "para", lines: para });
    para = [];
  };
  const flushTable = () => {
    if (table.length) blocks.push({ kind: "table", rows: table });
    table = [];
  };
  for (const line of lines) {
    if (/^\s*\|/.test(line)) {
      flushPara();
      table.push(line.trim());
    } else if (!line.trim()) {
      flushPara();
      flushTable();
    } else {
      flushTable();
      para.push(line.trim());
    }
  }
  flushPara();
  flushTable();
  return extractLists(blocks);
}

/** Pulls long lists out of the paragraphs (across the blank lines between items) as blocks of their own. */
function extractLists(blocks: Block[]): Block[] {
  const out: Block[] = [];
  type Line = { line: string; para: number } | { block: Block; para: number };
  const lines = blocks.flatMap((b, para): Line[] => (b.kind === "para" ? b.lines.map((line) => ({ line, para })) : [{ block: b, para }]));
  let openPara = -1;
  for (let i = 0; i < lines.length; ) {
    const l = lines[i]!;
    if ("block" in l) {
      out.push(l.block);
      openPara = -1;
      i++;
      continue;
    }
    const style = itemStyle(l.line);
    let j = i + 1;
    while (style && j < lines.length && "line" in lines[j]! && itemStyle((lines[j] as { line: string }).line) === style) j++;
    const run = lines.slice(i, j) as { line: string; para: number }[];
    const chars = run.reduce((n, r) => n + r.line.length, 0);
    if (style && run.length >= LIST_MIN_ITEMS && chars > LIST_SPLIT && chars >= LIST_MIN_ITEM * run.length) {
      out.push({ kind: "list", items: run.map((r) => r.line) });
      openPara = -1;
    } else {
      for (const r of run.slice(0, 1)) {
        const tail = out.at(-1);
        if (tail?.kind === "para" && openPara === r.para) tail.lines.push(r.line);
        else out.push({ kind: "para", lines: [r.line] });
        openPara = r.para;
      }
      j = i + 1;
    }
    i = j;
  }
  return out;
}

/** The list-item style a line opens with, if any. */
export function itemStyle(line: string): string | undefined {
  return ITEM_STYLES.find(([, re]) => re.test(line))?.[0];
}
