/**
 * The one way the application calls a chat model: a hard time bound that holds even when the
 * client ignores its abort signal, and a budget shared by the several calls of one question.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";

/** The model did not answer within its time (or the caller gave up first). */
export class LlmTimeoutError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly aborted = false,
    options?: { cause?: unknown },
  ) {
    super(aborted ? "模型调用已取消" : `模型 ${timeoutMs} ms 内未答复`, options);
    this.name = "LlmTimeoutError";
  }
}

/**
 * Runs `call` with a hard time bound. `call` gets a signal that aborts on the timeout or when the
 * caller's `signal` aborts; the promise rejects with LlmTimeoutError at that moment even if the
 * client goes on waiting.
 */
export async function withLlmTimeout<T>(
  call: (signal: AbortSignal) => Promise<T>,
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<T> {
  const { signal } = options;
  const timeoutMs = Math.max(0, Math.floor(options.timeoutMs));
  if (timeoutMs === 0) throw new LlmTimeoutError(0); // no time left: do not start a request
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    const stop = (err: LlmTimeoutError) => {
      controller.abort(err);
      reject(err);
    };
    if (signal?.aborted) return stop(new LlmTimeoutError(timeoutMs, true, { cause: signal.reason }));
    timer = setTimeout(() => stop(new LlmTimeoutError(timeoutMs)), timeoutMs);
    if (signal) {
      onAbort = () => stop(new LlmTimeoutError(timeoutMs, true, { cause: signal.reason }));
      signal.addEventListener("abort", onAbort, { once: true });
    }
  });
  try {
    if (controller.signal.aborted) return await stopped;
    return await Promise.race([call(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}

/** The time left for the LLM calls of one request, handed out call by call. */
export interface LlmBudget {
  /** Milliseconds left of the whole budget (never negative). */
  left(): number;
  /** Time for one call: `share` of the whole budget, and never more than is left. */
  slice(share: number): number;
}

/** Starts a budget of `totalMs` from now. */
export function llmBudget(totalMs: number, now: () => number = Date.now): LlmBudget {
  const end = now() + totalMs;
  const left = () => Math.max(0, end - now());
  return { left, slice: (share) => Math.min(left(), Math.floor(totalMs * share)) };
}

/**
 * Sends a system prompt and one user message; returns the reply's text. Bounded by
 * withLlmTimeout; any client error propagates for the caller to fall back.
 */
export async function askModel(
  model: BaseChatModel,
  messages: { system: string; user: string },
  options: { timeoutMs: number; signal?: AbortSignal },
): Promise<string> {
  const reply = await withLlmTimeout(
    (signal) =>
      model.invoke(
        [
          { role: "system", content: messages.system },
          { role: "user", content: messages.user },
        ],
        { signal },
      ),
    options,
  );
  return typeof reply.content === "string" ? reply.content : reply.text;
}
