import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { Config } from "../config.js";

// The clients are imported only when configured: with no LLM (the default) start-up never
// loads @langchain/openai or @langchain/ollama (test/llm/lazy-clients.test.ts).

/**
 * Creates the chat model the configuration asks for, or undefined when no LLM is configured
 * (LLM_PROVIDER=none): every caller must then work without one.
 * Retries are off: callers bound the time themselves and fall back to the offline path.
 */
export async function createChatModel(config: Pick<Config, "llm">): Promise<BaseChatModel | undefined> {
  const llm = config.llm;
  if (llm.provider === "none") return undefined;
  if (llm.provider === "ollama") {
    const { ChatOllama } = await import("@langchain/ollama");
    return new ChatOllama({ model: llm.model, baseUrl: llm.baseUrl, temperature: 0 });
  }
  const { ChatOpenAI } = await import("@langchain/openai");
  return new ChatOpenAI({
    model: llm.model,
    apiKey: llm.apiKey ?? "not-needed",
    temperature: 0,
    timeout: llm.timeoutMs,
    maxRetries: 0,
    configuration: { baseURL: llm.baseUrl },
  });
}

/**
 * Creates a remote embeddings client (OpenAI-compatible or Ollama), or undefined for the
 * local default, which the knowledge index builds itself from the corpus.
 */
export async function createRemoteEmbeddings(config: Pick<Config, "embeddings">): Promise<EmbeddingsInterface | undefined> {
  const e = config.embeddings;
  if (e.provider === "local") return undefined;
  if (e.provider === "ollama") {
    const { OllamaEmbeddings } = await import("@langchain/ollama");
    return new OllamaEmbeddings({ model: e.model, baseUrl: e.baseUrl });
  }
  const { OpenAIEmbeddings } = await import("@langchain/openai");
  return new OpenAIEmbeddings({
    model: e.model,
    apiKey: e.apiKey ?? "not-needed",
    maxRetries: 1,
    configuration: { baseURL: e.baseUrl },
  });
}
