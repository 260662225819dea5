/** What a typo reading leaves alone: words typed on purpose that sound like a domain term. */

/**
 * A verb with its result (编好了, 弄完的): 编好了 is no typo of 编号, though both read "bian hao".
 * The window ends in the result and the next character says it is done.
 */
const RESULT = /[好完]$/;
const DONE = /^[了的后发交报送上下以要就再之没吗呢啦给在]$/;

/** A negation is typed on purpose: 不全 is not 补全. */
const NEGATION = /[不没]/;
/**
 * Characters a two-character run holds on purpose, not as a slip: 是 and 有 (全是 is not 全市), a
 * place or level (我们县有 is not 现有), a particle (号吗 is not 号码). A longer run typed for a term
 * may slip on them (公开方是 is 公开方式).
 */
const DELIBERATE = /[是有县乡镇村市省区里吗呢吧啊了的]/;
/** 是 or 有 opening a run of any length starts a clause (必是政府信息 is not 必市政府信息). */
const COPULA = /[是有]/;
/** A sentence particle ending a run of any length is typed on purpose (身份证号吗 is not 身份证号码). */
const PARTICLE = /[吗呢吧啊嘛]/;
/** 个 after these counts one thing (有个镇 is a town, not 各镇). */
const COUNTS = /[有一这那哪某每]/;

/**
 * Whether reading `window` as `term` would change a character typed on purpose (see DELIBERATE, COUNTS).
 * @param before the character before the window
 */
export function deliberate(window: string, term: string, before: string | undefined): boolean {
  const t = [...term];
  const short = t.length <= 2;
  const w = [...window];
  return w.some((c, i) => t[i] !== c && (NEGATION.test(c) || (short && DELIBERATE.test(c)) || (i === 0 && COPULA.test(c)) || (i === w.length - 1 && PARTICLE.test(c)) || (c === "个" && i === 0 && COUNTS.test(before ?? ""))));
}

/** Whether a window is a verb with its result, done (编好了, 编好以后要报谁, 目录编好): see RESULT and DONE. */
export function verbDone(window: string, next: string | undefined): boolean {
  return RESULT.test(window) && (next === undefined || !/\p{Script=Han}/u.test(next) || DONE.test(next));
}
