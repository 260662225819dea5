import { createRequire } from "node:module";
import type * as PinyinPro from "pinyin-pro";

/** One word of the question read as a domain term. */
export interface Correction {
  from: string;
  to: string;
}

/** Serialised corrector: every domain term under its toneless pinyin, and the corpus text. */
export interface TypoCorrectorState {
  /** toneless pinyin ("shi xian") → domain terms with that reading, most used first. */
  byPinyin: [string, string[]][];
  /** Terms a general word of the same sound is read as (数据文件的术语, or words far more frequent here than in general Chinese). */
  strong: string[];
  corpus: string;
}

/** A domain term with its weight (uses in the knowledge) and whether it is strongly of this domain. */
export interface DomainTerm {
  weight: number;
  strong: boolean;
}

/** Longest and shortest window of the question compared with the domain terms. */
const MAX_WINDOW = 6;
const MIN_WINDOW = 2;
/** A window the documents use this many times or more is a real word of theirs, never a typo. */
const MAX_CORPUS_USES = 1;

const HAN = /^\p{Script=Han}+$/u;

/**
 * Reads pinyin-input typos and character variants as the domain term they were meant to be:
 * a run of whole words of the question that the documents (almost) never use, with the same
 * toneless pinyin as a domain term and at least one character in common at the same place,
 * is read as that term (时线 → 时限, 备按 → 备案, 台帐 → 台账, 两微一段 → 两微一端). A real
 * general word (公式, 一直) is read so only as a strong domain term (公式 → 公示, never 一直 → 一致).
 */
export class TypoCorrector {
  private readonly byPinyin: Map<string, string[]>;
  private readonly terms: Set<string>;
  private readonly strong: Set<string>;

  private constructor(private readonly state: TypoCorrectorState) {
    this.byPinyin = new Map(state.byPinyin);
    this.terms = new Set(state.byPinyin.flatMap(([, ts]) => ts));
    this.strong = new Set(state.strong);
  }

  /**
   * Builds the corrector from the domain terms, each with its weight (uses in the knowledge;
   * data-file terms weigh most), and the corpus text the rarity of a window is checked in.
   */
  static build(terms: Map<string, DomainTerm>, corpus: string): TypoCorrector {
    const byPinyin = new Map<string, [string, number][]>();
    const strong: string[] = [];
    for (const [term, { weight, strong: isStrong }] of terms) {
      const t = term.normalize("NFKC");
      const chars = [...t];
      if (chars.length < MIN_WINDOW || chars.length > MAX_WINDOW || !HAN.test(t)) continue;
      const key = readingOf(t).join(" ");
      const list = byPinyin.get(key) ?? [];
      if (!list.some(([x]) => x === t)) list.push([t, weight]);
      byPinyin.set(key, list);
      if (isStrong) strong.push(t);
    }
    const entries: [string, string[]][] = [...byPinyin].map(([k, list]) => [k, list.sort((a, b) => b[1] - a[1]).map(([t]) => t)]);
    return new TypoCorrector({ byPinyin: entries, strong, corpus });
  }

  static fromState(state: TypoCorrectorState): TypoCorrector {
    return new TypoCorrector(state);
  }

  toState(): TypoCorrectorState {
    return this.state;
  }

  /** True when the documents or the data files use this word. */
  isKnown(word: string): boolean {
    return this.terms.has(word) || this.state.corpus.includes(word);
  }

  /**
   * The question with its typos replaced, and what was replaced (longest runs first, no overlaps).
   * @param words the text cut into dictionary words (unknown runs as single characters): a
   *   candidate run starts and ends at word boundaries, and is a general word when it is one word
   */
  correct(text: string, words: string[]): { text: string; corrections: Correction[] } {
    const chars = [...text];
    const starts = new Set<number>();
    const wordAt = new Map<number, number>();
    let pos = 0;
    for (const w of words) {
      starts.add(pos);
      wordAt.set(pos, [...w].length);
      pos += [...w].length;
    }
    starts.add(pos);
    if (pos !== chars.length) return { text, corrections: [] };
    const syllables = readingOf(text);
    if (syllables.length !== chars.length) return { text, corrections: [] };
    const taken = new Array<boolean>(chars.length).fill(false);
    const found: { at: number; len: number; to: string }[] = [];
    for (let len = Math.min(MAX_WINDOW, chars.length); len >= MIN_WINDOW; len--) {
      for (let at = 0; at + len <= chars.length; at++) {
        if (!starts.has(at) || !starts.has(at + len) || taken.slice(at, at + len).some(Boolean)) continue;
        const window = chars.slice(at, at + len).join("");
        if (!HAN.test(window)) continue;
        const candidates = this.byPinyin.get(syllables.slice(at, at + len).join(" "));
        if (!candidates || candidates.includes(window)) continue;
        const generalWord = wordAt.get(at) === len;
        const to = candidates.find((t) => sharesPlace(t, window) && (!generalWord || this.strong.has(t)));
        if (!to || this.usesInCorpus(window) > MAX_CORPUS_USES) continue;
        found.push({ at, len, to });
        for (let i = at; i < at + len; i++) taken[i] = true;
      }
    }
    if (!found.length) return { text, corrections: [] };
    found.sort((a, b) => a.at - b.at);
    const out: string[] = [];
    const corrections: Correction[] = [];
    let i = 0;
    for (const f of found) {
      out.push(chars.slice(i, f.at).join(""), f.to);
      corrections.push({ from: chars.slice(f.at, f.at + f.len).join(""), to: f.to });
      i = f.at + f.len;
    }
    out.push(chars.slice(i).join(""));
    return { text: out.join(""), corrections };
  }

  private usesInCorpus(word: string): number {
    let n = 0;
    for (let i = this.state.corpus.indexOf(word); i >= 0 && n <= MAX_CORPUS_USES; i = this.state.corpus.indexOf(word, i + 1)) n++;
    return n;
  }
}

let pinyinPro: typeof PinyinPro | undefined;

/**
 * pinyin-pro, loaded on first use through its CommonJS build: one file, synchronously, cheaper
 * at a cold start than its two dozen ES modules; the bot loads it with its first question.
 */
function pinyinLib(): typeof PinyinPro {
  pinyinPro ??= createRequire(import.meta.url)("pinyin-pro") as typeof PinyinPro;
  return pinyinPro;
}

/** Toneless pinyin of each character (non-Chinese characters stand for themselves). */
function readingOf(text: string): string[] {
  const { pinyin } = pinyinLib();
  const chars = [...text];
  const whole = pinyin(text, { toneType: "none", type: "array" });
  return whole.length === chars.length ? whole : chars.map((c) => pinyin(c, { toneType: "none" }));
}

/** At least one character in common at the same position (a typo keeps most of the word). */
function sharesPlace(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  return x.some((c, i) => c === y[i]);
}
