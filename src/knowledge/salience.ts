import fs from "node:fs";
import { createRequire } from "node:module";

/** Fewest occurrences in the knowledge for a word to count as a topic word. */
const MIN_COUNT = 3;
/**
 * Most salience of a word jieba's dictionary lacks (微信, 放管服, or a run its HMM invents): with no
 * general frequency to compare with, its ratio only reflects the smoothing, and 微信群里怎么发红包
 * would read as the documents' topic. A middling domain word's salience (申请 4.6) at most.
 */
const ABSENT_MAX = 4;

/**
 * Log ratio of each token's frequency in the knowledge to its frequency in general Chinese,
 * taken from the word frequencies of jieba's own dictionary (shipped with @node-rs/jieba,
 * so no download). 公开, 目录, 台账 score high; 新闻, 国家, 文件 low. Pure numbers are not
 * topic words, and a word seen fewer than MIN_COUNT times is no evidence of a topic (a rare
 * general word met once would otherwise score highest): neither gets an entry.
 */
export function domainSalience(counts: Map<string, number>, general: GeneralFrequencies): Map<string, number> {
  let corpusTotal = 0;
  for (const c of counts.values()) corpusTotal += c;
  const out = new Map<string, number>();
  for (const [t, c] of counts) {
    if (/^[\d.]+$/.test(t) || c < MIN_COUNT) continue;
    const g = general.words.get(t);
    const s = Math.log(c / corpusTotal / (((g ?? 0) + 1) / general.total));
    out.set(t, Number((g === undefined ? Math.min(s, ABSENT_MAX) : s).toFixed(3)));
  }
  return out;
}

/**
 * Fewest times jieba's dictionary counts an everyday word, so common in general Chinese that it
 * names no topic (经过 16218, 以前 9343, 特别 19119); 明天 3264, 股市 1191, 食堂 660 name one.
 * About 1,750 words.
 */
const EVERYDAY_MIN = 5000;
let everyday: Set<string> | undefined;

/** Whether a word is an everyday word of general Chinese (EVERYDAY_MIN), not a topic of its own. */
export function isEverydayWord(word: string): boolean {
  everyday ??= everydayWords();
  return everyday.has(word);
}

/** The everyday words, read straight off the dictionary's lines ("经过 16218 p"): counts of four digits or more only. */
function everydayWords(): Set<string> {
  const words = new Set<string>();
  for (const m of jiebaDictionary().matchAll(/^(\S+) (\d{4,})/gm)) if (Number(m[2]) >= EVERYDAY_MIN) words.add(m[1]!);
  return words;
}

/**
 * jieba's own dictionary, one "word count tag" per line: the frequencies of general Chinese.
 * The package's dict.txt itself (what `@node-rs/jieba/dict.js` exports as `dict`), without the
 * 6 MB IDF table that module also reads.
 */
function jiebaDictionary(): string {
  return fs.readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt"), "utf8");
}

/** Word frequencies of general Chinese (jieba's dictionary) and their total. */
export interface GeneralFrequencies {
  /** The frequency of each word asked for that the dictionary lists. */
  words: Map<string, number>;
  /** The sum of the frequencies of every word the dictionary lists. */
  total: number;
}

/**
 * Reads the frequencies of general Chinese off jieba's dictionary: the total of all, and the
 * frequencies of `wanted` (the words to compare; only these are kept, not the dictionary's
 * 350,000). A word listed twice keeps its last frequency; a line without a word before a space,
 * or without a number after it, is skipped.
 */
export function generalFrequencies(wanted: Iterable<string>): GeneralFrequencies {
  const want = new Set(wanted);
  const text = jiebaDictionary();
  const words = new Map<string, number>();
  let total = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const sp = text.indexOf(" ", start);
    if (sp > start && sp < end) {
      const f = frequencyAt(text, sp + 1, end);
      if (Number.isFinite(f)) {
        const word = text.slice(start, sp);
        if (want.has(word)) words.set(word, f);
        total += f;
      }
    }
    start = end + 1;
  }
  return { words, total };
}

/** `Number.parseInt(text.slice(from, end), 10)`, without making the string for a plain run of digits. */
function frequencyAt(text: string, from: number, end: number): number {
  let n = 0;
  let i = from;
  for (; i < end; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  // no digit first, or too many to add up exactly: as parseInt reads it
  return i === from || i - from > 15 ? Number.parseInt(text.slice(from, end), 10) : n;
}
