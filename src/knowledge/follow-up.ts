/**
 * Follow-up questions in a chat: "收费吗", "那乡镇呢", "能延长吗" typed right after a question
 * make sense only with it. Such a question is read with the one before (followUpText), and that
 * reading is kept only when it is about what the official just asked, never to stretch an
 * everyday remark (明天下不下雨) into the previous topic.
 */
import type { QueryReading } from "./query-understanding.js";
import type { Retrieval } from "./retrieve.js";

/** Longest question (characters) read as a possible follow-up. */
const FOLLOW_UP_MAX = 20;
/** Longest question that an opening 那/还有, a closing 呢 or an 也 marks as a follow-up. */
const ELLIPTICAL_MAX = 15;
/** Share of a follow-up's own words unknown to the knowledge from which it is not about it. */
const UNFAMILIAR_MAX = 0.5;

const OPENS = /^(那要是|那如果|那么|那|还有|另外|如果|要是|假如)/;
const CLOSES = /呢[？?。！!～~\s]*$/;
const ALSO = /也(要|是|得|需要|能|可以|用|算|这样)/;
/** Asking what to write without naming where (能写及时公开不, 填全社会行不行): the column just asked about. */
const WRITES = /^(能不能|可不可以|能|可以|要|得|就)?(多选|单选|写|填|选|勾)/;

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

/**
 * Whether to search a question together with the previous topic: it is short, and says it
 * continues, or is refused alone (收费吗). One answered alone, however weakly, stays its own.
 */
export function mayFollow(question: string, alone: Pick<Retrieval, "abstain">): boolean {
  if ([...question.trim()].length > FOLLOW_UP_MAX) return false;
  return isElliptical(question) || alone.abstain;
}

/**
 * Whether the reading with the previous topic replaces the question's own: it finds an answer,
 * the question's own words (`own`: searched without 那…呢) are the knowledge's (收费, 身份证; not
 * 下雨, 食堂), and it says it continues or asks something itself (收费; 要多久 by its way of
 * asking): "好吧", "？？" ask nothing.
 */
export function keepsFollowUp(question: string, own: Pick<Retrieval, "unfamiliar" | "terms" | "related">, combined: Pick<Retrieval, "abstain">): boolean {
  // what to write in the column just asked about is the catalogue's matter, whatever its words (要写全称不)
  if (combined.abstain || (own.unfamiliar >= UNFAMILIAR_MAX && !(isElliptical(question) && WRITES.test(question.trim())))) return false;
  return isElliptical(question) || own.terms.some((t) => [...t].length > 1) || own.related.length > 0;
}

/** Words of a question that say how it asks (多久, 在哪), not what it is about. */
const ASKING = /多久|多长|几天|多少|什么|啥|何时|哪|怎么|咋|如何/;

/**
 * What a question is about, for reading a follow-up: the names it typed (依申请公开, 公开主体,
 * 年报), else its content words of two or more characters, each once, without the words that
 * say how it asks (征地公示贴多久 → 征地 公示).
 */
export function topicOf(reading: Pick<QueryReading, "named">, terms: readonly string[]): string {
  if (reading.named.length) return [...new Set(reading.named)].join(" ");
  const words = terms.filter((t) => [...t].length > 1 && !ASKING.test(t));
  return words.filter((t) => !words.some((w) => w !== t && w.includes(t))).join(" ");
}

/**
 * The text searched for a follow-up. A follow-up naming another thing asks the previous question
 * about it (公开时限怎么填写, then 那公开主体呢 → 公开主体怎么填写; 目录什么时候要弄完, then 那工作台账呢
 * → 工作台账什么时候要弄完), unless what it names is a value of the column just asked about (公开对象
 * 怎么填写, then 写特定群体行不行); otherwise it asks its own question about the previous topic
 * (依申请公开多少天内答复, then 收费吗 → 依申请公开 收费吗; 公开时线咋填, then 能写及时公开不).
 * `asks` says which: a follow-up asking the previous question anew is what the next one follows.
 */
export function followUpText(
  previous: { reading: Pick<QueryReading, "text" | "named" | "columns">; terms: readonly string[] },
  question: string,
  own: Pick<QueryReading, "named" | "columns">,
): { text: string; asks: "previous question" | "own question" } {
  const theirs = previous.reading.named.find((n) => previous.reading.text.includes(n));
  const sameColumn = own.columns.length > 0 && own.columns.every((c) => previous.reading.columns.includes(c));
  const mine = sameColumn ? undefined : own.named.find((n) => !previous.reading.named.includes(n));
  if (theirs && mine) return { text: previous.reading.text.replace(theirs, mine), asks: "previous question" };
  return { text: `${topicOf(previous.reading, previous.terms)} ${ownPart(question)}`, asks: "own question" };
}

/** The note that opens an answer read as a follow-up: how it was read. */
export function followUpNote(read: string): string {
  return `（接着上一个问题，按“${read}”理解）`;
}
