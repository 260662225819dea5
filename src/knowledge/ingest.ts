import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { zhCN } from "zod/locales";
import { issueText, yamlSyntaxProblem } from "../yaml-problems.js";
import { chunkDocument } from "./chunk.js";
import { KnowledgeError, LANGUAGE_FILES, listKnowledgeFiles } from "./knowledge-files.js";
import { type LanguageData, parseLanguageData } from "./language-data.js";
import { type IndexedQuestion, parseQuestionIndex } from "./question-index.js";

export { KnowledgeError, listKnowledgeFiles, type KnowledgeFile } from "./knowledge-files.js";

export const docKinds = ["faq", "guideline", "notice", "regulation", "training"] as const;

const frontMatterSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/, "id 只能用小写字母、数字和连字符（与文件名一致）"),
  title: z.string().min(1, "title 不能为空"),
  issuer: z.string().min(1, "issuer 不能为空"),
  docNumber: z.string().optional(),
  date: z.union([z.string(), z.date()]).transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)).optional(),
  source: z.string().min(1, "source 不能为空"),
  kind: z.enum(docKinds, { error: `kind 应为 ${docKinds.join("、")} 之一` }),
  origin: z.string().optional(),
  /**
   * The place a document's requirements bind when it is one locality's own (a county's, a
   * district's or a province's work notice): its deadlines and duties are shown as that place's.
   * Absent for national documents and for explanatory material that applies anywhere.
   */
  scope: z.string().min(1).optional(),
  /** Shorter names of that place or of the document a question may use (平潭, 清丰, 进度安排表). */
  scopeNames: z.array(z.string().min(1)).default([]),
  /** The document only names other documents (title and link): their text is not in the knowledge. */
  references: z.boolean().default(false),
  /**
   * The heading of the section that describes a table the original attaches but the knowledge
   * does not hold (a guideline's per-item 目录: 公开内容, 依据, 时限 … of each item).
   */
  tableNotHeld: z.string().min(1).optional(),
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

/** A heading path and the lines under it. */
export interface Section {
  path: string[];
  lines: string[];
}

/**
 * Parses one knowledge Markdown file (YAML front matter, then headings and paragraphs).
 * @param fileName used in error messages only
 */
export function parseDocument(content: string, fileName: string): { meta: DocMeta; sections: Section[] } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(content);
  if (!m) throw new KnowledgeError(`${fileName}：缺少 front matter（文件开头应为一行 ---，接着 id、title、issuer、source、kind 等“键: 值”，再以一行 --- 结束）`);
  let data: unknown;
  try {
    data = YAML.parse(m[1]!);
  } catch (err) {
    // the front matter starts on the file's second line
    throw new KnowledgeError(`${fileName}：front matter 不是有效的 YAML：${yamlSyntaxProblem(err, { lineOffset: 1 })}`, { cause: err });
  }
  const parsed = frontMatterSchema.safeParse(data, { error: zhCN().localeError });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `  - ${i.path.map(String).join(".") || "front matter"}：${issueText(data, i)}`);
    throw new KnowledgeError(`${fileName}：front matter 有 ${issues.length} 处错误：\n${issues.join("\n")}`, { cause: parsed.error });
  }
  const meta = parsed.data;
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
  /** Colloquial wording, concepts and domain terms for query understanding. */
  language: LanguageData;
  /** The question index (knowledge/questions/), each question resolved to its passage. */
  questions: IndexedQuestion[];
  /** sha256 over every file that shapes the index. */
  hash: string;
}

/** Reads knowledge/docs/*.md, the question index and the data files; files are read in name order. */
export function loadKnowledge(knowledgeDir: string): Knowledge {
  const hash = createHash("sha256");
  const raw = new Map<string, string>();
  for (const f of listKnowledgeFiles(knowledgeDir)) {
    const content = fs.readFileSync(path.join(knowledgeDir, f.name), "utf8");
    hash.update(f.name).update("\0").update(content).update("\0");
    raw.set(f.name, content);
  }
  const docs: DocMeta[] = [];
  const chunks: Chunk[] = [];
  const questionFiles = new Map<string, string>();
  const languageFiles = new Map<string, string>();
  for (const [name, content] of raw) {
    if (name.startsWith("docs/")) {
      const file = name.slice("docs/".length);
      const where = path.join(knowledgeDir, name);
      const { meta, sections } = parseDocument(content, where);
      if (`${meta.id}.md` !== file) throw new KnowledgeError(`${where}：id 应与文件名一致（现为“${meta.id}”）`);
      docs.push(meta);
      chunks.push(...chunkDocument(meta, sections));
    } else if (name.startsWith("questions/")) questionFiles.set(name.slice("questions/".length), content);
    else if (LANGUAGE_FILES.includes(name)) languageFiles.set(name, content);
  }
  const synonyms = raw.has("synonyms.yaml") ? parseSynonyms(raw.get("synonyms.yaml")!) : [];
  const intents = raw.has("question-intents.yaml") ? parseIntents(raw.get("question-intents.yaml")!) : [];
  const language = parseLanguageData(languageFiles);
  language.terms.push(...synonyms.flatMap((g) => g.terms));
  const questions = parseQuestionIndex(questionFiles, chunks);
  return { docs, chunks, synonyms, intents, language, questions, hash: hash.digest("hex") };
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
