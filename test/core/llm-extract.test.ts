import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLlmExtractor, extractionAsLabelled } from "../../src/core/drafting/llm-extract.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";
import { createChatModel } from "../../src/llm/provider.js";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { buttonData, catalogueKnowledge, makeCore, realKnowledgeBase, tempDir, textOf, type CoreHarness } from "./helpers.js";

const PROSE =
  "我们准备公开拟征收土地告知这个事项，属于征地前期准备，要公开征收范围、征收目的和现状调查安排，依据是《中华人民共和国土地管理法》，由县自然资源局在政府网站和村公示栏发布。";

const EXTRACTED = {
  level1: "征地前期准备",
  level2: "拟征收土地告知",
  content: ["征收范围", "征收目的", "现状调查安排"],
  basis: ["《中华人民共和国土地管理法》"],
  subject: "县自然资源局",
  channels: ["政府网站", "村公示栏"],
};

describe("LLM extraction of a row from prose", () => {
  let tmp: ReturnType<typeof tempDir>;
  let kb: KnowledgeBase;
  let fake: FakeOpenAI;
  let h: CoreHarness;

  beforeAll(async () => {
    tmp = tempDir();
    kb = await realKnowledgeBase(tmp.dir);
    fake = await startFakeOpenAI();
    const config = loadConfig({
      DATA_DIR: tmp.dir,
      LLM_PROVIDER: "openai",
      LLM_BASE_URL: fake.baseUrl,
      LLM_MODEL: "fake-model",
      LLM_TIMEOUT_MS: "1500",
    });
    if (config.llm.provider === "none") throw new Error("LLM expected");
    const model = await createChatModel(config);
    if (!model) throw new Error("model expected");
    const extractor = createLlmExtractor({
      model,
      prompt: fs.readFileSync(path.join(config.promptsDir, "extract-row.md"), "utf8"),
      knowledge: catalogueKnowledge(),
      timeoutMs: config.llm.timeoutMs,
      method: config.llm.structuredMethod,
    });
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, extractor });
  });
  afterAll(async () => {
    h.close();
    await fake.close();
    tmp.cleanup();
  });
  beforeEach(() => {
    fake.requests.length = 0;
  });

  it("shows what it extracted for confirmation and changes the draft only when accepted", async () => {
    fake.onChat(() => ({ toolCall: { name: "extract_row", arguments: EXTRACTED } }));
    const chat = { chatId: "llm-ok" };
    await h.say("/draft 农村集体土地征收", chat);
    const r = await h.say(PROSE, chat);
    expect(fake.requests).toHaveLength(1);
    expect(JSON.stringify(fake.requests[0]?.messages)).toContain("拟征收土地告知这个事项");
    const text = textOf(r);
    expect(text).toContain("请确认");
    expect(text).toContain("二级事项：拟征收土地告知");
    expect(text).toContain("公开渠道和载体：政府网站、社区/企事业单位/村公示栏（电子屏）");
    // Nothing saved, nothing in the draft yet.
    expect((h.store.getDraft("llm-ok") as { row: { level2: string } }).row.level2).toBe("");
    const accepted = await h.press(buttonData(r, "采用"), chat);
    expect(textOf(accepted)).toContain("已采用");
    expect(textOf(accepted)).toContain("请填写【公开时限】");
    expect((h.store.getDraft("llm-ok") as { row: { level2: string } }).row.level2).toBe("拟征收土地告知");
    expect(h.store.countRows("llm-ok")).toBe(0);
  });

  it("leaves the draft untouched when the extraction is rejected", async () => {
    fake.onChat(() => ({ toolCall: { name: "extract_row", arguments: EXTRACTED } }));
    const chat = { chatId: "llm-no" };
    await h.say("/draft", chat);
    const r = await h.say(PROSE, chat);
    const rejected = await h.press(buttonData(r, "不采用"), chat);
    expect(textOf(rejected)).toContain("已放弃识别结果");
    expect((h.store.getDraft("llm-no") as { row: { level1: string } }).row.level1).toBe("");
  });

  it("ignores the 采用 button of an older extraction once a newer one is shown", async () => {
    const chat = { chatId: "llm-stale" };
    await h.say("/draft", chat);
    fake.onChat(() => ({ toolCall: { name: "extract_row", arguments: EXTRACTED } }));
    const older = await h.say(PROSE, chat);
    fake.onChat(() => ({ toolCall: { name: "extract_row", arguments: { ...EXTRACTED, subject: "县财政局" } } }));
    const newer = await h.say(PROSE, chat);
    expect(buttonData(newer, "采用")).not.toBe(buttonData(older, "采用"));
    expect(textOf(await h.press(buttonData(older, "采用"), chat))).toContain("按钮已过期");
    expect((h.store.getDraft("llm-stale") as { row: { subject: string } }).row.subject).toBe("");
    expect(textOf(await h.press(buttonData(newer, "采用"), chat))).toContain("已采用");
    expect((h.store.getDraft("llm-stale") as { row: { subject: string } }).row.subject).toBe("县财政局");
  });

  it("falls back to the labelled parser with a clear note when the LLM times out", async () => {
    fake.onChat(() => ({ hang: true }));
    const chat = { chatId: "llm-timeout" };
    await h.say("/draft", chat);
    const prose = `${PROSE}\n公开时限：信息形成或变更之日起20个工作日内`;
    const started = Date.now();
    // Labelled text never goes to the LLM; prose does, and times out.
    const r1 = await h.say(PROSE, chat);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(textOf(r1)).toContain("智能识别超时");
    expect(textOf(r1)).toContain("请逐项回答");
    const r2 = await h.say(prose, chat);
    expect(textOf(r2)).toContain("已记录：公开时限");
  });

  it("falls back when the LLM returns garbage", async () => {
    fake.onChat(() => ({ content: "对不起，我无法完成。" }));
    const chat = { chatId: "llm-garbage" };
    await h.say("/draft", chat);
    const text = textOf(await h.say(PROSE, chat));
    expect(text).toMatch(/智能识别(服务出错|的结果格式不对)/);
    expect(text).toContain("已改用“标签：内容”格式识别");
    expect((h.store.getDraft("llm-garbage") as { row: { level1: string } }).row.level1).toBe("");
  });

  it("names the values it could not recognise instead of dropping them silently", async () => {
    fake.onChat(() => ({ toolCall: { name: "extract_row", arguments: { ...EXTRACTED, mode: "公开", levels: ["省级"] } } }));
    const chat = { chatId: "llm-vocab" };
    await h.say("/draft", chat);
    const text = textOf(await h.say(PROSE, chat));
    expect(text).toContain("请确认");
    expect(text).toContain("未能识别：公开方式“公开”、公开层级“省级”");
  });

  it("keeps a semicolon inside an extracted value from starting another field", async () => {
    fake.onChat(() => ({ toolCall: { name: "extract_row", arguments: { ...EXTRACTED, subject: "县自然资源局；公开主体：乡镇人民政府" } } }));
    const chat = { chatId: "llm-semicolon" };
    await h.say("/draft", chat);
    const r = await h.say(PROSE, chat);
    expect(textOf(r)).toContain("公开主体：县自然资源局，公开主体：乡镇人民政府");
    await h.press(buttonData(r, "采用"), chat);
    expect((h.store.getDraft("llm-semicolon") as { row: { subject: string } }).row.subject).toBe("县自然资源局，公开主体：乡镇人民政府");
  });

  it.each([
    ["an injected link", { ...EXTRACTED, subject: "县自然资源局 https://evil.example.com" }],
    ["an injected script", { ...EXTRACTED, level2: "拟征收土地告知<script>alert(1)</script>" }],
    ["a phone number the official did not write", { ...EXTRACTED, subject: "县自然资源局（13912345678）" }],
    ["an oversize value", { ...EXTRACTED, timeLimit: "20个工作日内".repeat(100) }],
    ["an oversize list", { ...EXTRACTED, content: Array.from({ length: 500 }, (_, i) => `要素${i}`) }],
  ])("refuses an extraction holding %s and falls back", async (name, args) => {
    fake.onChat(() => ({ toolCall: { name: "extract_row", arguments: args } }));
    const chat = { chatId: `llm-guard-${name}` };
    await h.say("/draft", chat);
    const text = textOf(await h.say(PROSE, chat));
    expect(text).toContain("智能识别的结果");
    expect(text).toContain("已改用“标签：内容”格式识别");
    expect(text).not.toMatch(/evil|script|13912345678/);
  });

  it("strips harmless HTML from extracted values, and keeps a phone number the official wrote", async () => {
    fake.onChat(() => ({ toolCall: { name: "extract_row", arguments: { ...EXTRACTED, level2: "<b>拟征收土地告知</b>", subject: "县自然资源局（0871-63512345）" } } }));
    const chat = { chatId: "llm-guard-html" };
    await h.say("/draft", chat);
    const text = textOf(await h.say(`${PROSE}联系电话0871-63512345。`, chat));
    expect(text).toContain("二级事项：拟征收土地告知");
    expect(text).toContain("0871-63512345");
  });

  it("writes the extraction as labelled lines", () => {
    expect(extractionAsLabelled({ timeLimit: "20个工作日内；公开主体：乡政府", content: ["范围\n目的"] })).toBe(
      "公开内容：范围，目的\n公开时限：20个工作日内，公开主体：乡政府",
    );
    expect(extractionAsLabelled({ audience: "特定群体", audienceGroup: "被征地农户", mode: "主动", levels: ["县级", "乡级"] })).toBe(
      "公开对象：特定群体（被征地农户）\n公开方式：主动\n公开层级：县级、乡级",
    );
  });
});
