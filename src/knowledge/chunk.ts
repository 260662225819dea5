import type { Chunk, DocMeta, Section } from "./ingest.js";
import { splitSentences } from "./tokenize.js";

/** Longest passage, in characters, before a section is split at paragraph or table-row boundaries. */
const MAX_CHUNK = 600;

/** Sections shorter than this are merged with their short siblings into one passage. */
const MIN_SECTION = 160;

/** Turns a parsed document into passages that keep their document title and section path. */
export function chunkDocument(meta: DocMeta, sections: Section[]): Chunk[] {
  const chunks: Chunk[] = [];
  const base = { doc: meta.id, title: meta.title, kind: meta.kind };
  const push = (section: string, text: string, question?: string) =>
    chunks.push({ ...base, id: `${meta.id}#${chunks.length}`, section, text: text.trim(), ...(question ? { question } : {}) });
  for (const group of groupShortSiblings(meta, sections)) {
    if (group.length > 1) {
      const parent = group[0]!.path.slice(0, -1);
      const text = group.map((s) => [s.path.at(-1), ...toBlocks(s.lines)].join("\n")).join("\n");
      push([...parent, `${group[0]!.path.at(-1)}—${group.at(-1)!.path.at(-1)}`].join(" > "), text);
      continue;
    }
    const s = group[0]!;
    const heading = s.path.at(-1);
    const sectionPath = s.path.join(" > ");
    const blocks = toBlocks(s.lines);
    if (meta.kind === "faq" && heading && isQuestion(heading)) {
      push(sectionPath, [heading, ...blocks].join("\n"), heading);
      continue;
    }
    const lead = meta.kind === "regulation" && heading && /^第.+条$/.test(heading) ? `${heading} ` : heading ? `${heading}\n` : "";
    for (const body of pack(blocks)) push(sectionPath, `${lead}${body}`);
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

/** Paragraphs and tables as blocks; a table is kept as its header plus row groups. */
function toBlocks(lines: string[]): string[] {
  const blocks: string[] = [];
  let para: string[] = [];
  let table: string[] = [];
  const flush = () => {
    if (para.length) blocks.push(para.join("\n"));
    para = [];
    if (table.length) blocks.push(...splitTable(table));
    table = [];
  };
  for (const line of lines) {
    if (/^\s*\|/.test(line)) {
      if (para.length) {
        blocks.push(para.join("\n"));
        para = [];
      }
      table.push(line.trim());
    } else if (!line.trim()) {
      flush();
    } else {
      if (table.length) flush();
      para.push(line.trim());
    }
  }
  flush();
  return blocks.flatMap((b) => (b.length > MAX_CHUNK && !b.startsWith("|") ? splitLong(b) : [b]));
}

function splitTable(rows: string[]): string[] {
  const isRule = (r: string) => /^\|[\s:|-]+\|?$/.test(r);
  const header = rows.length > 1 && isRule(rows[1]!) ? rows.slice(0, 2) : [];
  const body = rows.slice(header.length);
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

function splitLong(text: string): string[] {
  const out: string[] = [];
  let cur = "";
  for (const s of splitSentences(text)) {
    if (cur && cur.length + s.length > MAX_CHUNK) {
      out.push(cur);
      cur = "";
    }
    cur += s;
  }
  if (cur) out.push(cur);
  return out;
}

/** Greedily packs consecutive blocks into passages of at most MAX_CHUNK characters. */
function pack(blocks: string[]): string[] {
  const out: string[] = [];
  let cur: string[] = [];
  let size = 0;
  for (const b of blocks) {
    const isTable = b.startsWith("|");
    if (cur.length && (size + b.length > MAX_CHUNK || isTable)) {
      out.push(cur.join("\n"));
      cur = [];
      size = 0;
    }
    if (isTable) {
      out.push(b);
      continue;
    }
    cur.push(b);
    size += b.length;
  }
  if (cur.length) out.push(cur.join("\n"));
  return out;
}
