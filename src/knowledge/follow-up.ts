/**
 * Follow-up questions in a chat: "要多久", "那乡镇呢", "能延长吗" typed right after a question
 * make sense only with it. Such a question is read with the one before (followUpText), and that
 * reading is kept only when it is about what the official just asked, never to stretch an
 * everyday remark (明天下不下雨) into the previous topic.
 */
import { LOW_CONFIDENCE } from "./confidence.js";
import type { QueryReading } from "./query-understanding.js";
import type { Retrieval } from "./retrieve.js";
import { isEverydayWord } from "./salience.js";
import { cutDictionary, stripQuestionWords, tokenize } from "./tokenize.js";

/** Longest question (characters) read as a possible follow-up. */
const FOLLOW_UP_MAX = 20;
/** Longest question that an opening 那/还有, a closing 呢 or an 也 marks as a follow-up. */
const ELLIPTICAL_MAX = 15;
/** Share of a follow-up's own words unknown to the knowledge from which it is not about it. */
const UNFAMILIAR_MAX = 0.5;

const OPENS = /^(那要是|那如果|那么|那|还有|另外|如果|要是|假如)/;
const CLOSES = /呢[？?。！!～~\s]*$/;
const ALSO = /也(要|是|得|需要|能|可以|用|算|这样)/;
/** "那X呢": what about X, which may be a whole question of its own. */
const THAT_ONE = /^那|呢[？?。！!～~\s]*$/;
/** Openings that add to the matter just asked (还有别的要求吗) or suppose a case of it (那要是超期了, 如果申请人不同意). */
const ADDS = /^(那要是|那如果|还有|另外|如果|要是|假如)/;
/** Asking what to write without naming where (能写及时公开不, 填全社会行不行): the column just asked about. */
const WRITES = /^(能不能|可不可以|能|可以|要|得|就)?(多选|单选|写|填|选|勾)/;

/** What a search of a question tells about it here: its reading's kind and names, its words. */
type Searched = Pick<Retrieval, "terms"> & { reading: Pick<QueryReading, "kind" | "named" | "original"> & Partial<Pick<QueryReading, "everyday">> };

/** Fewest words of its own, besides the names it types, from which a 那…呢 question asks anew (那第三方不同意公开呢). */
const OWN_WORDS_ANEW = 2;

/** A short question that says it continues the one before: "那乡镇呢", "还有几天", "乡镇也要写吗", "能写及时公开不". */
export function isElliptical(question: string): boolean {
  const q = question.trim();
  return [...q].length <= ELLIPTICAL_MAX && (OPENS.test(q) || CLOSES.test(q) || ALSO.test(q) || WRITES.test(q));
}

/** The question without the words that only say it continues (那…呢, 还有): what it asks itself. */
export function ownPart(question: string): string {
  const q = question.trim().replace(OPENS, "").replace(CLOSES, "").trim();
  return q || question.trim();
}

/** The content words of a search (two characters or more), without those inside a longer one (第三方, not 第三, 三方). */
export function wordsOf(terms: readonly string[]): string[] {
  const words = [...new Set(terms.filter((t) => [...t].length > 1))];
  return words.filter((t) => !words.some((w) => w !== t && w.includes(t)));
}

/** The words of a search no passage holds (a word no passage holds has the largest IDF, that of ""). */
export function unknownWords(r: Pick<Retrieval, "terms" | "idf">): string[] {
  const unseen = r.idf("");
  return wordsOf(r.terms).filter((t) => r.idf(t) >= unseen);
}

/**
 * Whether a word the knowledge never uses names a topic of its own (下雨, 食堂, 低保): not an
 * everyday word of general Chinese (经过, 以前), nor, in a question that says it continues
 * (`continues`: 那批后呢), a run jieba's dictionary lacks (批后, short for 批准后), a fragment of
 * the question rather than another matter; 帮我写首诗 says no such thing, and 首诗 is a topic.
 */
function namesTopic(word: string, continues = true): boolean {
  return !isEverydayWord(word) && (!continues || cutDictionary(word).length === 1);
}

/**
 * A 那…呢 question that is a whole question of its own, answered alone: words of its own besides
 * the names it types (那第三方不同意公开呢: 同意, 公开), where 那公开主体呢 or 那乡镇呢 only names a thing.
 */
function asksAnew(alone: Searched & Pick<Retrieval, "abstain" | "confidence">): boolean {
  if (alone.abstain || alone.confidence < LOW_CONFIDENCE) return false;
  return wordsOf(alone.terms).filter((w) => !alone.reading.named.some((n) => n.includes(w))).length >= OWN_WORDS_ANEW;
}

/** Asking how to do something (咋弄, 怎么写, 如何办理), not what to do in a situation (咋办, 怎么办). */
const HOW_TO_DO = /(咋|怎么|怎样|如何)(弄|做|搞|整|写|填|报|办理|操作)/;

/**
 * A question how to do one thing and nothing else (备案咋弄, 年报怎么写): it asks about that thing,
 * whatever was asked before; 超期了咋办, 有特别规定的咋办 tell a situation of the previous matter.
 */
function howOfItsOwn(alone: Searched & { reading: Pick<QueryReading, "original"> }): boolean {
  const words = wordsOf(alone.terms);
  return HOW_TO_DO.test(alone.reading.original) && words.length === 1 && alone.terms.every((t) => words[0]!.includes(t));
}

/**
 * Whether to search a question together with the previous topic: it is short, and says it
 * continues (unless, as 那…呢, it asks a whole question answered alone), or is refused alone
 * (要多久) without being a how-question about a thing of its own (备案咋弄). One answered alone,
 * however weakly, stays its own; one refused as a personal or everyday matter (低保咋申请，要带啥材料)
 * is refused whatever was asked before.
 */
