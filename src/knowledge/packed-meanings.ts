import type { Meaning } from "./meaning.js";
import type { MeaningQuestion, NumberedWords, WordIndex } from "./meaning-ranker.js";

/**
 * The meanings of the written questions as the saved index holds them: every word once in
 * `words`; each meaning as the positions of its core and full words ("3 17|3 17 40 41"); and for
 * each word, the questions whose core holds it and those whose full words do ("0 5 9", as
 * meaningRanker would index them).
 * Parsing this costs a fraction of parsing the words themselves, thousands of times over, and
 * nothing is unpacked at a cold start but what the question asked meets.
 */
export interface PackedMeanings {
  words: string[];
  meanings: string[];
  byCore: string[];
  byFull: string[];
}

/** Packs meanings for saving (see PackedMeanings); the order of the words in each is kept. */
export function packMeanings(meanings: Meaning[]): PackedMeanings {
  const at = new Map<string, number>();
  const words: string[] = [];
  const byCore: number[][] = [];
  const byFull: number[][] = [];
  const position = (w: string) => {
    let i = at.get(w);
    if (i === undefined) {
      at.set(w, (i = words.push(w) - 1));
      byCore.push([]);
      byFull.push([]);
    }
    return i;
  };
  const packed = meanings.map((m, q) => {
    const core = m.core.map(position);
    const full = m.full.map(position);
    for (const w of core) byCore[w]!.push(q);
    for (const w of full) byFull[w]!.push(q);
    return `${core.join(" ")}|${full.join(" ")}`;
  });
  const lists = (by: number[][]) => by.map((qs) => qs.join(" "));
  return { words, meanings: packed, byCore: lists(byCore), byFull: lists(byFull) };
}

/** Positions ("3 17 40") as numbers. */
function numbers(list: string): number[] {
  return list ? list.split(" ").map(Number) : [];
}

/** A written question of the question index whose words are unpacked on first use. */
class PackedQuestion implements MeaningQuestion {
  private corePositions: number[] | undefined;
  private coreWords: string[] | undefined;
  private fullWords: string[] | undefined;

  constructor(
    readonly chunk: number,
    private readonly packed: string,
    private readonly words: string[],
  ) {}

  /** The positions of the core's words in the saved word list. */
  get coreAt(): number[] {
    return (this.corePositions ??= numbers(this.packed.slice(0, this.packed.indexOf("|"))));
  }

  get core(): string[] {
    return (this.coreWords ??= this.coreAt.map((i) => this.words[i]!));
  }

  get full(): string[] {
    return (this.fullWords ??= numbers(this.packed.slice(this.packed.indexOf("|") + 1)).map((i) => this.words[i]!));
  }
}

/** The written questions by a word of their meanings, each list unpacked on first use. */
class PackedWordIndex implements WordIndex {
  private readonly unpacked = new Map<number, number[]>();

  constructor(
    private readonly positions: Map<string, number>,
    private readonly lists: string[],
  ) {}

  get(word: string): number[] | undefined {
    const at = this.positions.get(word);
    if (at === undefined || !this.lists[at]) return undefined;
    let list = this.unpacked.get(at);
    if (!list) this.unpacked.set(at, (list = numbers(this.lists[at]!)));
    return list;
  }
}

/**
 * The written questions whose meanings packMeanings packed, each with its passage (`chunks`, in
 * the same order), and the indexes of their words that meaningRanker would otherwise build.
 */
export function unpackQuestions(packed: PackedMeanings, chunks: number[]): { questions: MeaningQuestion[]; byCore: WordIndex; byFull: WordIndex; numbered: NumberedWords } {
  const { words, meanings, byCore, byFull } = packed;
  if (chunks.length !== meanings.length || byCore.length !== words.length || byFull.length !== words.length) {
    throw new Error("saved question meanings do not match the questions");
  }
  const positions = new Map(words.map((w, i) => [w, i]));
  const questions = meanings.map((m, i) => new PackedQuestion(chunks[i]!, m, words));
  return {
    questions,
    byCore: new PackedWordIndex(positions, byCore),
    byFull: new PackedWordIndex(positions, byFull),
    numbered: { words, at: positions, core: (i) => questions[i]!.coreAt },
  };
}
