import { CANDIDATES, QUESTION_MATCH_MIN, type Query, type Ranker } from "./rankers.js";

/** A written question of the question index, by its meaning (see meaning.ts). */
export interface MeaningQuestion {
  chunk: number;
  core: string[];
  full: string[];
}

/** Written questions by the words of their cores: the positions of those holding a word, in order. */
export interface WordIndex {
  get(word: string): readonly number[] | undefined;
}

/** The words of the written questions' cores by number, and each core as numbers, in its order. */
export interface NumberedWords {
  words: readonly string[];
  at: ReadonlyMap<string, number>;
  core(question: number): readonly number[];
}

/** Exponent of how much of the typed question a written question holds, in the match. */
export const REVERSE_EXPONENT = 0.5;

/**
 * Question-to-question matching by meaning, for the question index: a written question matches
 * as much of it as the typed question holds (its words, or the concepts, synonyms and ways of
 * asking they name), times how much of the typed question it holds, which counts less — a
 * colloquial question says more than the short question written for the passage, but every
 * word of the written one should be in it. Each passage ranks by its best question.
 */
export function meaningRanker(
  name: string,
  weight: number,
  questions: MeaningQuestion[],
  options: {
    matchedOnly?: boolean;
    /** The indexes of the questions' words, and the words numbered, when the saved index holds them. */
    byCore?: WordIndex;
    byFull?: WordIndex;
    numbered?: NumberedWords;
  } = {},
): Ranker {
  const byCore = options.byCore ?? indexWords(questions, (q) => q.core);
  const byFull = options.byFull ?? indexWords(questions, (q) => q.full);
  const numbered = options.numbered ?? numberWords(questions);
  // Per ranking, by word and by question number: a ranking meets a thousand written questions
  // or more, and these spare it a string lookup for each of their words. An entry counts only
  // when marked with the current ranking's number (`round`), so nothing is cleared between them;
  // a word's weight, while the rankings weigh words with the same function (`weighing`).
  const byWord = () => new Float64Array(numbered.words.length);
  const byQuestion = () => new Float64Array(questions.length);
  const [weighed, inFull, weights] = [byWord(), byWord(), byWord()];
  const [candidate, holding, holdsGot, addedBy] = [byQuestion(), byQuestion(), byQuestion(), byQuestion()];
  let [round, step, weighing, weighRound] = [0, 0, undefined as Query["idf"] | undefined, 0];
  return {
    name,
    weight,
    rank(q) {
      if (!q.tokens.length) return [];
      round++;
      if (q.idf !== weighing) [weighing, weighRound] = [q.idf, weighRound + 1];
      for (const t of q.meaning.full) {
        const w = numbered.at.get(t);
        if (w !== undefined) inFull[w] = round;
      }
      const candidates: number[] = [];
      for (const t of q.meaning.full) {
        for (const i of byCore.get(t) ?? []) {
          if (candidate[i] !== round) candidates.push(i), (candidate[i] = round);
        }
      }
      // overlap(q.meaning.core, a written question's full words) for every written question at
      // once: each word's weight added, in the typed core's order, to the questions holding it
      const core = q.meaning.core;
      let coreTotal = 0;
      for (const t of core) {
        const w = q.idf(t);
        coreTotal += w;
        step++;
        for (const i of byFull.get(t) ?? []) {
          if (addedBy[i] === step) continue; // a word a question lists twice counts once
          addedBy[i] = step;
          holdsGot[i] = (holding[i] === round ? holdsGot[i]! : 0) + w;
          holding[i] = round;
        }
      }
      // a written question holding none of the typed core matches 0 whatever it holds
      if (!coreTotal) return [];
      const best = new Map<number, { match: number; question: number }>();
      for (const i of candidates) {
        if (holding[i] !== round) continue;
        // overlap(asked.core, q.meaning.full), by number
        let total = 0;
        let got = 0;
        for (const w of numbered.core(i)) {
          if (weighed[w] !== weighRound) {
            weights[w] = q.idf(numbered.words[w]!);
            weighed[w] = weighRound;
          }
          total += weights[w]!;
          if (inFull[w] === round) got += weights[w]!;
        }
        const held = total ? got / total : 0;
        const holds = holdsGot[i]! / coreTotal;
        const match = held * holds ** REVERSE_EXPONENT;
        const chunk = questions[i]!.chunk;
        if (match > (best.get(chunk)?.match ?? 0)) best.set(chunk, { match, question: i });
      }
      return [...best]
        .sort((a, b) => b[1].match - a[1].match)
        .slice(0, CANDIDATES)
        .map(([id, { match, question }]) => (match >= QUESTION_MATCH_MIN ? { id, match, asked: questions[question]!.core } : { id, match: 0 }))
        .filter((r) => !options.matchedOnly || r.match > 0);
    },
  };
}

/** The positions of the questions each word of whose `words` (core or full) is, in question order. */
function indexWords(questions: readonly MeaningQuestion[], words: (q: MeaningQuestion) => readonly string[]): WordIndex {
  const byWord = new Map<string, number[]>();
  questions.forEach((q, i) => {
    for (const t of words(q)) {
      const list = byWord.get(t);
      if (list) list.push(i);
      else byWord.set(t, [i]);
    }
  });
  return byWord;
}

/** The words of the questions' cores numbered in order of first use (questions not from a saved index). */
function numberWords(questions: readonly MeaningQuestion[]): NumberedWords {
  const at = new Map<string, number>();
  const words: string[] = [];
  const cores = questions.map((q) => q.core.map((t) => at.get(t) ?? (at.set(t, words.length), words.push(t) - 1)));
  return { words, at, core: (i) => cores[i]! };
}
