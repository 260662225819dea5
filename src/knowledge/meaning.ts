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

/**
 * Meanings as the saved index holds them: every word once in `words`, and each meaning as the
 * positions of its core and full words ("3 17|3 17 40 41"). Parsing this costs a fraction of
 * parsing the words themselves, thousands of times over, at each cold start.
 */
export interface PackedMeanings {
  words: string[];
  meanings: string[];
}

/** Packs meanings for saving (see PackedMeanings); the order of the words in each is kept. */
export function packMeanings(meanings: Meaning[]): PackedMeanings {
  const at = new Map<string, number>();
  const words: string[] = [];
  const pack = (list: string[]) =>
    list
      .map((w) => {
        let i = at.get(w);
        if (i === undefined) at.set(w, (i = words.push(w) - 1));
        return i;
      })
      .join(" ");
  return { words, meanings: meanings.map((m) => `${pack(m.core)}|${pack(m.full)}`) };
}

/** A written question of the question index whose full words are unpacked on first use. */
class PackedQuestion {
  private words: string[] | undefined;

  constructor(
    readonly chunk: number,
    readonly core: string[],
    private readonly fullAt: string,
    private readonly packed: PackedMeanings,
  ) {}

  get full(): string[] {
    return (this.words ??= unpackWords(this.fullAt, this.packed));
  }
}

function unpackWords(list: string, packed: PackedMeanings): string[] {
  return list ? list.split(" ").map((i) => packed.words[Number(i)]!) : [];
}

/**
 * The written questions whose meanings packMeanings packed, each with its passage (`chunks`, in the
 * same order). Each one's core is unpacked now; its full words, which a search needs only for the
 * written questions that share a word with the typed one, on first use.
 */
export function unpackQuestions(packed: PackedMeanings, chunks: number[]): { chunk: number; core: string[]; full: string[] }[] {
  if (chunks.length !== packed.meanings.length) throw new Error("saved question meanings do not match the questions");
  return packed.meanings.map((m, i) => {
    const bar = m.indexOf("|");
    return new PackedQuestion(chunks[i]!, unpackWords(m.slice(0, bar), packed), m.slice(bar + 1), packed);
  });
}
