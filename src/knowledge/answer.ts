import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Logger } from "../log.js";
import type { Citation } from "./types.js";
import type { Hit } from "./retrieve.js";

/** Turns ranked passages into the citations an answer shows. */
export function toCitations(hits: Hit[]): Citation[] {
  return hits.map((h) => ({
    doc: h.chunk.doc,
    title: h.chunk.title,
    section: h.chunk.section,
    text: h.chunk.text,
    score: Number(h.score.toFixed(6)),
  }));
}

/** Raised when the model's answer cannot be used; the caller falls back to the extractive one. */
export class UngroundedAnswerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UngroundedAnswerError";
  }
}

/**
 * Asks the model for an answer grounded only in the numbered passages. Rejects (throws) an
 * answer that cites no passage or cites a number that was not given, and gives up after
 * `timeoutMs`.
 */
export async function llmAnswer(options: {
  model: BaseChatModel;
  prompt: string;
  question: string;
  citations: Citation[];
  timeoutMs: number;
  signal?: AbortSignal;
  logger?: Logger;
}): Promise<string> {
  const { model, prompt, question, citations, timeoutMs } = options;
  const passages = citations.map((c, i) => `[${i + 1}] 《${c.title}》${c.section ? ` ${c.section}` : ""}\n${c.text}`).join("\n\n");
  const system = prompt.replace("{{passages}}", passages);
  const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
  const signal = AbortSignal.any(signals);
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new UngroundedAnswerError(`模型 ${timeoutMs} ms 内未答复`)), timeoutMs + 250);
  });
  try {
    const message = await Promise.race([
      model.invoke(
        [
          { role: "system", content: system },
          { role: "user", content: question },
        ],
        { signal },
      ),
      deadline,
    ]);
    const text = typeof message.content === "string" ? message.content : message.text;
    return checkGrounded(text, citations.length);
  } finally {
    clearTimeout(timer);
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
