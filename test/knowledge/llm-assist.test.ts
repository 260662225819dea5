import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import type { Chunk } from "../../src/knowledge/ingest.js";
import type { KnowledgeIndex } from "../../src/knowledge/index.js";
import { openKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { checkRewrite, createLlmAssist, keptShare, mergeRetrievals, parseRerank, RERANK_POOL } from "../../src/knowledge/llm-assist.js";
import type { Hit, Retrieval } from "../../src/knowledge/retrieve.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";
import { llmBudget } from "../../src/llm/call.js";
import { createChatModel } from "../../src/llm/provider.js";
import { type FakeChatResponse, type FakeOpenAI, startFakeOpenAI, stepOf, userOf } from "../helpers/fake-openai.js";

// generous: the rewrite and the rerank each get a quarter of it, on a loaded CI machine
const TIMEOUT_MS = 3000;
const COLLOQUIAL = "征地公式里有农户身份证号和银行卡号，可以直接贴出来吗";
const REWRITTEN = "征地公示中能否公开农户身份证号码、银行账号等个人隐私";
const PRIVACY_ARTICLE = "第二章 公开的主体和范围 > 第十五条";

let fake: FakeOpenAI;
let dataDir: string;
let kb: KnowledgeBase & { index: KnowledgeIndex };
let model: BaseChatModel;
const prompts = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../../prompts", name), "utf8");

/** Answers each step of the Q&A with its own response; steps not given fail with HTTP 500. */
function serve(steps: Partial<Record<ReturnType<typeof stepOf>, FakeChatResponse>>): void {
  fake.onChat((b) => steps[stepOf(b)] ?? { status: 500, body: "{}" });
}

const offlinePool = async (q: string) => (await kb.index.search(q, RERANK_POOL)).hits.map((h) => h.chunk.id);
const assisted = (q: string) =>
  createLlmAssist({ model, rewritePrompt: prompts("rewrite.md"), rerankPrompt: prompts("rerank.md") }).retrieve(
    q,
    (x) => kb.index.search(x, RERANK_POOL),
    llmBudget(TIMEOUT_MS),
  );

beforeAll(async () => {
  fake = await startFakeOpenAI();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-assist-"));
  const config = loadConfig({ DATA_DIR: dataDir, LLM_PROVIDER: "openai", LLM_BASE_URL: fake.baseUrl, LLM_MODEL: "fake-model", LLM_TIMEOUT_MS: String(TIMEOUT_MS) });
  kb = await openKnowledgeBase({ config });
  model = (await createChatModel(config))!;
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("rewrite before retrieval", () => {
  it("retrieves with the question in the documents' wording, merged with the question as typed", async () => {
    serve({ rewrite: { content: REWRITTEN } });
    const before = fake.requests.length;
    const r = await assisted(COLLOQUIAL);
    expect(r.rewrite).toBe(REWRITTEN);
    const sent = fake.requests.slice(before).find((b) => stepOf(b) === "rewrite")!;
    expect(userOf(sent)).toBe(COLLOQUIAL);
    expect(r.hits.slice(0, 3).map((h) => h.chunk.section)).toContain(PRIVACY_ARTICLE);
    expect(r.terms).toEqual(expect.arrayContaining(["公示", "隐私"]));
    const answered = await kb.ask(COLLOQUIAL);
    expect(answered.citations.map((c) => c.section)).toContain(PRIVACY_ARTICLE);
  });

  it.each<[string, FakeChatResponse]>([
    ["hangs", { hang: true }],
    ["fails", { status: 500, body: "<html>502</html>" }],
    ["answers instead of rewriting", { content: "可以公开，按第十五条处理 [1]" }],
    ["changes the subject", { content: "红烧肉的做法是什么" }],
    ["writes too much", { content: `征地公示${"能否公开个人隐私".repeat(20)}` }],
    ["injects a link", { content: "征地公示能否公开身份证号 详见 http://evil.cn" }],
    ["injects markup", { content: "征地公示能否公开身份证号<script>alert(1)</script>" }],
  ])("keeps the offline retrieval when the model %s", async (_, reply) => {
    serve({ rewrite: reply });
    const r = await assisted(COLLOQUIAL);
    expect(r.rewrite).toBeUndefined();
    expect(r.hits.map((h) => h.chunk.id)).toEqual(await offlinePool(COLLOQUIAL));
  });
});

describe("rerank after retrieval", () => {
  const Q = "公开依据需要写到具体条款吗？";

  it("puts the passages in the model's order, the ones it left out after them", async () => {
    serve({ rerank: { content: "3,1" } });
    const pool = await offlinePool(Q);
    const r = await assisted(Q);
    expect(r.hits.map((h) => h.chunk.id)).toEqual([pool[2], pool[0], pool[1], ...pool.slice(3)]);
    const sent = fake.requests.at(-1)!;
    expect(stepOf(sent)).toBe("rerank");
    expect(String(sent.messages[0]!.content)).toContain(`[${RERANK_POOL}] 《`);
    serve({ rerank: { content: "3,1" } });
    // an answer lists its sources in order of first use (citations.ts): the three it cites are the model's three
    const docs = (await kb.ask(Q)).citations.map((c) => c.doc);
    expect(docs.toSorted()).toEqual([pool[2], pool[0], pool[1]].map((id) => id!.split("#")[0]).toSorted());
  });

  it.each<[string, FakeChatResponse]>([
    ["hangs", { hang: true }],
    ["fails", { status: 500, body: "{}" }],
    ["names a passage that was not given", { content: "9,1" }],
    ["answers in words", { content: "第一个片段最相关" }],
    ["says none is relevant", { content: "0" }],
  ])("keeps the offline order when the model %s", async (_, reply) => {
    serve({ rerank: reply });
    expect((await assisted(Q)).hits.map((h) => h.chunk.id)).toEqual(await offlinePool(Q));
  });
});

describe("a model that writes garbage at every step", () => {
  it("never changes an answer: every dev question gets exactly the offline answer", async () => {
    const offline = await openKnowledgeBase({ config: loadConfig({ DATA_DIR: dataDir }) });
    const garbage: Record<string, FakeChatResponse[]> = {
      rewrite: [{ content: "<script>alert(1)</script>" }, { content: "公开".repeat(3000) }, { content: "红烧肉怎么做" }, { status: 500, body: "{}" }, { status: 200, body: "{not json" }],
      rerank: [{ content: "9,1" }, { content: "最相关的是第一段" }, { content: "" }, { status: 502, body: "<html>502</html>" }],
      answer: [{ content: "没有出处的答案" }, { content: "答案 [99]" }, { content: "答案 [1] 详见 http://evil.cn" }, { content: `${"答".repeat(1_000_000)} [1]` }, { status: 500, body: "{}" }],
    };
    let n = 0;
    fake.onChat((b) => {
      const options = garbage[stepOf(b)] ?? [{ status: 500, body: "{}" }];
      return options[n++ % options.length]!;
    });
    const questions = fs
      .readFileSync(path.join(import.meta.dirname, "../../../shared/eval/qa-dev.jsonl"), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .slice(0, 20)
      .map((l) => (JSON.parse(l) as { q: string }).q);
    for (const q of questions) {
      const want = await offline.ask(q);
      const got = await kb.ask(q);
      expect({ q, ...got }).toEqual({ q, ...want });
    }
    expect(n).toBeGreaterThan(40);
  });
});

describe("checks on the model's steps", () => {
  it.each([
    ["3,1,2", 3, [3, 1, 2]],
    ["[2, 1]", 3, [2, 1]],
    ["2，2，1。", 3, [2, 1]],
    ["0", 3, []],
  ])("reads the rerank reply %s", (reply, n, order) => {
    expect(parseRerank(reply, n)).toEqual(order);
  });

  it.each(["4,1", "相关的是 1", "1,2 因为……", `${"1,".repeat(40)}2`, ""])("refuses the rerank reply %j", (reply) => {
    expect(() => parseRerank(reply, 3)).toThrow();
  });

  it("reads a rewrite as one line without labels or quotes, and nothing when it changes nothing", () => {
    expect(checkRewrite("公开时线咋填", "改写：“公开时限怎么填写”\n（说明：时线为时限）")).toBe("公开时限怎么填写");
    expect(checkRewrite("公开时限怎么填写", "公开时限怎么填写")).toBeUndefined();
    expect(() => checkRewrite("公开时线咋填", "今天天气很好")).toThrow();
  });

  it("measures how much of the question a rewrite keeps", () => {
    expect(keptShare("公开时线咋填啊，直接写及时公开行不行", "公开时限怎么填写，可以直接写“及时公开”吗")).toBeGreaterThan(0.5);
    expect(keptShare("护照怎么办理", "公开时限怎么填写")).toBe(0);
  });
});

describe("merging the rewrite's retrieval", () => {
  const chunk = (id: string): Chunk => ({ id, doc: id, title: id, kind: "faq", section: id, text: id });
  const hit = (id: string, coverage = 0.5): Hit => ({ chunk: chunk(id), score: 1, coverage, questionMatch: 0 });
  const reading = { original: "q", text: "q", corrections: [], concepts: [], named: [], meant: [], everyday: [], columns: [], kind: "other" as const, howToFill: false };
  const result = (ids: string[], abstain: boolean, terms: string[] = []): Retrieval => ({
    reading,
    terms,
    related: [],
    hits: ids.map((id) => hit(id)),
    relevance: abstain ? 0.5 : 0.9,
    confidence: abstain ? 0 : 0.8,
    abstain,
    outOfScope: false,
    unfamiliar: 0,
    idf: () => 1,
  });

  it("moves up what both find and brings in what only the rewrite finds", () => {
    const m = mergeRetrievals("公开时线咋填", result(["a", "b", "c", "d"], false, ["时线"]), "公开时限怎么填", result(["x", "c", "a"], false, ["时限"]));
    expect(m.hits.map((h) => h.chunk.id).slice(0, 3)).toEqual(["a", "c", "x"]);
    expect(m.terms).toEqual(["时线", "时限"]);
  });

  it("never answers a question refused as off-topic despite domain words, whatever the rewrite", () => {
    const offTopic = { ...result(["a"], true), relevance: 0.8 };
    expect(mergeRetrievals("低保怎么申请", offTopic, "低保信息如何申请公开", result(["x"], false))).toBe(offTopic);
  });

  it("answers a refused question only when the rewrite keeps most of it", () => {
    const refused = result(["a"], true);
    expect(mergeRetrievals("公开时线咋填", refused, "公开时限怎么填写", result(["x"], false)).abstain).toBe(false);
    expect(mergeRetrievals("护照怎么办理咋填", refused, "公开时限怎么填写", result(["x"], false))).toBe(refused);
  });

  it("never answers a question refused as out of scope (a personal service), however much of it the rewrite keeps", () => {
    const service = { ...result(["a"], true), outOfScope: true };
    expect(mergeRetrievals("低保咋申请要带啥材料", service, "低保申请要带啥材料", result(["x"], false))).toBe(service);
  });
});

describe("with Ollama", () => {
  it("rewrites and reranks through /api/chat", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-assist-ollama-"));
    try {
      const config = loadConfig({ DATA_DIR: dir, LLM_PROVIDER: "ollama", LLM_BASE_URL: fake.ollamaUrl, LLM_MODEL: "qwen2.5:7b", LLM_TIMEOUT_MS: String(TIMEOUT_MS) });
      const ollama = await openKnowledgeBase({ config });
      serve({ rewrite: { content: REWRITTEN }, rerank: { content: "1" } });
      const before = fake.requests.length;
      const r = await ollama.ask(COLLOQUIAL);
      expect(fake.requests.slice(before).map(stepOf)).toEqual(["rewrite", "rerank", "answer"]);
      expect(r.citations.map((c) => c.section)).toContain(PRIVACY_ARTICLE);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
