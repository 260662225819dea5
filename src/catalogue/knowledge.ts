/**
 * Loads the catalogue knowledge (channel vocabulary, platforms, spelling map, audience/mode/level
 * vocabularies, marks, vague subjects, national item lists) from knowledge/catalogue/*.yaml.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { loadRuleData, type RuleData } from "./knowledge-rules.js";
import { ELEMENTS, type ElementInfo } from "./schema.js";
import { compactKey } from "./text.js";

const sourceSchema = z.object({ document: z.string().min(1), passage: z.string().min(1) });
export type SourceRef = z.infer<typeof sourceSchema>;

const channelsFileSchema = z.object({
  options: z.object({ source: sourceSchema, names: z.array(z.string().min(1)).min(1) }),
  platforms: z.array(z.object({ name: z.string().min(1), fields: z.array(z.string()).default([]), source: sourceSchema })),
  spellings: z.array(z.object({ canonical: z.string().min(1), spellings: z.array(z.string().min(1)), source: sourceSchema })),
  chatShorthand: z.array(z.object({ canonical: z.string().min(1), shorthand: z.array(z.string().min(1)), source: sourceSchema })).default([]),
});

const valuesSchema = z.object({
  values: z.array(z.object({ value: z.string(), spellings: z.array(z.string()) })),
  source: sourceSchema,
});

const vocabularyFileSchema = z.object({
  audience: valuesSchema,
  mode: valuesSchema,
  levels: valuesSchema,
  marks: z.object({ checked: z.array(z.string().min(1)), unchecked: z.array(z.string().min(1)), crossed: z.array(z.string().min(1)).default([]), source: sourceSchema }),
  vagueSubjects: z.object({ names: z.array(z.string().min(1)), prefixes: z.array(z.string().min(1)).default([]), source: sourceSchema }),
});

const nationalListSchema = z.object({
  field: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  guideline: z.string().min(1),
  source: sourceSchema,
  level1: z.array(z.string()).default([]),
  level2: z.array(z.string()).min(1),
});
export type NationalList = z.infer<typeof nationalListSchema>;

/** A closed vocabulary with its spellings (audience, mode, levels). */
export interface ValueVocabulary {
  values: string[];
  /** compactKey(spelling) → value */
  lookup: Map<string, string>;
  /** Spelling as written in the data file → value. */
  spellingsOf: Map<string, string>;
  source: SourceRef;
}

/** Everything the validator and the Excel import/export need from knowledge/catalogue/. */
export interface CatalogueKnowledge {
  /** Template options in template order; the last one is 其他. */
  channelOptions: string[];
  platforms: { name: string; fields: string[] }[];
  /** All canonical channel names: options (without 其他), then platforms. */
  channelNames: string[];
  /** compactKey(spelling or canonical name) → canonical channel */
  channelLookup: Map<string, string>;
  /** Spellings for "contains" matching, longest first. */
  channelContains: { key: string; canonical: string }[];
  /**
   * compactKey(chat shorthand) → canonical channel (网站 → 政府网站): read only in the drafting
   * conversation, not in Excel cells (a bare 网站 in a cell stays unknown for R10).
   */
  channelShorthand: Map<string, string>;
  audience: ValueVocabulary;
  mode: ValueVocabulary;
  levels: ValueVocabulary;
  /** Tick marks; `crossed` (×, x) reads as not ticked but is reported (see Row.crossed). */
  marks: { checked: string[]; unchecked: string[]; crossed: string[] };
  vagueSubjects: string[];
  /** Administrative prefixes before a vague subject (县相关部门, 县直各部门). */
  vagueSubjectPrefixes: string[];
  nationalLists: NationalList[];
  /** Data of R05/R06/R08 and R21–R25 (documents, field names, required platforms, placeholders, privacy). */
  rules: RuleData;
}

/** The knowledge files are missing or malformed. */
export class CatalogueKnowledgeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CatalogueKnowledgeError";
  }
}

function readYaml<T>(file: string, schema: z.ZodType<T>): T {
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (err) {
    throw new CatalogueKnowledgeError(`无法读取知识文件 ${file}`, { cause: err });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new CatalogueKnowledgeError(`知识文件 ${file} 格式有误：${issues}`, { cause: parsed.error });
  }
  return parsed.data;
}

