import { fuzzy } from "./pinyin-reading.js";

/** One term reading, with the characters each of its syllables may be typed as. */
interface Reading {
  syllables: string[];
  /** For each syllable, the Han characters read so (by its fuzzy reading), if any. */
  chars: (Set<string> | undefined)[];
}

/** 々 repeats the reading of the character before it, whatever that is. */
const REPEAT = "々";

/**
 * The domain terms' readings, indexed to tell without pinyin whether a run of characters can be
 * read, character by character, as some term's syllables (see TypoCorrector.maySoundLikeATerm).
 * A character fits a syllable when it is the syllable itself, 々, or one of the homophones of the
 * syllable's fuzzy reading. Readings are grouped by length and by their first syllable's fuzzy
 * reading, so a run is compared only with the readings its first character can start.
 */
export class TermSounds {
  /** Length → fuzzy reading of the first syllable → readings. */
  private readonly byStart = new Map<number, Map<string, Reading[]>>();
  /** Length → every reading of that length (a run starting with 々 may start any). */
  private readonly byLength = new Map<number, Reading[]>();
  /** Han character → the fuzzy readings whose homophones hold it. */
  private readonly readingsOf = new Map<string, string[]>();

  /**
   * @param keys the terms' toneless readings, syllables separated by spaces ("shi xian")
   * @param homophones fuzzy syllable → every Han character that may be read so, as one string
   */
  constructor(keys: Iterable<string>, homophones: Map<string, string>) {
    const sets = new Map<string, Set<string>>();
    for (const [syllable, chars] of homophones) {
      const set = new Set(chars);
      sets.set(syllable, set);
      for (const c of set) {
        const readings = this.readingsOf.get(c);
        if (readings) readings.push(syllable);
        else this.readingsOf.set(c, [syllable]);
      }
    }
    for (const key of keys) {
      const syllables = key.split(" ");
      const reading: Reading = { syllables, chars: syllables.map((s) => sets.get(fuzzy(s))) };
      const len = syllables.length;
      let all = this.byLength.get(len);
      if (!all) this.byLength.set(len, (all = []));
      all.push(reading);
      let starts = this.byStart.get(len);
      if (!starts) this.byStart.set(len, (starts = new Map()));
      const first = fuzzy(syllables[0]!);
      const list = starts.get(first);
      if (list) list.push(reading);
      else starts.set(first, [reading]);
    }
  }

  /** Whether there is any reading of this many syllables. */
  hasLength(len: number): boolean {
    return this.byLength.has(len);
  }

  /** Whether each character of the run can be read as the syllable at its place in some term's reading. */
  fits(run: string[]): boolean {
    const first = run[0]!;
    if (first === REPEAT) return this.byLength.get(run.length)?.some((r) => fitsFrom(r, run, 1)) ?? false;
    const starts = this.byStart.get(run.length);
    if (!starts) return false;
    // the readings the first character can start: those of a syllable it is a homophone of, and
    // those whose first syllable is the character itself (pinyin-pro leaves some characters unread)
    const buckets = new Set(this.readingsOf.get(first));
    buckets.add(fuzzy(first));
    for (const bucket of buckets) {
      for (const r of starts.get(bucket) ?? []) {
        if ((r.syllables[0] === first || r.chars[0]?.has(first)) && fitsFrom(r, run, 1)) return true;
      }
    }
    return false;
  }
}

/** Whether the run's characters from `from` on fit the reading's syllables at the same places. */
function fitsFrom(reading: Reading, run: string[], from: number): boolean {
  for (let i = from; i < run.length; i++) {
    const c = run[i]!;
    if (c !== reading.syllables[i] && c !== REPEAT && !(reading.chars[i]?.has(c) ?? false)) return false;
  }
  return true;
}
