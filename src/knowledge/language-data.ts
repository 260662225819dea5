import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { KnowledgeError, LANGUAGE_FILES } from "./knowledge-files.js";

/** Colloquial and dialect wording mapped to the standard question wording (knowledge/colloquial.yaml). */
export interface ColloquialData {
  replace: { standard: string; forms: string[] }[];
  patterns: { match: string; standard: string }[];
  /** Everyday words for what the documents name otherwise (贴出去 → 公开): searched with, never rewritten. */
  words: { term: string; forms: string[]; alone?: boolean | string[] }[];
  /** Latin abbreviations that are no pinyin initials of a domain term (qq, ppt, xdm): never read as one. */
  keep: string[];
}

/** A named concept (a catalogue column, 五公开 …) and the other names officials use for it. */
export interface Concept {
  name: string;
  aliases: string[];
  /** A column's values (主动公开 for 公开方式): they name the column in a question, but are not other names for it. */
  values: string[];
  /** True for the catalogue's columns: a how-to-fill question about one goes to the passages explaining it. */
  column: boolean;
  /** Words holding one of its names that name something else (企业年报 for 年报): not the concept. */
  unlike: string[];
}

/** What the documents never answer (knowledge/out-of-scope.yaml): personal services and everyday matters. */
export interface OutOfScope {
  /** Ways of asking for a personal service (要带啥材料, 怎么补办): out of scope unless the question names disclosure. */
  services: string[];
  /** Everyday matters (天气, 打印机): out of scope whatever else the question names. */
  everyday: string[];
  /** Words of disclosure itself (公开, 公示, 目录): a question holding one asks about the domain. */
  anchors: string[];
}

/** The language data that query understanding reads, all from knowledge/. */
export interface LanguageData {
  colloquial: ColloquialData;
  concepts: Concept[];
  /** The national template's columns in order (concepts.yaml `template`): what "E列", "第三列" name. */
  templateColumns: string[];
  /** Domain terms from the data files (fields, concepts, catalogue vocabulary, synonyms): typo targets. */
  terms: string[];
  /** The pilot fields' names and variants (fields.yaml): the context of a question, not always its topic. */
  fields: string[];
  outOfScope: OutOfScope;
  /** Handwriting lookalikes (lookalikes.yaml): each of the documents' characters with those written for it (目 → 日自). */
  lookalikes: [string, string][];
}

const colloquialSchema = z.object({
  replace: z.array(z.object({ standard: z.string(), forms: z.array(z.string().min(1)).min(1) })).default([]),
  patterns: z.array(z.object({ match: z.string().min(1), standard: z.string() })).default([]),
  words: z.array(z.object({ term: z.string().min(1), forms: z.array(z.string().min(1)).min(1), source: z.string().min(1), alone: z.union([z.boolean(), z.array(z.string().min(1))]).optional() })).default([]),
  keep: z.array(z.string().regex(/^[A-Za-z]+$/)).default([]),
});

const conceptList = z
  .array(
    z.object({
      name: z.string().min(1),
      aliases: z.array(z.string().min(1)).default([]),
      values: z.array(z.string().min(1)).default([]),
      unlike: z.array(z.string().min(1)).default([]),
    }),
  )
  .default([]);
const templateSchema = z.object({ source: z.string().min(1), columns: z.array(z.string().min(1)).max(26) });
const conceptsSchema = z.object({ columns: conceptList, concepts: conceptList, template: templateSchema.optional() });
const words = z.array(z.string().min(1)).default([]);
const outOfScopeSchema = z.object({ services: words, everyday: words, anchors: words });
const lookalikesSchema = z.object({ lookalikes: z.record(z.string().length(1), z.string().min(1)).default({}) });
const fieldNamesSchema = z.object({ fields: z.array(z.object({ name: z.string().min(1), variants: z.array(z.string()).default([]) })).default([]) });

/**
 * Reads the language data from the knowledge folder's raw file contents (name → text; missing
 * files are skipped). Malformed files raise a KnowledgeError naming the file.
 */
export function parseLanguageData(files: Map<string, string>): LanguageData {
  const colloquial = parseWith(files, "colloquial.yaml", colloquialSchema) ?? { replace: [], patterns: [], words: [], keep: [] };
  for (const p of colloquial.patterns) {
    try {
      new RegExp(p.match, "u");
    } catch (err) {
      throw new KnowledgeError(`colloquial.yaml：正则“${p.match}”无效`, { cause: err });
    }
  }
  const c = parseWith(files, "concepts.yaml", conceptsSchema) ?? { columns: [], concepts: [], template: undefined };
  const concepts: Concept[] = [
    ...c.columns.map((x) => ({ ...x, column: true })),
    ...c.concepts.map((x) => ({ ...x, column: false })),
  ];
  const terms = new Set<string>();
  for (const x of concepts) for (const t of [x.name, ...x.aliases, ...x.values]) terms.add(t);
  for (const name of ["fields.yaml", "catalogue/vocabulary.yaml", "catalogue/channels.yaml"]) {
    const raw = files.get(name);
    if (raw === undefined) continue;
    collectTerms(YAML.parse(raw), terms);
  }
  const fields = (parseWith(files, "fields.yaml", fieldNamesSchema)?.fields ?? []).flatMap((f) => [f.name, ...f.variants]);
  const outOfScope = parseWith(files, "out-of-scope.yaml", outOfScopeSchema) ?? { services: [], everyday: [], anchors: [] };
  const lookalikes = Object.entries(parseWith(files, "lookalikes.yaml", lookalikesSchema)?.lookalikes ?? {});
  return { colloquial, concepts, templateColumns: c.template?.columns ?? [], terms: [...terms], fields, outOfScope, lookalikes };
}

function parseWith<T>(files: Map<string, string>, name: string, schema: z.ZodType<T>): T | undefined {
  const raw = files.get(name);
  if (raw === undefined) return undefined;
  const r = schema.safeParse(YAML.parse(raw) ?? {});
  if (!r.success) throw new KnowledgeError(`${name} 格式有误：${r.error.issues[0]?.path.join(".") ?? ""} ${r.error.issues[0]?.message ?? ""}`, { cause: r.error });
  return r.data;
}

/**
 * Short Chinese names anywhere in a YAML tree (field names, spellings, channel names), not
 * sentences or sources. Chat shorthand (网站, 官网) is everyday wording, not the documents' own
 * terms, so it is no target of typo correction either.
 */
function collectTerms(node: unknown, out: Set<string>, key = ""): void {
  if (["source", "sources", "passage", "document", "guideline", "url", "chatShorthand"].includes(key)) return;
  if (typeof node === "string") {
    for (const part of node.split(/[/／]/)) {
      const t = part.trim();
      if (/^[\p{Script=Han}（）()]{2,10}$/u.test(t)) out.add(t);
    }
    return;
  }
  if (Array.isArray(node)) for (const x of node) collectTerms(x, out, key);
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) collectTerms(v, out, k);
}

/** Reads the language files of a knowledge folder into a name → text map. */
export function readLanguageFiles(knowledgeDir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of LANGUAGE_FILES) {
    const file = path.join(knowledgeDir, name);
    if (fs.existsSync(file)) files.set(name, fs.readFileSync(file, "utf8"));
  }
  return files;
}
