import type { QueryReading } from "./query-understanding.js";
import { tokenize } from "./tokenize.js";

/** Part of a word's domain salience counted when the question names its concept by another name (年报). */
export const DERIVED_SALIENCE = 0.65;
/** Least salience of a word of the question for it to add to the question's domain strength (see domainStrength). */
const STRENGTH_WORD_MIN = 1;

/**
 * How strongly a question's own words are the documents' topic: the salience of each of its words
 * (a word with its parts: 养老保险 counts once) and of each concept it names by a short name (复议
 * for 行政复议, at DERIVED_SALIENCE), summed over those of some salience. One procedural word is
 * weak (低保怎么申请: 申请 4.6); several together are the documents' matter (群众申请的信息我们没有，
 * 怎么答复: 申请, 信息, 答复), however everyday the rest of the question is. `alsoNamed`: names
 * the question gives by another name too (社会救助 for 低保, asked whether to disclose it).
 */
export function domainStrength(tokens: string[], reading: QueryReading, parts: { salience: Map<string, number> }, alsoNamed: readonly string[] = []): number {
  const words = tokens.filter((t) => !tokens.some((w) => w.length > t.length && w.includes(t)));
  const ofWord = words.map((w) => Math.max(...tokens.filter((t) => w.includes(t)).map((t) => salienceIn(t, tokens, parts.salience))));
  const ofConcept = [...new Set([...reading.concepts, ...alsoNamed])]
    .filter((c) => !reading.text.includes(c))
    .map((c) => DERIVED_SALIENCE * Math.max(0, ...tokenize(c).map((t) => parts.salience.get(t) ?? 0)));
  return [...ofWord, ...ofConcept].filter((s) => s >= STRENGTH_WORD_MIN).reduce((a, b) => a + b, 0);
}

/**
 * A token's domain salience, no more than that of the word of the question it is part of: search
 * mode cuts 办公室 into 办公 and 公室 too, and 公室, rare in general Chinese, would make 办公室打印机
 * 卡纸 look like the documents' topic.
 */
export function salienceIn(token: string, tokens: string[], salience: Map<string, number>): number {
  let s = salience.get(token) ?? 0;
  for (const w of tokens) if (w.length > token.length && w.includes(token) && salience.has(w)) s = Math.min(s, salience.get(w)!);
  return s;
}