export function mayFollow(question: string, alone: Searched & Pick<Retrieval, "abstain" | "confidence"> & Partial<Pick<Retrieval, "outOfScope">>): boolean {
  const q = question.trim();
  if ([...q].length > FOLLOW_UP_MAX || alone.outOfScope) return false;
  if (isElliptical(q)) return !(THAT_ONE.test(q) && !ADDS.test(q) && asksAnew(alone));
  return alone.abstain && !howOfItsOwn(alone);
}

/**
 * Whether the reading with the previous topic replaces the question's own: it finds an answer,
 * the question's own words (`own`: searched without 那…呢) name no other matter (收费, 经过, 批后;
 * not 下雨, 食堂), and it says it continues or asks something itself (收费; 要多久, 贴在哪 by its
 * way of asking): "好吧", "？？" ask nothing.
 */
export function keepsFollowUp(
  question: string,
  own: Searched & Pick<Retrieval, "unfamiliar" | "related" | "idf">,
  combined: Pick<Retrieval, "abstain">,
): boolean {
  if (combined.abstain) return false;
  // what to write in the column just asked about is the catalogue's matter, whatever its words (要写全称不)
  const writes = isElliptical(question) && WRITES.test(question.trim());
  const unknown = unknownWords(own);
  // an everyday wording the reader knows the documents' words for (不回复, 不吭声 → 逾期未提出意见) names no other matter
  const mapped = own.reading.everyday ?? [];
  const elsewhere = own.unfamiliar >= UNFAMILIAR_MAX && (unknown.length === 0 || unknown.some((w) => !mapped.some((f) => f.includes(w)) && namesTopic(w, isElliptical(question))));
  if (elsewhere && !writes) return false;
  return isElliptical(question) || wordsOf(own.terms).length > 0 || own.related.length > 0 || own.reading.kind !== "other";
}

/** Whether a follow-up's own words are all unknown to the knowledge, none naming a matter of its own (那批后呢): it has nothing to search by itself. */
export function saysOnlyUnknown(own: Pick<Retrieval, "terms" | "idf">): boolean {
  const words = wordsOf(own.terms);
  return words.length > 0 && unknownWords(own).length === words.length && !words.some((w) => namesTopic(w));
}

/** Words of a question that say how it asks (多久, 在哪, 截止), not what it is about. */
const ASKING = /多久|多长|几天|多少|什么|啥|何时|哪|怎么|咋|如何|截止|截至|最晚|最迟/;

/**
 * What a question is about, for reading a follow-up: the names it typed (依申请公开, 公开主体,
 * 年报), else its content words of two or more characters, each once, without the words that
 * say how it asks (征地公示贴多久 → 征地 公示).
 */
export function topicOf(reading: Pick<QueryReading, "named">, terms: readonly string[]): string {
  if (reading.named.length) return [...new Set(reading.named)].join(" ");
  return wordsOf(terms.filter((t) => !ASKING.test(t))).join(" ");
}

/**
 * The text searched for a follow-up. A follow-up naming another thing asks the previous question
 * about it (公开时限怎么填写, then 那公开主体呢 → 公开主体怎么填写; 目录什么时候要弄完, then 那工作台账呢
 * → 工作台账什么时候要弄完), unless what it names is a value of the column just asked about (公开对象
 * 怎么填写, then 写特定群体行不行); otherwise it asks its own question about the previous topic
 * (依申请公开多少天内答复, then 能延长吗 → 依申请公开 能延长吗; 公开时线咋填, then 能写及时公开不), about the
 * previous question as typed when its own words are all unknown to the knowledge (`unknownOnly`,
 * see saysOnlyUnknown: 标准目录编完报谁审核, then 那批后呢 → 标准目录编完报谁审核 批后).
 * `asks` says which: a follow-up asking the previous question anew is what the next one follows.
 */
export function followUpText(
  previous: { reading: Pick<QueryReading, "text" | "named" | "columns">; terms: readonly string[] },
  question: string,
  own: Pick<QueryReading, "named" | "columns">,
  unknownOnly = false,
): { text: string; asks: "previous question" | "own question" } {
  const theirs = previous.reading.named.find((n) => previous.reading.text.includes(n));
  const sameColumn = own.columns.length > 0 && own.columns.every((c) => previous.reading.columns.includes(c));
  const mine = sameColumn ? undefined : own.named.find((n) => !previous.reading.named.includes(n));
  // the clause of the previous question that names its thing (公开时限怎么填写啊, not what it went on to say)
  const clause = theirs && previous.reading.text.split(/[，,。；;？?！!\s]+/).find((c) => c.includes(theirs));
  if (theirs && mine && onlyNames(question, mine)) return { text: (clause || previous.reading.text).replace(theirs, mine), asks: "previous question" };
  const topic = unknownOnly ? previous.reading.text : topicOf(previous.reading, previous.terms);
  return { text: `${topic} ${ownPart(question)}`, asks: "own question" };
}

/** Whether a follow-up only names a thing (那公开主体呢), not says something of it too (那要是第三方不回复呢: 回复). */
function onlyNames(question: string, name: string): boolean {
  const rest = tokenize(stripQuestionWords(ownPart(question).replace(name, " ")));
  return wordsOf(rest).every((w) => ASKING.test(w) || /[填写]/.test(w));
}

/** The note that opens an answer read as a follow-up: how it was read. */
export function followUpNote(read: string): string {
  return `（接着上一个问题，按“${read}”理解）`;
}
