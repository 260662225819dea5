import fs from "node:fs";
import path from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { createChatModel, createRemoteEmbeddings } from "../llm/provider.js";
import { llmBudget } from "../llm/call.js";
import { extractiveAnswer, toCitations } from "./answer.js";
import { type KnowledgeIndex, openIndex } from "./index.js";
import { createLlmAssist, RERANK_POOL } from "./llm-assist.js";
import { llmAnswer } from "./llm-answer.js";
import { idfOf, retrieve } from "./retrieve.js";
import type { AskOptions, AskResult, KnowledgeBase } from "./types.js";

/** Longest question accepted; longer text is cut (officials sometimes paste whole notices). */
const MAX_QUESTION = 500;

/**
 * Opens the knowledge base: loads (or rebuilds, when knowledge/ changed) the index under
 * DATA_DIR/index, and wires the optional LLM. Works with no model and no network.
 */
export async function openKnowledgeBase(options: {
  config: Pick<Config, "knowledgeDir" | "dataDir" | "promptsDir" | "llm" | "embeddings">;
  logger?: Logger;
  /** Overrides the configured model (tests). */
  model?: BaseChatModel;
}): Promise<KnowledgeBase & { index: KnowledgeIndex }> {
  const { config, logger } = options;
  const remote = await createRemoteEmbeddings(config);
  const e = config.embeddings;
  const index = await openIndex({
    knowledgeDir: config.knowledgeDir,
    indexDir: path.join(config.dataDir, "index"),
    remote: remote && e.provider !== "local" ? { client: remote, key: `${e.provider}:${e.baseUrl ?? ""}:${e.model}` } : undefined,
    logger,
  });
  const model = options.model ?? (await createChatModel(config));
  const readPrompt = (name: string) => fs.readFileSync(path.join(config.promptsDir, name), "utf8");
  const prompt = model ? readPrompt("answer.md") : "";
  const llm = config.llm.provider === "none" ? undefined : config.llm;
  const assist = model
    ? createLlmAssist({
        model,
        rewritePrompt: llm?.rewrite === false ? undefined : readPrompt("rewrite.md"),
        rerankPrompt: llm?.rerank === false ? undefined : readPrompt("rerank.md"),
        logger,
      })
    : undefined;
  const timeoutMs = llm?.timeoutMs ?? 20_000;
  const coverageText = describeCoverage(index);
  const idf = idfOf(index);

  return {
    index,
    coverage: () => coverageText,
    async ask(rawQuestion: string, askOptions: AskOptions = {}): Promise<AskResult> {
      const question = rawQuestion.trim().slice(0, MAX_QUESTION);
      const top = Math.max(1, Math.min(askOptions.top ?? 3, 20));
      // The model's steps (rewrite, rerank, answer) share one budget: never slower than LLM_TIMEOUT_MS.
      const budget = llmBudget(timeoutMs);
      const r = assist
        ? await assist.retrieve(question, (q) => retrieve(index, q, Math.max(top, RERANK_POOL)), budget, askOptions.signal)
        : await retrieve(index, question, top);
      if (assist) r.hits = r.hits.slice(0, top);
      if (r.abstain) {
        return {
          question,
          answer: `现有政务公开文件中没有找到能回答这个问题的内容。${coverageText}`,
          abstained: true,
          mode: "extractive",
          citations: [],
        };
      }
      const citations = toCitations(r.hits);
      const extractive: AskResult = { question, answer: extractiveAnswer(r.terms, r.hits, idf), abstained: false, mode: "extractive", citations };
      if (!model) return extractive;
      try {
        const answer = await llmAnswer({ model, prompt, question, citations, timeoutMs: budget.left(), signal: askOptions.signal });
        return { ...extractive, answer, mode: "llm" };
      } catch (err) {
        logger?.warn({ err: err instanceof Error ? err.message : String(err) }, "LLM answer unusable, answering extractively");
        return extractive;
      }
    },
  };
}

function describeCoverage(index: KnowledgeIndex): string {
  const kinds: Record<string, string> = {
    faq: "编制答疑",
    guideline: "国务院部门领域指引",
    notice: "各地工作通知",
    regulation: "政府信息公开条例",
    training: "培训材料",
  };
  const present = [...new Set(index.knowledge.docs.map((d) => kinds[d.kind]))].filter(Boolean);
  return `本助手只能回答基层政务公开标准化规范化工作的问题（标准目录怎么编、各要素怎么填、时间节点等），依据现有 ${index.knowledge.docs.length} 份文件：${present.join("、")}。`;
}
