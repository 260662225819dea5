import type { Knowledge } from "./ingest.js";
import { type Meaning, type MeaningGroups, meaningGroups, meaningOf } from "./meaning.js";
import { type PackedMeanings, packMeanings } from "./packed-meanings.js";
import { QueryReader } from "./query-understanding.js";
import { columnExplainers } from "./rankers.js";
import { domainSalience, generalFrequencies } from "./salience.js";
import { cutDictionary, isContentToken, normalize, stripQuestionWords, tokenize } from "./tokenize.js";
import { type DomainTerm, TypoCorrector, type TypoCorrectorState } from "./typo-correction.js";

/**
 * What start-up would otherwise recompute: token statistics, question tokens, typo lexicon, and
 * what is derived from the data files alone (meaning groups, column explainers, field terms).
 */
export interface Stats {
  df: [string, number][];
  tokens: string[][];
  salience: [string, number][];
  faqMeanings: Meaning[];
  /** The meaning of each indexed question, read as a typed question is (see meaning.ts). */
  questionMeanings: PackedMeanings;
  typos: TypoCorrectorState;
  groups: MeaningGroups;
  /** See columnExplainers. */
  explainers: [string, number[]][];
  /** See fieldTerms. */
  fieldTerms: string[];
}

/** Fewest uses in the knowledge for a document word to be a typo target. */
const TERM_MIN_COUNT = 3;
/** Least domain salience (log ratio to general Chinese) for a document word to be a typo target. */
const TERM_MIN_SALIENCE = 0;
/** Domain salience from which a general word of the same sound is read as the document word (公式 → 公示). */
const STRONG_SALIENCE = 3;

/** The pilot fields' names and variants with the synonyms of each (征地 for 农村集体土地征收), normalised. */
function fieldTerms(knowledge: Knowledge): string[] {
  const names = new Set(knowledge.language.fields.map(normalize));
  const out = new Set(names);
  for (const g of knowledge.synonyms) if (g.terms.some((t) => names.has(normalize(t)))) for (const t of g.terms) out.add(normalize(t));
  return [...out];
}

/** The FAQ's own questions (one per FAQ passage), in passage order. */
export function faqQuestions(knowledge: Knowledge): { question: string; chunk: number }[] {
  return knowledge.chunks.flatMap((c, chunk) => (c.question ? [{ question: c.question, chunk }] : []));
}

/** The indexed questions of each passage, by chunk index. */
export function askedOf(knowledge: Knowledge): string[][] {
  const asked = knowledge.chunks.map((): string[] => []);
  for (const q of knowledge.questions) asked[q.chunk]!.push(q.question);
  return asked;
}

/** Computes the statistics of the knowledge that the saved index keeps (see Stats). */
export function computeStats(knowledge: Knowledge): Stats {
  const df = new Map<string, number>();
  const counts = new Map<string, number>();
  const asked = askedOf(knowledge);
  // a passage holds the words of its text and of the questions it answers (the question index
  // is a field of the passage); domain statistics count the documents' own words only
  const tokens = knowledge.chunks.map((c, i) => {
    const all = tokenize(`${c.title}\n${c.section}\n${c.text}`);
    for (const t of all) counts.set(t, (counts.get(t) ?? 0) + 1);
    return [...new Set(all)];
  });
  const askedTokens = asked.map((a) => tokenize(stripQuestionWords(a.join("\n"))));
  for (const list of tokens) for (const t of list) df.set(t, (df.get(t) ?? 0) + 1);
  tokens.forEach((list, i) => list.push(...askedTokens[i]!.filter((t) => !list.includes(t))));
  // typo targets: the data files' terms (weighted above any document word), and document words
  // that are both used often and much more frequent here than in general Chinese
  const words = new Map<string, number>();
  // dictionary words only: jieba's HMM also cuts runs it does not know into pseudo-words (建局 from 住建局)
  for (const c of knowledge.chunks) for (const w of cutDictionary(normalize(`${c.section}\n${c.text}`)).filter(isContentToken)) words.set(w, (words.get(w) ?? 0) + 1);
  const general = generalFrequencies([...counts.keys(), ...words.keys()]);
  const salience = domainSalience(counts, general);
  // a word the documents use rarely (宅基地, once) is still a target when officials ask about it:
  // its uses in the written questions count towards TERM_MIN_COUNT
  const askedUses = new Map<string, number>();
  for (const q of knowledge.questions) for (const w of new Set(cutDictionary(normalize(q.question)).filter(isContentToken))) askedUses.set(w, (askedUses.get(w) ?? 0) + 1);
  const asking = domainSalience(new Map([...words].map(([t, c]) => [t, c + (askedUses.get(t) ?? 0)])), general);
  const terms = new Map<string, DomainTerm>();
  for (const [t, c] of words) {
    const s = salience.get(t) ?? asking.get(t) ?? 0;
    if (c + (askedUses.get(t) ?? 0) >= TERM_MIN_COUNT && s > TERM_MIN_SALIENCE) terms.set(t, { weight: c, strong: s >= STRONG_SALIENCE });
  }
  for (const t of knowledge.language.terms) terms.set(t, { weight: 1e6 + (counts.get(t) ?? 0), strong: true });
  // an everyday word the colloquial data maps to a document term is a typo target too where the
  // documents themselves use it (收费 for 收取费用: 收废 → 收费); one they never use is not (网上骂)
  for (const w of knowledge.language.colloquial.words) {
    for (const form of w.forms.map(normalize)) {
      const c = counts.get(form) ?? 0;
      if (c && !terms.has(form)) terms.set(form, { weight: c, strong: false });
    }
  }
  const corpus = knowledge.chunks.map((c) => `${c.section}\n${c.text}`).join("\n");
  const typos = TypoCorrector.build(terms, corpus, knowledge.language.lookalikes);
  // the indexed questions are read the way a typed question is: colloquial wording, typos, concepts
  const reader = new QueryReader(knowledge.language, typos);
  const groups = meaningGroups(knowledge);
  return {
    df: [...df],
    tokens,
    salience: [...salience],
    faqMeanings: faqQuestions(knowledge).map((q) => meaningOf(reader.read(q.question).text, groups)),
    questionMeanings: packMeanings(knowledge.questions.map((q) => meaningOf(reader.read(q.question).text, groups))),
    typos: typos.toState(),
    groups,
    explainers: [...columnExplainers(knowledge.language.concepts, knowledge.chunks)],
    fieldTerms: fieldTerms(knowledge),
  };
}

/**
 * Inverse document frequency of a token over `n` passages (unseen tokens weigh most), each
 * token's computed once: a question meets thousands of words, mostly the same ones.
 */
export function idfOf(df: Map<string, number>, n: number): (t: string) => number {
  const unseen = Math.log(n + 1) + 1;
  const known = new Map<string, number>();
  return (t) => {
    let w = known.get(t);
    if (w === undefined) {
      const d = df.get(t);
      if (d === undefined) return unseen;
      known.set(t, (w = Math.log((n + 1) / (d + 1)) + 1));
    }
    return w;
  };
}
