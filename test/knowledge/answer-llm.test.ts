import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { checkGrounded, UngroundedAnswerError } from "../../src/knowledge/answer.js";
import { openKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";
import { type FakeOpenAI, startFakeOpenAI } from "../helpers/fake-openai.js";

let fake: FakeOpenAI;
let dataDir: string;
let kb: KnowledgeBase;
const QUESTION = "公开依据需要写到具体条款吗？";

beforeAll(async () => {
  fake = await startFakeOpenAI();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-llm-"));
  const config = loadConfig({
    DATA_DIR: dataDir,
    LLM_PROVIDER: "openai",
    LLM_BASE_URL: fake.baseUrl,
    LLM_MODEL: "fake-model",
    LLM_TIMEOUT_MS: "700",
  });
  kb = await openKnowledgeBase({ config });
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("answers with an OpenAI-compatible model", () => {
  it("returns the model's grounded answer, having sent it the numbered passages", async () => {
    fake.onChat(() => ({ content: "不需要写到具体条款，只需列出所依据的法规政策名称 [1]。" }));
    const r = await kb.ask(QUESTION);
    expect(r.mode).toBe("llm");
    expect(r.answer).toBe("不需要写到具体条款，只需列出所依据的法规政策名称 [1]。");
    const sent = fake.requests.at(-1)!;
    const system = String(sent.messages[0]!.content);
    expect(system).toContain("[1] 《");
    expect(system).toContain(r.citations[0]!.text);
    expect(sent.messages[1]!.content).toBe(QUESTION);
  });

  it("rejects an answer citing a passage that was not given, and answers extractively", async () => {
    fake.onChat(() => ({ content: "根据国务院令第999号第八条，必须写到条款 [7]。" }));
    const r = await kb.ask(QUESTION);
    expect(r.mode).toBe("extractive");
    expect(r.answer).not.toContain("999");
    expect(r.citations.map((c) => c.doc)).toContain("guangdong-faq");
  });

  it("rejects an answer that cites nothing", async () => {
    fake.onChat(() => ({ content: "当然需要，写得越细越好。" }));
    expect((await kb.ask(QUESTION)).mode).toBe("extractive");
  });

  it("falls back within the time limit when the model never answers", async () => {
    fake.onChat(() => ({ hang: true }));
    const started = Date.now();
    const r = await kb.ask(QUESTION);
    expect(r.mode).toBe("extractive");
    expect(r.abstained).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000); // bounded, not a speed figure
  });

  it("falls back when the endpoint returns an error or garbage", async () => {
    fake.onChat(() => ({ status: 500, body: "<html>Bad Gateway</html>" }));
    expect((await kb.ask(QUESTION)).mode).toBe("extractive");
    fake.onChat(() => ({ status: 200, body: "not json at all" }));
    expect((await kb.ask(QUESTION)).mode).toBe("extractive");
  });

  it("does not call the model for an off-topic question", async () => {
    const before = fake.requests.length;
    const r = await kb.ask("红烧肉怎么做好吃？");
    expect(r.abstained).toBe(true);
    expect(fake.requests.length).toBe(before);
  });
});

describe("checkGrounded", () => {
  it.each([
    ["答案 [1][2]", 2, true],
    ["答案 [3]", 2, false],
    ["答案 [0]", 2, false],
    ["没有出处的答案", 2, false],
    ["   ", 2, false],
  ])("%s with %i passages → accepted %s", (text, n, ok) => {
    if (ok) expect(checkGrounded(text, n)).toBe(text);
    else expect(() => checkGrounded(text, n)).toThrow(UngroundedAnswerError);
  });
});

describe("answers with Ollama", () => {
  it("returns the grounded answer of a model served by Ollama, and falls back when it hangs", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-ollama-"));
    try {
      const ollama = await openKnowledgeBase({
        config: loadConfig({ DATA_DIR: dir, LLM_PROVIDER: "ollama", LLM_BASE_URL: fake.ollamaUrl, LLM_MODEL: "qwen2.5:7b", LLM_TIMEOUT_MS: "700" }),
      });
      fake.onChat(() => ({ content: "只需列出法规政策名称，不需给出具体条款 [1]。" }));
      const r = await ollama.ask(QUESTION);
      expect(r.mode).toBe("llm");
      expect(r.answer).toBe("只需列出法规政策名称，不需给出具体条款 [1]。");
      expect(fake.requests.at(-1)!.model).toBe("qwen2.5:7b");
      fake.onChat(() => ({ hang: true }));
      expect((await ollama.ask(QUESTION)).mode).toBe("extractive");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
