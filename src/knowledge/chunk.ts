import type { Chunk, DocMeta, Section } from "./ingest.js";
import { type Block, itemStyle, LIST_GROUP, LIST_SPLIT, toBlocks } from "./chunk-blocks.js";
import { splitSentences } from "./tokenize.js";

/** Longest passage, in characters, before a section is split at paragraph or table-row boundaries. */
const MAX_CHUNK = 600;

/** Sections shorter than this are merged with their short siblings into one passage. */
const MIN_SECTION = 160;

/** Longest lead-in (the caption and explanation right before a table) carried into each of the table's passages. */
const MAX_LEAD = 200;

/** The line that opens a table or example: "示例：…", "表 A.1 …" under an example, "…如下：". */
const CAPTION = /^(示例|样例|附件|附表)|[：:]$/;

/** Turns a parsed document into passages that keep their document title and section path. */
export function chunkDocument(meta: DocMeta, sections: Section[]): Chunk[] {
  const chunks: Chunk[] = [];
  const base = { doc: meta.id, title: meta.title, kind: meta.kind };
  const push = (section: string, text: string, question?: string) =>
    chunks.push({ ...base, id: `${meta.id}#${chunks.length}`, section, text: text.trim(), ...(question ? { question } : {}) });
  for (const group of groupShortSiblings(meta, sections)) {
    if (group.length > 1) {
      const parent = group[0]!.path.slice(0, -1);
      const text = group.map((s) => [s.path.at(-1), ...contentLines(s.lines)].join("\n")).join("\n");
      push([...parent, `${group[0]!.path.at(-1)}—${group.at(-1)!.path.at(-1)}`].join(" > "), text);
      continue;
    }
    const s = group[0]!;
    const heading = s.path.at(-1);
    // text before the first heading (a notice's addressees, a regulation's promulgation lines) is cited by the document's title
    const sectionPath = s.path.length ? s.path.join(" > ") : meta.title;
    if (meta.kind === "faq" && heading && isQuestion(heading)) {
      push(sectionPath, [heading, ...contentLines(s.lines)].join("\n"), heading);
      continue;
    }
    const lead = meta.kind === "regulation" && heading && /^第.+条$/.test(heading) ? `${heading} ` : heading ? `${heading}\n` : "";
    for (const body of pack(toBlocks(s.lines))) push(sectionPath, `${lead}${body}`);
  }
  return chunks;
}

/**
 * Consecutive short sections under the same parent (the steps 1. 2. 3. of a work flow, one
 * line each) say little alone; they are kept together, up to the passage size. FAQ pairs and
 * regulation articles always stand alone: they are cited one by one.
 */
function groupShortSiblings(meta: DocMeta, sections: Section[]): Section[][] {
  if (meta.kind === "faq" || meta.kind === "regulation") return sections.map((s) => [s]);
  const size = (s: Section) => (s.path.at(-1)?.length ?? 0) + s.lines.join("").length;
  const parentOf = (s: Section) => s.path.slice(0, -1).join("\u0000");
  const groups: Section[][] = [];
  for (const s of sections) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    const short = size(s) < MIN_SECTION && !s.lines.some((l) => l.trim().startsWith("|"));
    if (
      last && prev && short && s.path.length > 1 &&
      size(prev) < MIN_SECTION && parentOf(prev) === parentOf(s) &&
      last.reduce((n, x) => n + size(x), 0) + size(s) <= MAX_CHUNK
    ) {
      last.push(s);
    } else {
      groups.push([s]);
    }
  }
  return groups;
}

function isQuestion(heading: string): boolean {
  return /[？?]\s*$/.test(heading) || /^(问|Q)[:：]/.test(heading) || /^\d+[.、．]/.test(heading);
}

/** The non-blank lines of a section, trimmed: each line stays a line (a sentence or item boundary). */
function contentLines(lines: string[]): string[] {
  return lines.map((l) => l.trim()).filter(Boolean);
}

/**
 * Packs blocks into passages of at most MAX_CHUNK characters. Paragraphs are packed greedily
 * (a long one split at line, then sentence boundaries, never gluing lines); a table keeps its
 * lead-in (the short lines right before it: caption, "示例：…", "具体如下：") in each of its
 * passages; a long list is cut into passages of a few items, each carrying the sentence that
 * introduces the list.
 */
