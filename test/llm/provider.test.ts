import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { createChatModel, createRemoteEmbeddings } from "../../src/llm/provider.js";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/fake-openai.js";

let fake: FakeOpenAI;
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-emb-"));
  dirs.push(d);
  return d;
};
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(async () => {
  await fake.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe("provider factory", () => {
  it("gives no model when none is configured, and a chat model for openai and ollama", async () => {
    expect(await createChatModel(loadConfig({}))).toBeUndefined();
    expect(await createRemoteEmbeddings(loadConfig({}))).toBeUndefined();
    const openai = await createChatModel(loadConfig({ LLM_PROVIDER: "openai", LLM_BASE_URL: fake.baseUrl, LLM_MODEL: "m" }));
    expect(openai?._llmType()).toBe("openai");
    const ollama = await createChatModel(loadConfig({ LLM_PROVIDER: "ollama", LLM_MODEL: "qwen2.5:7b" }));
    expect(ollama?._llmType()).toBe("ollama");
  });

  it("builds the vector index with a remote OpenAI-compatible embeddings endpoint", async () => {
    const dataDir = tmp();
    const config = loadConfig({ DATA_DIR: dataDir, EMBEDDINGS_PROVIDER: "openai", EMBEDDINGS_BASE_URL: fake.baseUrl, EMBEDDINGS_MODEL: "bge-m3" });
    const kb = await openKnowledgeBase({ config });
    expect(kb.index.embeddingsKey).toBe(`openai:${fake.baseUrl}:bge-m3`);
    const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, "index", "manifest.json"), "utf8")) as { embeddingsKey: string };
    expect(manifest.embeddingsKey).toBe(kb.index.embeddingsKey);
    expect((await kb.ask("公开渠道和载体有哪些可选项？")).citations.length).toBeGreaterThan(0);
  });

  it("falls back to local vectors when the embeddings endpoint is down, and still answers", async () => {
    const config = loadConfig({ DATA_DIR: tmp(), EMBEDDINGS_PROVIDER: "openai", EMBEDDINGS_BASE_URL: "http://127.0.0.1:9/v1", EMBEDDINGS_MODEL: "bge-m3" });
    const kb = await openKnowledgeBase({ config });
    expect(kb.index.embeddingsKey).toBe("local");
    const r = await kb.ask("公开依据需要写到具体条款吗？");
    expect(r.abstained).toBe(false);
    expect(r.citations.map((c) => c.doc)).toContain("guangdong-faq");
  });
});
