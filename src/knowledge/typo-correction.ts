import { deliberate, verbDone } from "./typo-guards.js";
import { differsInOne, fuzzyKey, homophonesOf, readingOf, sharesPlace } from "./pinyin-reading.js";
import { TermSounds } from "./term-sounds.js";
import { LookalikeTerms, singlesAt } from "./typo-lookalike.js";
import type { Correction, DomainTerm, TypoCorrectorState } from "./typo-state.js";

export type { Correction, DomainTerm, TypoCorrectorState } from "./typo-state.js";

/** Longest and shortest window of the question compared with the domain terms. */
const MAX_WINDOW = 6;
const MIN_WINDOW = 2;
/**
 * A window this long may end inside a dictionary word when it differs from the term in one
 * character only (公开方试选 is cut 公开/方/试选, yet 公开方试 is plainly 公开方式); it always
 * starts at a word (哪个部门 never holds 各部门).
 */
const LONG_WINDOW = 4;
/** A window the documents use this many times or more is a real word of theirs, never a typo. */
const MAX_CORPUS_USES = 1;
/** Longest run of Latin letters read as the initials of a term's syllables (zdgk → 主动公开). */
const MAX_INITIALS = 5;
/** How many times more the documents use a term than the next one with the same initials for the run to be read as it. */
const INITIALS_MARGIN = 2;

const HAN = /^\p{Script=Han}+$/u;
/** Most windows whose uses in the documents a corrector remembers (a few hundred bytes each at most). */
const USES_CACHE_MAX = 200_000;

/** How many times `corpus` holds `word`, counted up to one more than `atMost`. */
function countUses(corpus: string, word: string, atMost: number): number {
  let n = 0;
  for (let i = corpus.indexOf(word); i >= 0 && n <= atMost; i = corpus.indexOf(word, i + 1)) n++;
  return n;
}

/**
 * Reads pinyin-input typos and character variants as the domain term they were meant to be:
 * a run of whole words of the question that the documents (almost) never use, with the same
 * toneless pinyin as a domain term and at least one character in common at the same place,
 * is read as that term (时线 → 时限, 备按 → 备案, 台帐 → 台账, 两微一段 → 两微一端). A real
 * general word (公式, 一直) is read so only as a strong domain term (公式 → 公示, never 一直 → 一致).
 */
export class TypoCorrector {
  private readonly byPinyin: Map<string, string[]>;
  /** The same terms under their fuzzy readings (时限 under "si xian"); see `byFuzzy`. */
  private fuzzyIndex: Map<string, string[]> | undefined;
  private termSet: Set<string> | undefined;
  private typedIndex: Map<string, string[]> | undefined;
  private initialsIndex: Map<string, string | null> | undefined;
  private readonly strong: Set<string>;
  /** The terms' readings indexed by sound (see maySoundLikeATerm); undefined without the homophone table. */
  private sounds: TermSounds | undefined;
  /** The strong terms by their characters but one, for handwriting slips (see LookalikeTerms). */
  private lookalikeIndex: LookalikeTerms | undefined;
  /** How often the documents use each window already counted (see usesInCorpus). */
  private readonly uses = new Map<string, number>();

  private constructor(private readonly state: TypoCorrectorState) {
    this.byPinyin = new Map(state.byPinyin);
    this.strong = new Set(state.strong);
  }

  // Built on first use: most questions hold no run that may sound like a term (maySoundLikeATerm),
  // and a cold `ask` of one of them never needs the fuzzy readings nor the set of terms.
  private get byFuzzy(): Map<string, string[]> {
    if (!this.fuzzyIndex) {
      this.fuzzyIndex = new Map();
      for (const [key, terms] of this.state.byPinyin) {
        const f = fuzzyKey(key.split(" "));
        const near = this.fuzzyIndex.get(f);
        if (near) near.push(...terms);
        else this.fuzzyIndex.set(f, [...terms]);
      }
    }
    return this.fuzzyIndex;
  }

  /** The terms under their pinyin written as one word ("shixian"), as typed in Latin letters; see `readPinyin`. */
  private get byTyped(): Map<string, string[]> {
    if (!this.typedIndex) {
      this.typedIndex = new Map();
      for (const [key, terms] of this.state.byPinyin) {
        const typed = key.replace(/ /g, "").replace(/ü/g, "v");
        this.typedIndex.set(typed, [...(this.typedIndex.get(typed) ?? []), ...terms]);
      }
    }
    return this.typedIndex;
  }

