/**
 * Messages typed in pinyin instead of Chinese characters ("gongkai shixian zenme tian"): the
 * assistant reads 汉字, so it asks for them instead of refusing the question as out of scope.
 * A message counts when it is mostly Latin letters and most of its letters are words that split
 * wholly into pinyin syllables, three syllables at least. The syllables are every toneless
 * reading pinyin-pro gives the CJK characters (computed on first use, only for such messages);
 * English words (ok, excel, hello), file names and paths do not split so.
 */
import { pinyinSyllables } from "../knowledge/pinyin-reading.js";

/** The reply to a message in pinyin; nothing was changed. */
export const PINYIN_REPLY = "我只认得汉字，读不懂拼音。请切换到中文输入法，用汉字重新发送，例如“公开时限怎么填？”。这条消息没有改动任何内容。";

const MIN_SYLLABLES = 3;
/** Share of the message's visible characters that are Latin letters. */
const MIN_LATIN_SHARE = 0.8;
/** Share of the letters that are in words made of pinyin syllables (one stray English word is fine). */
const MIN_PINYIN_SHARE = 0.6;
const MAX_SYLLABLE_LENGTH = 6;

/** The fewest pinyin syllables `word` splits into, or 0 when it does not split wholly. */
function syllableCount(word: string, known: Set<string>): number {
  const best: number[] = [0, ...Array<number>(word.length).fill(Infinity)];
  for (let end = 1; end <= word.length; end++) {
    for (let start = Math.max(0, end - MAX_SYLLABLE_LENGTH); start < end; start++) {
      if (best[start]! + 1 < best[end]! && known.has(word.slice(start, end))) best[end] = best[start]! + 1;
    }
  }
  return Number.isFinite(best[word.length]) ? best[word.length]! : 0;
}

/** Whether a message is written in pinyin rather than Chinese characters (see the module comment). */
export function looksLikePinyin(text: string): boolean {
  // tone marks and ü typed with an IME: gōngkāi → gongkai, lǜ → lv
  const t = text.normalize("NFD").replace(/u\u0308/gi, "v").replace(/[\u0300-\u036f]/g, "");
  const visible = t.replace(/[\s\p{P}\p{S}\d]/gu, "");
  const letters = visible.replace(/[^A-Za-z]/g, "");
  if (letters.length < MIN_SYLLABLES || letters.length < visible.length * MIN_LATIN_SHARE) return false;
  // file names, paths, addresses and handles: sample.xlsx, C:\x, a@b, a_b
  if (/[A-Za-z][./\\@_:][A-Za-z]/.test(t)) return false;
  const known = pinyinSyllables();
  let pinyinLetters = 0;
  let count = 0;
  for (const word of t.toLowerCase().match(/[a-z]+/g) ?? []) {
    const n = syllableCount(word, known);
    if (n === 0) continue;
    pinyinLetters += word.length;
    count += n;
  }
  return count >= MIN_SYLLABLES && pinyinLetters >= letters.length * MIN_PINYIN_SHARE;
}
