/**
 * Follow-up questions in a chat: "收费吗", "那乡镇呢", "能延长吗" typed right after a question
 * make sense only with it. Such a question is searched together with the one before, and that
 * reading is kept only when it is about what the official just asked, never to stretch an
 * everyday remark (明天下不下雨) into the previous topic.
 */
import type { Retrieval } from "./retrieve.js";

/** Longest question (characters) read as a possible follow-up. */
const FOLLOW_UP_MAX = 20;
/** Longest question that an opening 那/还有 or a closing 呢 marks as a follow-up. */
const ELLIPTICAL_MAX = 15;
/** Share of a follow-up's own words unknown to the knowledge from which it is not about it. */
const UNFAMILIAR_MAX = 0.5;

const OPENS_FOLLOW_UP = /^(那|那么|那要是|那如果|还有|另外|如果|要是|假如)/;
const CLOSES_FOLLOW_UP = /呢[？?。！!～~\s]*$/;

/** A short question that says it continues the one before: "那乡镇呢", "还有别的要求吗", "要是超期了". */
export function isElliptical(question: string): boolean {
  const q = question.trim();
  return [...q].length <= ELLIPTICAL_MAX && (OPENS_FOLLOW_UP.test(q) || CLOSES_FOLLOW_UP.test(q));
}

/**
 * Whether to search a question together with the previous one: it is short, and says it
 * continues, or is refused alone (收费吗). One answered alone, however weakly, stays its own:
 * read with the previous question it would only be surer of the previous answer.
 */
export function mayFollow(question: string, alone: Pick<Retrieval, "abstain">): boolean {
  if ([...question.trim()].length > FOLLOW_UP_MAX) return false;
  return isElliptical(question) || alone.abstain;
}

/**
 * Whether the reading with the previous question replaces the question's own: it finds an
 * answer, the question's own words are the knowledge's (收费, 身份证; not 下雨, 食堂), and it
 * says it continues or asks something of its own.
 */
export function keepsFollowUp(
  question: string,
  alone: Pick<Retrieval, "unfamiliar" | "terms" | "related">,
  combined: Pick<Retrieval, "abstain">,
): boolean {
  if (combined.abstain || alone.unfamiliar >= UNFAMILIAR_MAX) return false;
  if (isElliptical(question)) return true;
  // it must ask something itself (收费, 身份证; 要多久 by its way of asking): "好吧", "？？" ask nothing
  return alone.terms.some((t) => [...t].length > 1) || alone.related.length > 0;
}

/** The text searched for a follow-up: the previous question, then this one. */
export function withPrevious(previous: string, question: string): string {
  return `${previous.trim()} ${question.trim()}`;
}

/** The note that opens an answer read as a follow-up, quoting (the end of) the previous question. */
export function followUpNote(previous: string): string {
  const chars = [...previous.trim()];
  const shown = chars.length > 30 ? `…${chars.slice(-30).join("")}` : chars.join("");
  return `（接着上一个问题“${shown}”理解）`;
}