  private get lookalikes(): LookalikeTerms {
    return (this.lookalikeIndex ??= new LookalikeTerms(this.terms, (word) => this.usesInCorpus(word), this.state.lookalikes, (t) => this.strong.has(t)));
  }

  private get terms(): Set<string> {
    return (this.termSet ??= new Set(this.state.byPinyin.flatMap(([, ts]) => ts)));
  }

  /**
   * Builds the corrector from the domain terms, each with its weight (uses in the knowledge;
   * data-file terms weigh most), and the corpus text the rarity of a window is checked in.
   */
  static build(terms: Map<string, DomainTerm>, corpus: string, lookalikes: [string, string][] = []): TypoCorrector {
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
    const homophones = homophonesOf(new Set(entries.flatMap(([k]) => k.split(" "))));
    return new TypoCorrector({ byPinyin: entries, strong, corpus, ...(homophones ? { homophones } : {}), ...(lookalikes.length ? { lookalikes } : {}) });
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
   * Words typed in pinyin inside a question (公开shixian怎么填写: the input method was off for a
   * word): a run of Latin letters whose toneless pinyin is exactly a domain term's ("shixian" →
   * 时限) is read as that term. English words (excel, word) sound like no term and stay.
   * A short run is read as the initials of a strong term's syllables, as younger officials abbreviate
   * (ysq → 依申请, zdgk → 主动公开, ml → 目录), when one such term is much the most used here;
   * `keep` lists the Latin abbreviations that are no such initials (qq, ppt, xdm).
   */
  readPinyin(text: string, keep: ReadonlySet<string> = new Set()): { text: string; corrections: Correction[] } {
    const corrections: Correction[] = [];
    const read = text.replace(/[a-z]+/g, (run, at: number) => {
      if (keep.has(run)) return run;
      let to = run.length >= 4 ? this.byTyped.get(run)?.[0] : undefined;
      const alone = !/[0-9]/.test(text[at - 1] ?? "") && !/[0-9]/.test(text[at + run.length] ?? "");
      // one letter repeated is a placeholder or a laugh (XX个工作日, hhh), not initials
      if (!to && alone && run.length >= MIN_WINDOW && run.length <= MAX_INITIALS && !/^(.)\1+$/.test(run)) to = this.byInitials(run);
      if (!to) return run;
      corrections.push({ from: run, to });
      return to;
    });
    return { text: read, corrections };
  }