function valueVocabulary(v: z.infer<typeof valuesSchema>): ValueVocabulary {
  const lookup = new Map<string, string>();
  const spellingsOf = new Map<string, string>();
  for (const { value, spellings } of v.values) {
    lookup.set(compactKey(value), value);
    for (const s of spellings) {
      lookup.set(compactKey(s), value);
      if (s !== value) spellingsOf.set(s, value);
    }
  }
  return { values: v.values.map((x) => x.value), lookup, spellingsOf, source: v.source };
}

const cache = new Map<string, CatalogueKnowledge>();

/**
 * Loads (and caches per directory) the catalogue knowledge.
 * @param knowledgeDir the project's knowledge/ folder (config.knowledgeDir); files are read from
 *   knowledgeDir/catalogue/channels.yaml, vocabulary.yaml and national/*.yaml.
 * @throws CatalogueKnowledgeError when a file is missing or malformed.
 */
export function loadCatalogueKnowledge(knowledgeDir: string): CatalogueKnowledge {
  const dir = path.resolve(knowledgeDir, "catalogue");
  const cached = cache.get(dir);
  if (cached) return cached;
  const channels = readYaml(path.join(dir, "channels.yaml"), channelsFileSchema);
  const vocab = readYaml(path.join(dir, "vocabulary.yaml"), vocabularyFileSchema);
  const nationalDir = path.join(dir, "national");
  const nationalLists = fs.existsSync(nationalDir)
    ? fs
        .readdirSync(nationalDir)
        .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
        .sort()
        .map((f) => readYaml(path.join(nationalDir, f), nationalListSchema))
    : [];

  const channelOptions = channels.options.names;
  const channelNames = [...channelOptions.filter((n) => n !== "其他"), ...channels.platforms.map((p) => p.name)];
  const channelLookup = new Map<string, string>();
  for (const name of channelNames) channelLookup.set(compactKey(name), name);
  const contains: { key: string; canonical: string }[] = [];
  for (const entry of channels.spellings) {
    if (!channelNames.includes(entry.canonical)) {
      throw new CatalogueKnowledgeError(`channels.yaml：写法映射的目标“${entry.canonical}”不在渠道选项中`);
    }
    for (const s of entry.spellings) {
      const key = compactKey(s);
      if (!channelLookup.has(key)) channelLookup.set(key, entry.canonical);
      if ([...key].length >= 3) contains.push({ key, canonical: entry.canonical });
    }
  }
  for (const name of channelNames) contains.push({ key: compactKey(name), canonical: name });
  contains.sort((a, b) => b.key.length - a.key.length);
  const channelShorthand = new Map<string, string>();
  for (const entry of channels.chatShorthand) {
    if (!channelNames.includes(entry.canonical)) {
      throw new CatalogueKnowledgeError(`channels.yaml：聊天简称的目标“${entry.canonical}”不在渠道选项中`);
    }
    for (const s of entry.shorthand) channelShorthand.set(compactKey(s), entry.canonical);
  }

  const knowledge: CatalogueKnowledge = {
    channelOptions,
    platforms: channels.platforms.map((p) => ({ name: p.name, fields: p.fields })),
    channelNames,
    channelLookup,
    channelContains: contains,
    channelShorthand,
    audience: valueVocabulary(vocab.audience),
    mode: valueVocabulary(vocab.mode),
    levels: valueVocabulary(vocab.levels),
    marks: { checked: vocab.marks.checked, unchecked: vocab.marks.unchecked, crossed: vocab.marks.crossed },
    vagueSubjects: vocab.vagueSubjects.names,
    vagueSubjectPrefixes: vocab.vagueSubjects.prefixes,
    nationalLists,
    rules: loadRuleData(path.resolve(knowledgeDir)),
  };
  cache.set(dir, knowledge);
  return knowledge;
}

/** The national item list for a field (matched by field name or alias contained in it), if known. */
export function findNationalList(field: string | null, knowledge: CatalogueKnowledge): NationalList | null {
  if (!field) return null;
  const key = compactKey(field);
  for (const list of knowledge.nationalLists) {
    const names = [list.field, ...list.aliases].map(compactKey);
    if (names.some((n) => n === key || key.includes(n))) return list;
  }
  return null;
}

/** Placeholders that stand where the name of an 其他 channel should be written. */
const OTHER_PLACEHOLDER = /^(?:请|需|须)?(?:注明|写明|填写|填明|说明)?(?:具体)?(?:渠道|载体|名称|渠道名称|渠道和载体)?(?:名称)?$/;

/**
 * The channel name written after 其他/其它 ("其他：村广播", "其他（村广播）"), or "" when none is
 * written ("其他", "其他：", "其他：____", "其他（ ）", "其他（请注明）").
 */
