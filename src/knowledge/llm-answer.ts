import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { askModel } from "../llm/call.js";
import { guardLlmText } from "../llm/guard.js";
import type { Citation } from "./types.js";

/** Longest model answer accepted; the offline answer quotes at most three sentences. */
export const MAX_LLM_ANSWER = 1500;

/** Raised when the model's answer cannot be used; the caller falls back to the extractive one. */
export class UngroundedAnswerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UngroundedAnswerError";
  }
}

/**
 * Asks the model for an answer grounded only in the numbered passages. Throws (for the caller to
 * answer extractively) when the model does not answer within `timeoutMs`, or its answer fails
 * guardAnswer.
 */
export async function llmAnswer(options: {
  model: BaseChatModel;
  prompt: string;
  question: string;
  citations: Citation[];
  timeoutMs: number;
  signal?: AbortSignal;
}): Promise<string> {
  const { model, prompt, question, citations } = options;
  const passages = citations.map((c, i) => `[${i + 1}] 《${c.title}》${c.section ? ` ${c.section}` : ""}\n${c.text}`).join("\n\n");
  const system = prompt.replace("{{passages}}", passages);
  const text = await askModel(model, { system, user: question }, { timeoutMs: options.timeoutMs, signal: options.signal });
  return guardAnswer(text, citations);
}

/**
 * The answer as it may be shown: at most MAX_LLM_ANSWER characters, citing at least one given
 * passage and none that was not given, holding no link, phone number, e-mail address or active
 * markup that the passages it cites do not hold; other HTML tags are stripped.
 */
export function guardAnswer(text: string, citations: readonly Citation[]): string {
  const grounded = checkGrounded(text, citations.length);
  const cited = new Set([...grounded.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
  const sources = citations.filter((_, i) => cited.has(i + 1)).map((c) => c.text);
  try {
    return checkGrounded(guardLlmText(grounded, { maxChars: MAX_LLM_ANSWER, sources }), citations.length);
  } catch (err) {
    throw err instanceof UngroundedAnswerError ? err : new UngroundedAnswerError((err as Error).message, { cause: err });
  }
}

/** Returns the trimmed answer if every [n] it cites is a given passage and it cites one at least. */
export function checkGrounded(text: string, passages: number): string {
  const answer = (text ?? "").trim();
  if (!answer) throw new UngroundedAnswerError("模型返回空答复");
  const cited = [...answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
  if (!cited.length) throw new UngroundedAnswerError("模型答复未标注任何出处");
  const bad = cited.filter((n) => n < 1 || n > passages);
  if (bad.length) throw new UngroundedAnswerError(`模型答复引用了不存在的片段 [${bad.join("], [")}]`);
  return answer;
}