  /** The strong term whose syllables' initials the run spells, if the documents use it far more than any other such term. */
  private byInitials(run: string): string | undefined {
    this.initialsIndex ??= new Map();
    const cached = this.initialsIndex.get(run);
    if (cached !== undefined) return cached ?? undefined;
    const candidates = this.state.byPinyin
      .filter(([key]) => key.split(" ").map((syllable) => syllable[0]).join("") === run)
      .flatMap(([, terms]) => terms.filter((t) => this.strong.has(t)))
      .map((t) => ({ t, uses: this.usesInCorpus(t, Infinity) }))
      .sort((a, b) => b.uses - a.uses);
    const [first, second] = candidates;
    const to = first && first.uses > 0 && (!second || first.uses >= INITIALS_MARGIN * second.uses) ? first.t : null;
    this.initialsIndex.set(run, to);
    return to ?? undefined;
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
    if (!this.maySoundLikeATerm(chars, starts) && !this.lookalikes.mayHoldSlip(chars, starts, wordAt)) return { text, corrections: [] };
    const syllables = readingOf(text);
    if (syllables.length !== chars.length) return { text, corrections: [] };
    const taken = new Array<boolean>(chars.length).fill(false);
    const held = this.termsIn(chars);
    const found: { at: number; len: number; to: string }[] = [];
    for (let len = Math.min(MAX_WINDOW, chars.length); len >= MIN_WINDOW; len--) {
      const ofLength: { at: number; len: number; to: string }[] = [];
      for (let at = 0; at + len <= chars.length; at++) {
        const aligned = starts.has(at) && starts.has(at + len);
        if ((!aligned && (len < LONG_WINDOW || !starts.has(at))) || taken.slice(at, at + len).some(Boolean)) continue;
        // never a window that cuts into a term typed right (定依申请 holds 依申请, not 定义)
        if (held.some(([s, e]) => s < at + len && e > at && (s < at || e > at + len))) continue;
        const window = chars.slice(at, at + len).join("");
        if (!HAN.test(window) || verbDone(window, chars[at + len])) continue;
        const reading = syllables.slice(at, at + len);
        const exact = this.byPinyin.get(reading.join(" "));
        if (exact?.includes(window)) continue;
        // a near sound (前后鼻音, 平翘舌: 跟新 → 更新) counts only in a run that is no word of its own
        // (公司 stays 公司, never 公示) and all but one of whose characters are the term's
        const generalWord = wordAt.get(at) === len;
        const candidates = exact ?? (generalWord ? undefined : this.byFuzzy.get(fuzzyKey(reading))?.filter((t) => differsInOne(t, window)));
        if (!candidates) {
          const like = aligned ? this.lookalikes.slipFor(window, singlesAt(wordAt, at, len), generalWord) : undefined;
          if (like && !deliberate(window, like, chars[at - 1])) ofLength.push({ at, len, to: like });
          continue;
        }
        const to = candidates.find((t) => (aligned ? sharesPlace(t, window) : differsInOne(t, window)) && (!generalWord || this.strong.has(t)));
        if (!to || this.usesInCorpus(window) > MAX_CORPUS_USES || deliberate(window, to, chars[at - 1])) continue;
        ofLength.push({ at, len, to });
      }
      // of two overlapping windows the one read as a strong term wins (会给处份: 处份 → 处分, not 给处 → 给出)
      ofLength.sort((a, b) => Number(this.strong.has(b.to)) - Number(this.strong.has(a.to)) || a.at - b.at);
      for (const f of ofLength) {
        if (taken.slice(f.at, f.at + f.len).some(Boolean)) continue;
        found.push(f);
        for (let i = f.at; i < f.at + f.len; i++) taken[i] = true;
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

  /**
   * Whether some window could be read as a term, judged without pinyin: a run of whole words,
   * all Han, rare in the documents, each of whose characters can be read as the syllable at its
   * place in some term's reading. False only when `correct` would find nothing; always true
   * without the homophone table.
   */
  private maySoundLikeATerm(chars: string[], starts: Set<number>): boolean {
    if (!this.state.homophones) return true;
    this.sounds ??= new TermSounds(
      this.state.byPinyin.map(([key]) => key),
      new Map(this.state.homophones),
    );
    for (let len = Math.min(MAX_WINDOW, chars.length); len >= MIN_WINDOW; len--) {
      if (!this.sounds.hasLength(len)) continue;
      for (let at = 0; at + len <= chars.length; at++) {
        if (!starts.has(at) || (!starts.has(at + len) && len < LONG_WINDOW)) continue;
        const window = chars.slice(at, at + len);
        const word = window.join("");
        if (HAN.test(word) && this.sounds.fits(window) && this.usesInCorpus(word) <= MAX_CORPUS_USES) return true;
      }
    }
    return false;
  }

  /** Where the text holds a term of the lexicon as typed: [start, end) in characters. */
  private termsIn(chars: string[]): [number, number][] {
    const spans: [number, number][] = [];
    for (let at = 0; at < chars.length; at++) {
      for (let len = MIN_WINDOW; len <= MAX_WINDOW && at + len <= chars.length; len++) {
        if (this.terms.has(chars.slice(at, at + len).join(""))) spans.push([at, at + len]);
      }
    }
    return spans;
  }

  /**
   * How many times the documents use a word, counted up to one more than `atMost`. Counts up to
   * MAX_CORPUS_USES + 1 are remembered (at most USES_CACHE_MAX words): reading the indexed
   * questions asks for the same windows over and over.
   */
  private usesInCorpus(word: string, atMost = MAX_CORPUS_USES): number {
    if (atMost !== MAX_CORPUS_USES) return countUses(this.state.corpus, word, atMost);
    let n = this.uses.get(word);
    if (n === undefined) {
      n = countUses(this.state.corpus, word, atMost);
      if (this.uses.size < USES_CACHE_MAX) this.uses.set(word, n);
    }
    return n;
  }
}
