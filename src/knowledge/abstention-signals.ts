import type { OutOfScope } from "./language-data.js";
import { cutDictionary, normalize } from "./tokenize.js";

/** Distinct everyday wordings of one thing from which a question is a situation of the domain (see corroborated). */
const AGREEING_FORMS = 2;

/**
 * Whether someone's money has come (王桂兰的高龄补贴到账没有, 危房改造补助发下来没得, 工资咋还没发):
 * a question about one person's case, which no document answers, though it names a field.
 */
const STATUS_QUESTION = /(到账|发下来|发了|发放了|批下来|领到|打到卡上)了?(没有|没得|没|吗)(?=$|[，,。？?！!\s])|发没发|还没(到账|发下来|发)/;

/** When one's own pay comes (这个月绩效啥时候发, 年终奖几号到): no document answers it either. */
const PAY_WHEN = /(工资|绩效|奖金|年终奖|加班费|津贴|补贴|补助|报销)[^，,。？?\s]{0,4}(什么时候|啥时候|几号|哪天|多久|几时|么时候)(能)?(发|到|到账|下来|打卡)(?!放情况|放结果)/;

/** True for a question asking whether (or when) one person's money has come (see STATUS_QUESTION, PAY_WHEN): refused. */
export function asksPersonalStatus(text: string): boolean {
  return STATUS_QUESTION.test(text) || (PAY_WHEN.test(text) && !/公开|公示|公布/.test(text));
}

/** The colloquial data's forms, normalised once per data set (asked of every question). */
const normalizedForms = new WeakMap<readonly { forms: string[] }[], string[][]>();

/** Whether the text holds two everyday forms (neither inside the other) that the colloquial data maps to the same term. */
export function corroborated(text: string, words: readonly { forms: string[] }[]): boolean {
  let forms = normalizedForms.get(words);
  if (!forms) normalizedForms.set(words, (forms = words.map((w) => w.forms.map(normalize))));
  return forms.some((ofTerm) => {
    const found = ofTerm.filter((f) => text.includes(f));
    return found.filter((f) => !found.some((g) => g !== f && g.includes(f))).length >= AGREEING_FORMS;
  });
}

/**
 * True for a question the documents never answer however many of their words it shares
 * (knowledge/out-of-scope.yaml): an everyday matter (明天下雨不, 打印机卡纸), or a personal service
 * (低保咋申请，要带啥材料; 社保卡丢了咋补办) asked without a word of disclosure itself (公开, 公示,
 * 目录) and without naming one of its concepts (申请人, 个人隐私).
 */
export function asksElsewhere(reading: { original: string; text: string; named: readonly string[]; meant: readonly string[] }, scope: OutOfScope): boolean {
  const text = `${normalize(reading.original)}\u0000${reading.text}`;
  if (scope.everyday.some((w) => text.includes(w))) return true;
  // disclosure said in everyday words (谁家补了多少钱 要贴出来不: 贴出来 → 公开) anchors it too
  const anchored = scope.anchors.some((w) => text.includes(w) || reading.meant.includes(w));
  return !reading.named.length && scope.services.some((w) => text.includes(w)) && !anchored;
}

/** Characters of grammar (能, 要, 会 …) that jieba's new-word guess glues to a piece of a word. */
const FUNCTION_CHAR = /[能要会可得该就也都还才再又把被给让]/;

/**
 * The words of a question (two characters or more) that the reader did not read as a form it
 * knows (`known`: the names and everyday forms found in it). A run jieba's dictionary lacks,
 * glued by its new-word guess from a function character and a piece of another word (能延 in
 * 最多能延多久), is a fragment of the question, not a word it uses.
 */
export function unreadWords(tokens: readonly string[], known: readonly string[]): string[] {
  return tokens.filter((t) => [...t].length > 1 && !known.some((k) => k.includes(t)) && !(cutDictionary(t).length > 1 && FUNCTION_CHAR.test(t)));
}