export function otherChannelName(text: string): string {
  let rest = text.trim().replace(/^其[他它](?:渠道|载体)?/, "").trim();
  rest = rest.replace(/^[:：]/, "").trim();
  const bracketed = /^[(（\[［【〔]([^)）\]］】〕]*)[)）\]］】〕]$/.exec(rest);
  if (bracketed) rest = bracketed[1] ?? "";
  rest = rest.replace(/^[\s\u3000_＿\-—–.…·:：]+|[\s\u3000_＿\-—–.…·]+$/g, "").trim();
  return OTHER_PLACEHOLDER.test(compactKey(rest)) ? "" : rest;
}

/**
 * Maps one written channel to its canonical name: exact spelling first, then the longest known
 * spelling it contains; 其他/其它 with a name becomes "其他：X", without one (其他：____, 其他（ ）,
 * 其他（请注明）) plain "其他"; unknown text is returned trimmed.
 */
export function canonicalChannel(text: string, knowledge: CatalogueKnowledge): string {
  const trimmed = text.trim();
  const key = compactKey(trimmed);
  if (key === "") return "";
  if (/^其[他它]/.test(key)) {
    const name = otherChannelName(trimmed);
    return name ? `其他：${name}` : "其他";
  }
  const exact = knowledge.channelLookup.get(key);
  if (exact) return exact;
  const platform = platformOf(key, knowledge);
  if (platform) return platform;
  for (const c of knowledge.channelContains) if (key.includes(c.key)) return c.canonical;
  return trimmed;
}

/**
 * A named platform written with a region prefix or an infix: 福建省公共资源交易电子公共服务平台 is
 * the 公共资源交易平台 (the text holds the platform's name without 平台 and ends with 平台).
 */
function platformOf(key: string, knowledge: CatalogueKnowledge): string | null {
  if (!key.endsWith("平台")) return null;
  for (const p of knowledge.platforms) {
    const stem = compactKey(p.name).replace(/平台$/, "");
    if (stem.length >= 4 && key.includes(stem)) return p.name;
  }
  return null;
}

/**
 * How a written channel was read when it is not a known spelling but was matched loosely (a
 * local board such as 片区公示栏 read as the 公示栏 option): the written text and the option; null
 * for exact spellings, named platforms, 其他 and unknown names.
 */
export function looseChannelReading(text: string, knowledge: CatalogueKnowledge): { written: string; channel: string } | null {
  const key = compactKey(text);
  if (key === "" || /^其[他它]/.test(key) || knowledge.channelLookup.has(key) || platformOf(key, knowledge)) return null;
  const channel = canonicalChannel(text, knowledge);
  return channel !== text.trim() && knowledge.channelNames.includes(channel) ? { written: text.trim(), channel } : null;
}

/** Sorts channels in vocabulary order (options, platforms), then unknown ones, then 其他. */
export function sortChannels(channels: string[], knowledge: CatalogueKnowledge): string[] {
  const rank = (c: string): number => {
    const i = knowledge.channelNames.indexOf(c);
    if (i >= 0) return i;
    if (c === "其他" || c.startsWith("其他：")) return knowledge.channelNames.length + 1;
    return knowledge.channelNames.length;
  };
  return [...new Set(channels)].sort((a, b) => rank(a) - rank(b));
}

/** An element with its header variants and, for 公开对象/方式/层级, its values and their spellings. */
export interface ElementDescription extends ElementInfo {
  values?: { value: string; spellings: string[] }[];
}

/**
 * The elements in template order for the drafting conversation: header name, short label,
 * header variants (e.g. 公开内容 for 公开内容（要素）, 公开渠道 for 公开渠道和载体) and, for the
 * grouped elements, the closed vocabulary with its spellings (e.g. 特定群众 for 特定群体).
 * Channel options are `knowledge.channelOptions` and `knowledge.platforms`.
 */
export function describeElements(knowledge: CatalogueKnowledge): ElementDescription[] {
  const values = (v: ValueVocabulary): { value: string; spellings: string[] }[] =>
    v.values.map((value) => ({
      value,
      spellings: [...v.spellingsOf.entries()].filter(([, to]) => to === value).map(([from]) => from),
    }));
  return ELEMENTS.map((e) =>
    e.key === "audience" || e.key === "mode" || e.key === "levels" ? { ...e, values: values(knowledge[e.key]) } : { ...e },
  );
}
