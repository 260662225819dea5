/**
 * Retrieval helped by the model, around the offline retrieval: the question rewritten into the
 * documents' wording before it (rewrite), the top passages reordered after it (rerank). Each
 * step has a share of the question's time budget and falls back to the offline result on a
 * timeout, an error or an output that fails its checks.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { askModel, type LlmBudget } from "../llm/call.js";
import { guardLlmText } from "../llm/guard.js";
import type { Logger } from "../log.js";
import { ABSTAIN_BELOW, type Hit, type Retrieval } from "./retrieve.js";
import { normalize, stripQuestionWords, tokenize } from "./tokenize.js";

/** Shares of the whole answer budget for the rewrite and the rerank; the answer has the rest. */
export const REWRITE_SHARE = 0.25;
export const RERANK_SHARE = 0.25;
/** How many of the top passages the model reorders. */
export const RERANK_POOL = 8;
/** Each passage is shown to the reranker up to this length. */
const RERANK_PASSAGE_CHARS = 300;
/** Longest rewrite accepted (the prompt asks for ≤ 60 characters). */
const MAX_REWRITE = 80;
/** Longest rerank reply accepted ("3,1,2"). */
const MAX_RERANK_REPLY = 60;
/**
 * A rewrite must keep this share of the question's content characters to be used at all, and
 * this larger share to turn a refusal into an answer: a rewrite that drops what the official
 * asked about is a different question.
 */
const REWRITE_MIN_KEPT = 0.25;
const RESCUE_MIN_KEPT = 0.5;
/**
 * A refused question goes to the model only when its offline relevance lies in
 * [ASSIST_MIN_RELEVANCE, ABSTAIN_BELOW): below, it is plainly off-topic; at or above, it was
 * refused as off-topic or junk despite its domain words, and a rewrite must not undo that.
 */
const ASSIST_MIN_RELEVANCE = 0.4;
/** Rank-fusion constant when the rewritten question's ranking is merged with the original's. */
const MERGE_K = 2;
/** The rewrite is in the documents' wording: its ranking weighs more than the question as typed. */
const REWRITE_WEIGHT = 1.5;

export interface LlmAssist {
  /**
   * Runs `retrieve` on the question, and with the model's help when it can: returns the
   * offline retrieval unchanged when the model gives nothing usable in time.
   */
  retrieve(
    question: string,
    retrieve: (q: string) => Promise<Retrieval>,
    budget: LlmBudget,
    signal?: AbortSignal,
  ): Promise<Retrieval & { rewrite?: string }>;
}

/**
 * Creates the assist over a chat model. A step whose prompt is not given is skipped
 * (LLM_REWRITE / LLM_RERANK).
 */
export function createLlmAssist(o: { model: BaseChatModel; rewritePrompt?: string; rerankPrompt?: string; logger?: Logger }): LlmAssist {
  const failed = (step: string, err: unknown) =>
    o.logger?.warn({ step, err: err instanceof Error ? err.message : String(err) }, "LLM retrieval step unusable, keeping the offline result");

  async function rewrite(question: string, timeoutMs: number, signal?: AbortSignal): Promise<string | undefined> {
    if (!o.rewritePrompt || timeoutMs <= 0) return undefined;
    try {
      const reply = await askModel(o.model, { system: o.rewritePrompt, user: question }, { timeoutMs, signal });
      return checkRewrite(question, reply);
    } catch (err) {
      failed("rewrite", err);
      return undefined;
    }
  }

  async function rerank(question: string, hits: Hit[], timeoutMs: number, signal?: AbortSignal): Promise<Hit[]> {
    const pool = hits.slice(0, RERANK_POOL);
    if (!o.rerankPrompt || pool.length < 2 || timeoutMs <= 0) return hits;
    const passages = pool
      .map((h, i) => `[${i + 1}] 《${h.chunk.title}》${h.chunk.section ? ` ${h.chunk.section}` : ""}\n${h.chunk.text.slice(0, RERANK_PASSAGE_CHARS)}`)
      .join("\n\n");
    try {
      const reply = await askModel(o.model, { system: o.rerankPrompt.replace("{{passages}}", passages), user: question }, { timeoutMs, signal });
      const order = parseRerank(reply, pool.length);
      return [...order.map((n) => pool[n - 1]!), ...pool.filter((_, i) => !order.includes(i + 1)), ...hits.slice(RERANK_POOL)];
    } catch (err) {
      failed("rerank", err);
      return hits;
    }
  }

  return {
    async retrieve(question, retrieveFn, budget, signal) {
      const offline = await retrieveFn(question);
      if (offline.abstain && !mayRescue(offline)) return offline;
      const rewritten = await rewrite(question, budget.slice(REWRITE_SHARE), signal);
      const r = rewritten ? { ...mergeRetrievals(question, offline, rewritten, await retrieveFn(rewritten)), rewrite: rewritten } : offline;
      if (r.abstain) return r;
      return { ...r, hits: await rerank(question, r.hits, budget.slice(RERANK_SHARE), signal) };
    },
  };
}

