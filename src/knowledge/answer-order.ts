/**
 * The order and make-up of an extractive answer's sentences: the lead first, then one sentence
 * for each part of a two-part question, the rest in reading order; a 但是 exception never
 * without its rule, and after it.
 */
import { type Sentence, sentencesOf } from "./passage-sentences.js";
import type { Hit } from "./retrieve.js";

/** Most sentences an answer quotes (one more only to keep a rule with its exception). */
export const MAX_SENTENCES = 3;

/** A sentence of one of the best passages, scored for the question. */
export interface Candidate {
  s: Sentence;
  /** The question's words the sentence (or its lead-in) holds. */
  matched: Set<string>;
  intro: Sentence | undefined;
  hit: number;
  pos: number;
  score: number;
  /** Whether it is the kind of sentence the question asks for (a date for a when-question). */
  fits?: boolean;
}

/**
 * The sentences that follow the lead. A question asking two things ("谁来编 谁来审", "要不要先问
 * 几天回话") is answered part by part: for each part of the question (split at its punctuation
 * and spaces) whose own words no sentence chosen so far holds, the best sentence holding one of
 * them is chosen first — and for a question on two catalogue columns, the best note on each
 * (`columns.explains`: the columns a sentence's heading or label names); the rest are the best
 * of all, in reading order.
 */
export function eachPart(
  lead: Candidate,
  ranked: Candidate[],
  terms: readonly string[],
  question: string,
  columns: { asked: readonly string[]; explains: (c: Candidate) => readonly string[] } = { asked: [], explains: () => [] },
): Candidate[] {
  const parts = question.split(/[，,。？?！!；;\s]+|还是/).filter((p) => p.length >= 2);
  const wordsOf = parts.map((p) => terms.filter((t) => p.includes(t)));
  const own = wordsOf.map((w, i) => w.filter((t) => wordsOf.every((o, j) => j === i || !o.includes(t))));
  const chosen = [lead];
  // a question on two columns (公开主体跟公开层级有啥区别) is answered by the note on each
  const asked = new Set(columns.asked);
  if (asked.size > 1) {
    for (const col of asked) {
      if (chosen.length >= MAX_SENTENCES || chosen.some((c) => columns.explains(c).includes(col))) continue;
      const best = ranked.find((c) => !chosen.includes(c) && columns.explains(c).includes(col));
      if (best) chosen.push(best);
    }
  }
  if (own.filter((w) => w.length).length >= 2) {
    for (const words of own) {
      if (chosen.length >= MAX_SENTENCES || !words.length) continue;
      if (chosen.some((c) => words.some((t) => c.matched.has(t)))) continue;
      const best = ranked.find((c) => !chosen.includes(c) && words.some((t) => c.matched.has(t)));
      if (best) chosen.push(best);
    }
  }
  for (const c of ranked) if (chosen.length < MAX_SENTENCES && !chosen.includes(c)) chosen.push(c);
  return chosen.slice(1).sort((a, b) => a.hit - b.hit || a.pos - b.pos);
}

/** A sentence that carries on from the one before it: read first, it says the exception before the rule. */
const CONTINUES = /^(但是|但|然而|同时|此外|另外|并且|而且|否则)[，,]?/;

/**
 * The chosen sentences with the sentence before each one that continues it ("但是，…可以收取信息处理费"
 * needs "…不收取费用" before it: alone it reads as the rule), at most one sentence over MAX_SENTENCES.
 */
export function withRules(chosen: Candidate[], hits: Hit[]): Candidate[] {
  const out = [...chosen];
  for (const c of chosen) {
    if (!CONTINUES.test(c.s.text) || out.some((o) => o.hit === c.hit && o.pos === c.pos - 1)) continue;
    const before = sentencesOf(hits[c.hit]!.chunk)[c.pos - 1];
    if (!before || before.opens || before.title) continue;
    out.splice(out.indexOf(c), 0, { s: before, matched: new Set(), intro: undefined, hit: c.hit, pos: c.pos - 1, score: c.score });
    if (out.length > MAX_SENTENCES + 1) out.splice(out.findLastIndex((o) => o !== c && !(o.hit === c.hit && o.pos === c.pos - 1) && o !== out[0]), 1);
  }
  return out;
}

/**
 * The chosen sentences with each one that continues the sentence before it in its passage ("但是，
 * …可以收取信息处理费" after "…不收取费用") put right after that sentence when both are chosen.
 */
export function continuationsLast(chosen: Candidate[]): Candidate[] {
  const out = [...chosen];
  for (const c of chosen) {
    if (!CONTINUES.test(c.s.text)) continue;
    const before = out.findIndex((o) => o.hit === c.hit && o.pos === c.pos - 1);
    const at = out.indexOf(c);
    if (before > at) out.splice(before, 0, ...out.splice(at, 1));
  }
  return out;
}
