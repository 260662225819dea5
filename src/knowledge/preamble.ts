import { normalize, stripQuestionWords, tokenize } from "./tokenize.js";

/** A clause that asks something: a question word, or a sentence-final particle (…不, …吗, …嘛). */
const ASKING = /咋|啥|怎|什么|哪|谁|几[天条项类]|多久|多长|多少|要不要|能不能|可不可以|可以吗|行不|是否|有没有|算不算|用不用|得不得|中不中|要得不|如何|[吗呢嘛么不没否]$/;
/** Fewest clauses for a message to have a preamble (a shorter one is all question). */
const MIN_CLAUSES = 3;

/**
 * The words only the telling of a long message uses — the clauses before its question that ask
 * nothing (县里发通知喊在月底前把目录报上去，额们人少，几个站所都推，到底哪个牵头嘛): they set
 * the scene, and weigh less than what the message asks.
 */
export function preambleWords(text: string): Set<string> {
  const clauses = normalize(text).split(/[，,。；;！!？?、\s]+/).filter(Boolean);
  if (clauses.length < MIN_CLAUSES) return new Set();
  const asking = clauses.filter((c, i) => i === clauses.length - 1 || ASKING.test(c));
  if (asking.length === clauses.length) return new Set();
  const asked = new Set(asking.flatMap((c) => tokenize(stripQuestionWords(c))));
  const out = new Set<string>();
  for (const c of clauses) if (!asking.includes(c)) for (const t of tokenize(stripQuestionWords(c))) if (!asked.has(t)) out.add(t);
  return out;
}
