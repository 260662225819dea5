import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { splitSentences } from "./tokenize.js";

export const docKinds = ["faq", "guideline", "notice", "regulation", "training"] as const;

const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  issuer: z.string().min(1),
  docNumber: z.string().optional(),
  date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)).optional(),
  source: z.string().min(1),
  kind: z.enum(docKinds),
  origin: z.string().optional(),
});

export type DocMeta = z.output<typeof frontMatterSchema>;

/** A retrievable passage: an FAQ pair, an article, a section, or a group of table rows. */
export interface Chunk {
  id: string;
  doc: string;
  title: string;
  kind: DocMeta["kind"];
  /** Heading path inside the document, joined with " > ". */
  section: string;
  /** The passage as cited: heading line first, then the body. */
  text: string;
  /** For FAQ pairs: the question as written. */
  question?: string;
}

/** Raised when a knowledge file is malformed; names the file. */
export class KnowledgeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KnowledgeError";
  }
}

interface Section {
  path: string[];
  lines: string[];
}

/** Longest passage, in characters, before a section is split at paragraph or table-row boundaries. */
const MAX_CHUNK = 600;

/**
 * Parses one knowledge Markdown file (YAML front matter, then headings and paragraphs).
 * @param fileName used in error messages only
 */
export function parseDocument(content: string, fileName: string): { meta: DocMeta; sections: Section[] } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(content);
  if (!m) throw new KnowledgeError(`${fileName}: 缺少 front matter（--- … ---）`);
  let meta: DocMeta;
  try {
    meta = frontMatterSchema.parse(YAML.parse(m[1]!));
  } catch (err) {
    throw new KnowledgeError(`${fileName}: front matter 不符合格式`, { cause: err });
  }
  const sections: Section[] = [];
  const stack: string[] = [];
  let current: Section = { path: [], lines: [] };
  for (const raw of m[2]!.split(/\r?\n/)) {
    const h = /^(#{1,6})\s+(.*)$/.exec(raw);
    if (h) {
      const level = h[1]!.length;
      if (level === 1) continue; // the document title
      if (current.lines.some((l) => l.trim())) sections.push(current);
      stack.length = Math.max(0, level - 2);
      stack[level - 2] = h[2]!.trim();
      current = { path: stack.filter(Boolean), lines: [] };
      continue;
    }
    current.lines.push(raw);
  }
  if (current.lines.some((l) => l.trim())) sections.push(current);
  return { meta, sections };
}

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

/** A way of asking (多久, 谁负责 …) and the terms the documents answer it with. */
export interface QuestionIntent {
  ask: string[];
  terms: string[];
}

function parseIntents(raw: string): QuestionIntent[] {
  const schema = z.array(z.object({ ask: z.array(z.string().min(1)).min(1), terms: z.array(z.string().min(1)).min(1) }));
  const r = schema.safeParse(YAML.parse(raw));
  if (!r.success) throw new KnowledgeError("question-intents.yaml 格式有误", { cause: r.error });
  return r.data;
}

/** A synonym group for query expansion. */
export interface SynonymGroup {
  terms: string[];
  source?: string;
}

/** Everything ingested from the knowledge folder, with a hash of the inputs. */
export interface Knowledge {
  docs: DocMeta[];
  chunks: Chunk[];
  synonyms: SynonymGroup[];
  /** Ways of asking mapped to the wording the documents answer with. */
  intents: QuestionIntent[];
  /** sha256 over every file that shapes the index. */
  hash: string;
}

/** Reads knowledge/docs/*.md and knowledge/synonyms.yaml; files are read in name order. */
export function loadKnowledge(knowledgeDir: string): Knowledge {
  const docsDir = path.join(knowledgeDir, "docs");
  if (!fs.existsSync(docsDir)) throw new KnowledgeError(`知识库目录不存在：${docsDir}`);
  const hash = createHash("sha256");
  const docs: DocMeta[] = [];
  const chunks: Chunk[] = [];
  for (const name of fs.readdirSync(docsDir).filter((f) => f.endsWith(".md")).sort()) {
    const content = fs.readFileSync(path.join(docsDir, name), "utf8");
    hash.update(name).update("\0").update(content).update("\0");
    const { meta, sections } = parseDocument(content, name);
    if (`${meta.id}.md` !== name) throw new KnowledgeError(`${name}: id 应与文件名一致（${meta.id}）`);
    docs.push(meta);
    chunks.push(...chunkDocument(meta, sections));
  }
  const synFile = path.join(knowledgeDir, "synonyms.yaml");
  let synonyms: SynonymGroup[] = [];
  if (fs.existsSync(synFile)) {
    const raw = fs.readFileSync(synFile, "utf8");
    hash.update("synonyms.yaml\0").update(raw);
    synonyms = parseSynonyms(raw);
  }
  const intentFile = path.join(knowledgeDir, "question-intents.yaml");
  let intents: QuestionIntent[] = [];
  if (fs.existsSync(intentFile)) {
    const raw = fs.readFileSync(intentFile, "utf8");
    hash.update("question-intents.yaml\0").update(raw);
    intents = parseIntents(raw);
  }
  return { docs, chunks, synonyms, intents, hash: hash.digest("hex") };
}

function parseSynonyms(raw: string): SynonymGroup[] {
  const data = YAML.parse(raw) as unknown;
  const list = Array.isArray(data) ? data : ((data as { groups?: unknown[] } | null)?.groups ?? []);
  const schema = z.object({ terms: z.array(z.string().min(1)).min(2), source: z.string().optional() });
  return list.map((g, i) => {
    const r = schema.safeParse(g);
    if (!r.success) throw new KnowledgeError(`synonyms.yaml 第 ${i + 1} 组格式有误`, { cause: r.error });
    return r.data;
  });
}
