import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Jieba } from "@node-rs/jieba";
import { SegmentationWords } from "./segmentation-words.js";

let jieba: Jieba | undefined;
/** The dictionary's word list (see SegmentationWords), until the whole dictionary is loaded; null once read or found absent. */
let words: SegmentationWords | null | undefined;
/** Characters segmented with per-text dictionaries so far. */
let segmented = 0;
/**
 * Characters after which the whole dictionary is loaded: per-text dictionaries serve a question
 * (about a thousand characters) in well under a millisecond, but building the index segments
 * hundreds of thousands, and then loading jieba's dictionary once is cheaper.
 */
const WHOLE_DICTIONARY_AFTER = 50_000;

/**
 * jieba's default dictionary in the form it loads fastest: the same words with the same
 * frequencies, in the same order, without the part-of-speech tags, which segmentation never
 * reads but for which jieba allocates a string per word (about a sixth of its start-up).
 * `npm run build` writes it beside the compiled code (see writeSegmentationDictionary); where it
 * is absent (the sources run with tsx), the package's own dict.txt is read.
 */
const SEGMENTATION_DICT = fileURLToPath(new URL("../jieba-dict.txt", import.meta.url));
/** The same dictionary's word list (see SegmentationWords), written beside it by `npm run build`. */
const SEGMENTATION_WORDS = fileURLToPath(new URL("../jieba-words.bin", import.meta.url));

/** The package's dict.txt; `@node-rs/jieba/dict.js` would also read the 6 MB IDF table, which segmentation never uses. */
function packageDictionary(): string {
  return createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt");
}

function instance(): Jieba {
  if (!jieba) {
    let dict: Buffer;
    try {
      dict = fs.readFileSync(SEGMENTATION_DICT);
    } catch {
      dict = fs.readFileSync(packageDictionary());
    }
    jieba = Jieba.withDict(dict);
    words = null;
  }
  return jieba;
}

/**
 * A jieba that cuts `text` exactly as the one with the whole dictionary: one loaded with the
 * dictionary words the text holds (see SegmentationWords) while little has been segmented and
 * the word list is there, else the whole dictionary, loaded once.
 */
function segmenter(text: string): Jieba {
  if (jieba) return jieba;
  if (words === undefined) words = SegmentationWords.read(SEGMENTATION_WORDS) ?? null;
  segmented += text.length;
  if (!words || segmented > WHOLE_DICTIONARY_AFTER) return instance();
  return Jieba.withDict(words.dictionaryFor(text));
}

/**
 * Writes jieba's dictionary without its part-of-speech tags (see SEGMENTATION_DICT): each
 * `word frequency tag` line becomes `word frequency`; any other line is kept as it is. And its
 * word list beside it (see SEGMENTATION_WORDS), from the same lines.
 */
export function writeSegmentationDictionary(file: string = SEGMENTATION_DICT, wordsFile: string = SEGMENTATION_WORDS): void {
  const lines = fs.readFileSync(packageDictionary(), "utf8").split("\n");
  const stripped = lines.map((l) => l.replace(/^(\S+ \d+) [A-Za-z]+$/, "$1")).join("\n");
  const tmp = `${file}.tmp-${process.pid}`;
  fs.writeFileSync(tmp, stripped);
  fs.renameSync(tmp, file); // never a half-written dictionary: it would cut differently
  SegmentationWords.write(stripped, wordsFile);
}

/** Normalises text for matching: NFKC (full-width → half-width), lower case. */
export function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

// Function words and question fillers that carry no topic. Kept short on purpose:
// domain words such as 公开 are frequent but still discriminate between passages.
const STOPWORDS = new Set(
  (
    "的 了 吗 呢 吧 啊 么 呀 是 在 和 与 及 或 等 对 把 被 从 向 将 就 也 都 还 又 而 并 其 之 以 于 为 由 " +
    "这 那 这个 那个 这些 那些 什么 怎么 怎么样 怎样 如何 哪些 哪个 哪里 哪 多少 几 谁 为什么 是否 " +
    "有 有没有 没有 能 能否 可以 可否 需要 要 应该 应当 会 请问 请 一下 一个 我 我们 你 你们 他 她 它 吧 " +
    "中 上 下 里 个 所 之间 时 后 前 去 来 到 说 讲 做 弄 搞 写 填 用 办 怎么说 怎么办 怎么写 怎么填 咋 咋办 一样 不一样 " +
    "到底 具体 一般 主要 相关 有关 情况 问题 事 事情 东西 时候 现在 以后 之前 之后"
  ).split(/\s+/),
);

/** True for tokens that carry meaning: not punctuation, whitespace, or a stop word. */
export function isContentToken(token: string): boolean {
  if (!token.trim()) return false;
  if (!/[\p{L}\p{N}]/u.test(token)) return false;
  return !STOPWORDS.has(token);
}

// Question phrasing that jieba glues into odd words (哪两件, 哪五, 几类), 包括哪些 (asks for a list) and 什么叫/什么意思: not topic words.
const QUESTION_PHRASES = /(包括|包含)(?=哪|什么|几)|什么叫|叫什么|(是)?什么意思|可不可以|能不能|要不要|需不需要|行不行|是不是|应不应该|该不该|可以吗|(哪|几|多少)[一二两三四五六七八九十百几\d]*(个|件|项|类|种|条|点|些|方面|部分|步|次|天|年|月)?|什么样?|怎么样?|为什么|是不是|是否|有没有|吗|呢|啊/g;

/** Removes interrogative phrasing from a question before it is tokenised for matching. */
export function stripQuestionWords(text: string): string {
  return normalize(text).replace(QUESTION_PHRASES, " ");
}

/**
 * Splits Chinese (and mixed) text into search tokens with jieba's search mode, which also
 * emits the shorter words inside long compounds (基层政务公开 → 基层, 政务, 公开 …).
 */
export function tokenize(text: string): string[] {
  const normalized = normalize(text);
  return segmenter(normalized).cutForSearch(normalized, true).filter(isContentToken);
}

/** Jieba's segmentation by its dictionary alone (no HMM): unknown runs stay single characters. */
export function cutDictionary(text: string): string[] {
  return segmenter(text).cut(text, false);
}

/** Splits text into sentences at Chinese and Western sentence ends, keeping the punctuation. */
export function splitSentences(text: string): string[] {
  return text
    // a closing quotation mark after the full stop stays with its sentence (…交叉重叠。”又如…)
    .split(/(?<=[。！？!?；;][”’」』]?)(?![（(”’」』])|(?<=[）)])(?=\d{1,2}[.、．]\s*\S)|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** Overlapping character bigrams of the letters and digits (punctuation and spaces dropped). */
export function charBigrams(text: string): string[] {
  const chars = Array.from(normalize(text)).filter((c) => /[\p{L}\p{N}]/u.test(c));
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}