/** Thrown inside the assist when a step's output is unusable. */
class UnusableStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnusableStepError";
  }
}

/**
 * The rewrite as a question to retrieve with, or undefined when it says the same as the
 * question. Throws when it is not one short line of text that keeps the question's subject.
 */
export function checkRewrite(question: string, reply: string): string | undefined {
  const line = guardLlmText(reply, { maxChars: MAX_REWRITE * 4, sources: [question] })
    .split("\n")
    .map((l) => l.trim())
    .find(Boolean)!
    .replace(/^(?:改写(?:后的问题)?|问题)[:：]\s*/, "")
    .replace(/^["“'‘「]+|["”'’」]+$/g, "")
    .trim();
  if (!line || line.length > MAX_REWRITE) throw new UnusableStepError(`改写结果长度不合适（${line.length} 字）`);
  if (!/\p{Script=Han}/u.test(line) || /\[\d+\]/.test(line)) throw new UnusableStepError("改写结果不是问题");
  if (keptShare(question, line) < REWRITE_MIN_KEPT) throw new UnusableStepError(`改写结果偏离原问题：${line}`);
  return normalize(line) === normalize(question.trim()) ? undefined : line;
}

/** The passage numbers of a rerank reply, best first; throws on anything else. */
export function parseRerank(reply: string, passages: number): number[] {
  const text = reply.trim();
  if (text.length > MAX_RERANK_REPLY || !/^[[\s]*\d+(?:\s*[,，、\s]\s*\d+)*[\]\s。.]*$/.test(text)) {
    throw new UnusableStepError(`排序结果格式不对：${text.slice(0, 40)}`);
  }
  const numbers = [...new Set([...text.matchAll(/\d+/g)].map((m) => Number(m[0])))];
  if (numbers.length === 1 && numbers[0] === 0) return [];
  const bad = numbers.filter((n) => n < 1 || n > passages);
  if (bad.length) throw new UnusableStepError(`排序结果含有不存在的片段 ${bad.join("、")}`);
  return numbers;
}

/** Whether a refused question was refused only for want of a covering passage (see ASSIST_MIN_RELEVANCE), not as out of scope. */
function mayRescue(r: Retrieval): boolean {
  return !r.outOfScope && r.relevance >= ASSIST_MIN_RELEVANCE && r.relevance < ABSTAIN_BELOW;
}

/** Share of the question's content characters that the rewrite keeps (0–1). */
export function keptShare(question: string, rewrite: string): number {
  const chars = new Set(Array.from(tokenize(stripQuestionWords(question)).join("")).filter((c) => /[\p{L}\p{N}]/u.test(c)));
  if (!chars.size) return 0;
  const target = normalize(rewrite);
  let kept = 0;
  for (const c of chars) if (target.includes(c)) kept++;
  return kept / chars.size;
}

/**
 * Merges the retrievals of the question and of its rewrite: passages ranked by both move up
 * (reciprocal rank fusion), each keeps its best evidence, the terms of both select answer
 * sentences. The question stays refused unless the rewrite keeps most of it and is answered.
 */
export function mergeRetrievals(question: string, original: Retrieval, rewrite: string, rewritten: Retrieval): Retrieval {
  const kept = keptShare(question, rewrite);
  if (kept < REWRITE_MIN_KEPT) return original;
  const rescue = original.abstain && mayRescue(original) && !rewritten.abstain && kept >= RESCUE_MIN_KEPT;
  if (original.abstain && !rescue) return original;
  const fused = new Map<string, { hit: Hit; score: number }>();
  for (const [list, weight] of [[original.hits, 1], [rewritten.hits, REWRITE_WEIGHT]] as const) {
    list.forEach((hit, rank) => {
      const score = weight / (MERGE_K + rank + 1);
      const seen = fused.get(hit.chunk.id);
      if (!seen) fused.set(hit.chunk.id, { hit, score });
      else {
        seen.score += score;
        if (hit.coverage > seen.hit.coverage) seen.hit = hit;
      }
    });
  }
  const hits = [...fused.values()].sort((a, b) => b.score - a.score).map((f) => f.hit);
  return {
    ...(rescue ? rewritten : original),
    terms: [...new Set([...original.terms, ...rewritten.terms])],
    related: [...new Set([...original.related, ...rewritten.related])],
    hits: hits.slice(0, Math.max(original.hits.length, rewritten.hits.length)),
    relevance: Math.max(original.relevance, rewritten.relevance),
    confidence: Math.max(original.confidence, rewritten.confidence),
    abstain: false,
  };
}