function pack(blocks: Block[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let size = 0;
  const flush = () => {
    if (cur.length) out.push(cur.join("\n"));
    cur = [];
    size = 0;
  };
  for (const b of blocks) {
    if (b.kind === "table") {
      const lead = takeLead(cur);
      flush();
      out.push(...splitTable(b.rows, lead));
      continue;
    }
    if (b.kind === "list") {
      const lead = listLead(cur);
      flush();
      out.push(...groupItems(b.items).map((g) => [...lead, ...g].join("\n")));
      continue;
    }
    for (const piece of splitLong(b.lines)) {
      const n = piece.join("").length;
      if (cur.length && size + n > MAX_CHUNK) flush();
      cur.push(...piece);
      size += n;
    }
  }
  flush();
  return out;
}

/**
 * Removes and returns a table's lead-in from the end of `lines`: the trailing lines that fit in
 * MAX_LEAD, back to its caption ("示例：…", "…如下：") and never into a list.
 */
function takeLead(lines: string[]): string[] {
  let n = 0;
  let k = lines.length;
  while (k > 0 && n + lines[k - 1]!.length <= MAX_LEAD && !itemStyle(lines[k - 1]!)) {
    n += lines[--k]!.length;
    if (CAPTION.test(lines[k]!)) break;
  }
  return lines.splice(k);
}

/**
 * The sentence that introduces a list ("…主动公开本行政机关的下列政府信息：", "具体责任分工是："):
 * the last sentence of the line before it. A line that is only that sentence moves into the
 * list's passages; a longer one stays where it is and its last sentence is repeated.
 */
function listLead(lines: string[]): string[] {
  const last = lines.at(-1);
  if (!last) return [];
  const sentences = splitSentences(last);
  const intro = sentences.at(-1)!;
  if (!/[：:]$/.test(intro)) return [];
  if (sentences.length === 1) lines.pop();
  return [intro];
}

/** Cuts a list into groups of at most LIST_GROUP items and LIST_SPLIT characters, of about even length. */
function groupItems(items: string[]): string[][] {
  const total = items.join("").length;
  const target = total / Math.max(Math.ceil(items.length / LIST_GROUP), Math.ceil(total / LIST_SPLIT));
  const out: string[][] = [];
  let g: string[] = [];
  let n = 0;
  for (const item of items) {
    if (g.length && (g.length >= LIST_GROUP || n + item.length > LIST_SPLIT || n + item.length / 2 > target)) {
      out.push(g);
      g = [];
      n = 0;
    }
    g.push(item);
    n += item.length;
  }
  if (g.length) out.push(g);
  return out;
}

/**
 * A table as its lead-in and header plus row groups, each within MAX_CHUNK. The header is the
 * first row, the rule, and the second level of a two-level header (rows right after the rule
 * whose first cell is blank: "|  | 一级事项 | 二级事项 |").
 */
function splitTable(rows: string[], lead: string[]): string[] {
  const isRule = (r: string) => /^\|[\s:|-]+\|?$/.test(r);
  let head = rows.length > 1 && isRule(rows[1]!) ? 2 : 0;
  while (head && head < rows.length - 1 && /^\|\s*\|/.test(rows[head]!)) head++;
  const header = [...lead, ...rows.slice(0, head)];
  const body = rows.slice(head);
  const out: string[] = [];
  let group: string[] = [];
  let size = header.join("\n").length;
  for (const r of body) {
    if (group.length && size + r.length > MAX_CHUNK) {
      out.push([...header, ...group].join("\n"));
      group = [];
      size = header.join("\n").length;
    }
    group.push(r);
    size += r.length + 1;
  }
  if (group.length || header.length) out.push([...header, ...group].join("\n"));
  return out;
}

/**
 * A paragraph as pieces of at most MAX_CHUNK characters: whole lines where they fit, a line
 * longer than that at its sentence ends. Lines are never joined into one line: a line break is
 * a sentence or item boundary that answer selection relies on.
 */
function splitLong(lines: string[]): string[][] {
  if (lines.join("").length <= MAX_CHUNK) return [lines];
  const out: string[][] = [];
  for (const line of lines) {
    if (line.length <= MAX_CHUNK) {
      out.push([line]);
      continue;
    }
    let cur = "";
    for (const s of splitSentences(line)) {
      if (cur && cur.length + s.length > MAX_CHUNK) {
        out.push([cur]);
        cur = "";
      }
      cur += s;
    }
    if (cur) out.push([cur]);
  }
  return out;
}
