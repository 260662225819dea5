import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import YAML from "yaml";
import { loadConfig } from "../../src/config.js";
import { chunkDocument } from "../../src/knowledge/chunk.js";
import { parseDocument } from "../../src/knowledge/ingest.js";
import { draftsToYaml, readQuestions, suggestQuestions } from "../../src/knowledge/suggest-questions.js";
import { createChatModel } from "../../src/llm/provider.js";
import { type FakeOpenAI, startFakeOpenAI, stepOf, userOf } from "../helpers/fake-openai.js";

const root = path.resolve(import.meta.dirname, "../..");
const DOC = "knowledge/docs/jiayu-catalogue-template.md";
const content = fs.readFileSync(path.join(root, DOC), "utf8");
const chunks = (() => {
  const { meta, sections } = parseDocument(content, "jiayu-catalogue-template.md");
  return chunkDocument(meta, sections);
})();
const REPLY = "1. 目录表格有几列？\n2、公开主体那一栏咋填\n- “公开层级写县级还是乡级”\n公开主体那一栏咋填\n详见 http://evil.cn 的问题\n以下是问题：\n好";

let fake: FakeOpenAI;
let model: BaseChatModel;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-suggest-"));
beforeAll(async () => {
  fake = await startFakeOpenAI();
  model = (await createChatModel(loadConfig({ LLM_PROVIDER: "openai", LLM_BASE_URL: fake.baseUrl, LLM_MODEL: "fake-model" })))!;
});
afterAll(async () => {
  await fake.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The passage an entry of the questions format names: same section, and the anchor inside it. */
function resolve(entry: { section: string; anchor?: string }) {
  return chunks.filter((c) => c.section === entry.section && (!entry.anchor || c.text.includes(entry.anchor)));
}

describe("suggesting questions for a document", () => {
  it("drafts questions per passage, keyed so that each entry names exactly one passage", async () => {
    fake.onChat(() => ({ content: REPLY }));
    const before = fake.requests.length;
    const drafts = await suggestQuestions({ model, prompt: fs.readFileSync(path.join(root, "prompts/suggest-questions.md"), "utf8"), content, fileName: "x.md", timeoutMs: 2000 });
    expect(drafts.doc).toBe("jiayu-catalogue-template");
    expect(drafts.passages.map((p) => p.section)).toEqual(chunks.filter((c) => c.text.length >= 30).map((c) => c.section));
    const sent = fake.requests.slice(before);
    expect(sent.every((b) => stepOf(b) === "suggest")).toBe(true);
    expect(sent.map(userOf)).toEqual(chunks.filter((c) => c.text.length >= 30).map((c) => c.text.slice(0, 1500)));
    for (const p of drafts.passages) {
      expect(resolve(p)).toHaveLength(1);
      if (p.anchor) expect(p.anchor.length).toBeGreaterThanOrEqual(6);
    }
    const asked = drafts.passages.find((p) => p.questions.length)!;
    expect(asked.questions).toEqual(["目录表格有几列？", "公开主体那一栏咋填", "公开层级写县级还是乡级"]);
    const yaml = YAML.parse(draftsToYaml(drafts, " 待审核")) as { doc: string; passages: { section: string; questions: string[] }[] };
    expect(yaml.doc).toBe("jiayu-catalogue-template");
    expect(yaml.passages.map((p) => p.section)).toEqual(drafts.passages.map((p) => p.section));
  });

  it("leaves a passage to a person, with the reason, when the model hangs or writes garbage", async () => {
    let n = 0;
    fake.onChat(() => (n++ === 0 ? { hang: true } : { content: `${"问题".repeat(1200)}` }));
    const drafts = await suggestQuestions({ model, prompt: "{{title}} {{section}} 问题起草模块", content, fileName: "x.md", timeoutMs: 300 });
    const failed = drafts.passages.filter((p) => p.failed);
    expect(failed.length).toBeGreaterThanOrEqual(2);
    expect(drafts.passages.every((p) => p.questions.length === 0)).toBe(true);
    const text = draftsToYaml(drafts, " 待审核");
    expect(text).toContain("未能起草");
    expect(text.startsWith("# 待审核\n")).toBe(true);
  });

  it("reads only short Chinese questions from a reply, and nothing from 无", () => {
    expect(readQuestions("无")).toEqual([]);
    expect(readQuestions("（1）要不要写条款\n请致电 13912345678 的号码是多少\n<b>公开时限咋写</b>")).toEqual(["要不要写条款", "公开时限咋写"]);
    expect(() => readQuestions("<script>x</script>要不要写")).toThrow();
    expect(() => readQuestions("要不要写？\n".repeat(400))).toThrow();
  });
});

describe("npm run questions -- suggest", () => {
  const run = (env: Record<string, string>, ...args: string[]) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(process.execPath, ["--import", "tsx", "src/cli/questions.ts", ...args], {
        cwd: root,
        env: { ...process.env, LOG_LEVEL: "silent", DATA_DIR: dir, ...env },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d: Buffer) => (out += d.toString("utf8")));
      child.stderr.on("data", (d: Buffer) => (err += d.toString("utf8")));
      child.on("close", (code) => resolve({ code, out, err }));
    });

  it("says in Chinese that it needs an LLM when none is configured", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/questions.ts", "suggest", DOC], {
      cwd: root,
      env: { ...process.env, LLM_PROVIDER: "none", DATA_DIR: dir },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("未配置大模型");
  });

  it("writes the drafts for review to a new file, never over an existing one", async () => {
    fake.onChat(() => ({ content: "目录表格有几列\n公开主体咋填\n公开层级写啥" }));
    const out = path.join(dir, "review.yaml");
    const env = { LLM_PROVIDER: "openai", LLM_BASE_URL: fake.baseUrl, LLM_MODEL: "fake-model" };
    const r = await run(env, "suggest", DOC, "--out", out);
    expect(r.err).toContain("已写入");
    expect(r.code).toBe(0);
    const text = fs.readFileSync(out, "utf8");
    expect(text).toContain("未经审核");
    const parsed = YAML.parse(text) as { doc: string; passages: { questions: string[] }[] };
    expect(parsed.doc).toBe("jiayu-catalogue-template");
    expect(parsed.passages.some((p) => p.questions.includes("公开主体咋填"))).toBe(true);
    const again = await run(env, "suggest", DOC, "--out", out);
    expect(again.code).toBe(2);
    expect(again.err).toContain("文件已存在");
    expect(fs.readFileSync(out, "utf8")).toBe(text);
  });
});
