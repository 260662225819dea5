/**
 * Reading Chinese by its sound: toneless pinyin of a text (pinyin-pro, loaded on first use), the
 * fuzzy syllables many speakers do not tell apart, and the homophones of a set of syllables. The
 * typo corrector and the drafting labels (时线 for 时限) read words by sound through these.
 */
import { createRequire } from "node:module";
import type * as PinyinPro from "pinyin-pro";

let pinyinPro: typeof PinyinPro | undefined;

/**
 * pinyin-pro, loaded on first use through its CommonJS build: one file, synchronously, cheaper
 * at a cold start than its two dozen ES modules; the bot loads it with its first question.
 */
function pinyinLib(): typeof PinyinPro {
  pinyinPro ??= createRequire(import.meta.url)("pinyin-pro") as typeof PinyinPro;
  return pinyinPro;
}

let syllables: Set<string> | undefined;

/**
 * Every toneless pinyin syllable (ü written v, and u as people type it: lve and lue): the
 * readings pinyin-pro gives the CJK characters, computed on first use.
 */
export function pinyinSyllables(): Set<string> {
  if (syllables) return syllables;
  let han = "";
  for (let c = 0x4e00; c <= 0x9fa5; c++) han += String.fromCharCode(c);
  const readings = pinyinLib().pinyin(han, { toneType: "none", type: "array", v: true }).filter((r) => /^[a-z]+$/.test(r));
  syllables = new Set(readings.flatMap((r) => [r, r.replace(/v/g, "u")]));
  return syllables;
}

/** pinyin-pro's dictionary data, read for the homophone table (not part of its typed interface). */
interface PinyinData {
  /** Single characters: readings by UTF-16 code (BMP), and by string (beyond the BMP). */
  DICT1: { NumberDICT: (string | undefined)[]; StringDICT: Map<string, string> };
  /** Words and their readings, one syllable per character. */
  PatternsNormal: { zh: string; pinyin: string }[];
}

/**
 * For each of `syllables`, the Han characters pinyin-pro can read as it: all readings of each
 * character in its character dictionary, and the reading of each character inside each of its
 * words (傍 is bang alone, pang in 傍若无人). Undefined when pinyin-pro's data is not laid out as
 * expected: the corrector then always computes the pinyin.
 */
export function homophonesOf(terms: Set<string>): [string, string][] | undefined {
  const syllables = new Set([...terms].map(fuzzy));
  let data: PinyinData;
  try {
    const req = createRequire(import.meta.url);
    const dict = req("pinyin-pro/dist/esm/data/dict1.mjs") as { default: PinyinData["DICT1"] };
    const patterns = req("pinyin-pro/dist/esm/data/patterns.mjs") as { PatternsNormal: PinyinData["PatternsNormal"] };
    data = { DICT1: dict.default, PatternsNormal: patterns.PatternsNormal };
    if (!Array.isArray(data.DICT1.NumberDICT) || !(data.DICT1.StringDICT instanceof Map) || !Array.isArray(data.PatternsNormal)) return undefined;
  } catch {
    return undefined;
  }
  const { convert } = pinyinLib();
  const toneless = (reading: string) => convert(reading, { format: "toneNone" }).split(" ");
  const out = new Map<string, Set<string>>();
  const add = (char: string, reading: string) => {
    const syllable = fuzzy(reading);
    if (syllables.has(syllable)) out.set(syllable, (out.get(syllable) ?? new Set()).add(char));
  };
  data.DICT1.NumberDICT.forEach((readings, code) => {
    if (readings) for (const r of toneless(readings)) add(String.fromCharCode(code), r);
  });
  for (const [char, readings] of data.DICT1.StringDICT) for (const r of toneless(readings)) add(char, r);
  for (const { zh, pinyin } of data.PatternsNormal) {
    const readings = toneless(pinyin);
    [...zh].forEach((char, i) => readings[i] && add(char, readings[i]));
  }
  return [...out].map(([syllable, chars]) => [syllable, [...chars].join("")]);
}

/**
 * A toneless syllable with the sounds many speakers (and fuzzy-pinyin input methods) do not tell
 * apart made one: zh/ch/sh → z/c/s, eng/ing → en/in. Not an/ang nor n/l: 乡/县 and 难/栏 are
 * different words to the officials who type them.
 */
export function fuzzy(syllable: string): string {
  let f = fuzzied.get(syllable);
  if (f === undefined) {
    f = syllable.replace(/^([zcs])h/, "$1").replace(/(e|i)ng$/, "$1n");
    if (fuzzied.size < FUZZY_CACHE_MAX) fuzzied.set(syllable, f);
  }
  return f;
}

/** Fuzzy readings already computed: the typo corrector asks for the same few hundred syllables per question window. */
const fuzzied = new Map<string, string>();
const FUZZY_CACHE_MAX = 10_000;

/** The fuzzy reading of a word, syllable by syllable (see `fuzzy`): how terms are grouped by sound. */
export function fuzzyKey(syllables: string[]): string {
  return syllables.map(fuzzy).join(" ");
}

/** Toneless pinyin of each character (non-Chinese characters stand for themselves). */
export function readingOf(text: string): string[] {
  const { pinyin } = pinyinLib();
  const chars = [...text];
  const whole = pinyin(text, { toneType: "none", type: "array" });
  return whole.length === chars.length ? whole : chars.map((c) => pinyin(c, { toneType: "none" }));
}

/** A word typed for `term` by its sound (时线 for 时限): same fuzzy pinyin, a character in common in place. */
export function soundsLike(word: string, term: string): boolean {
  if (word === term || [...word].length !== [...term].length || !sharesPlace(word, term)) return false;
  return fuzzyKey(readingOf(word)) === fuzzyKey(readingOf(term));
}

/** Same length, and all characters but one the same at the same position. */
export function differsInOne(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  return x.length === y.length && x.filter((c, i) => c !== y[i]).length === 1;
}

/** At least one character in common at the same position (a typo keeps most of the word). */
export function sharesPlace(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  return x.some((c, i) => c === y[i]);
}
