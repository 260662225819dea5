import type { Knowledge } from "./ingest.js";
import { normalize, stripQuestionWords, tokenize } from "./tokenize.js";

/**
 * What a question means for matching it with the written questions of the question index:
 * its own content words (`core`), and those together with every wording of the synonym groups,
 * ways of asking and concepts it names (`full`: 身份证号 brings 个人隐私, 多少天 brings 时限 and
 * 工作日内). A written question matches a typed one when each holds the other's core in its full.
 */
export interface Meaning {
  core: string[];
  full: string[];
}

/** Groups of interchangeable wordings, normalised, each with the tokens of all its wordings. */
export interface MeaningGroups {
  /** `everyday`: a document word with its everyday words (colloquial.yaml `words`). */
  groups: { terms: string[]; tokens: string[]; everyday: boolean }[];
}

/**
 * The wordings that mean the same for question matching: each synonym group, each way of asking
 * together with the wording that answers it (多久 · 时限 · 工作日内), and each concept with its
 * aliases (个人隐私 · 身份证号 · 银行卡号), and each document word with its everyday words
 * (公开 · 贴出去 · 挂网上).
 */
export function meaningGroups(knowledge: Pick<Knowledge, "synonyms" | "intents" | "language">): MeaningGroups {
  const lists = [
    ...knowledge.synonyms.map((g) => g.terms),
    ...knowledge.intents.map((i) => [...i.ask, ...i.terms]),
    ...knowledge.language.concepts.map((c) => [c.name, ...c.aliases]),
  ];
  const group = (terms: string[], everyday: boolean) => {
    const norm = [...new Set(terms.map(normalize))].filter(Boolean);
    return { terms: norm, tokens: [...new Set(norm.flatMap((t) => tokenize(t)))], everyday };
  };
  return {
    groups: [...lists.map((terms) => group(terms, false)), ...knowledge.language.colloquial.words.map((w) => group([w.term, ...w.forms], true))],
  };
}

/**
 * The meaning of a question already read into standard wording (see QueryReader).
 * @param core its content words, when the caller has them already
 * @param strict leave out everyday words (evidence of what is asked, not that it is about this domain)
 */
export function meaningOf(text: string, groups: MeaningGroups, core = [...new Set(tokenize(stripQuestionWords(text)))], strict = false): Meaning {
  const q = normalize(text);
  const full = new Set(core);
  for (const g of groups.groups) if (!(strict && g.everyday) && g.terms.some((t) => q.includes(t))) for (const t of g.tokens) full.add(t);
  return { core, full: [...full] };
}
