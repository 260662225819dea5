import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChannelCapabilities } from "../../src/core/channel.js";
import { renderReplies, splitMessage, utf8Bytes } from "../../src/core/render.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";
import { makeCore, tempDir, textOf, type CoreHarness } from "./helpers.js";

const caps = (o: Partial<ChannelCapabilities> = {}): ChannelCapabilities => ({ maxMessageBytes: 200, markdown: "wecom", buttons: false, filesInGroups: false, ...o });

describe("splitMessage", () => {
  it("leaves a short text alone and splits a long one under the byte limit, losing nothing", () => {
    expect(splitMessage("短文本", 100)).toEqual(["短文本"]);
    const text = Array.from({ length: 60 }, (_, i) => `第${i}段：${"公开".repeat(10)}`).join("\n");
    const parts = splitMessage(text, 300);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(300);
    expect(parts.join("\n")).toBe(text);
  });

  it("keeps a table and a list whole when they fit in one message", () => {
    const table = ["| 要素 | 内容 |", "| --- | --- |", ...Array.from({ length: 4 }, (_, i) => `| 公开时限${i} | 20个工作日内 |`)].join("\n");
    const list = Array.from({ length: 4 }, (_, i) => `${i + 1}. 公开主体写具体单位${i}`).join("\n");
    const text = [`${"说明".repeat(40)}`, table, "中间的话", list, "结尾"].join("\n");
    const parts = splitMessage(text, 260);
    expect(parts.some((p) => p.includes(table))).toBe(true);
    expect(parts.some((p) => p.includes(list))).toBe(true);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(260);
  });

  it("cuts a table longer than a message between rows and repeats its header", () => {
    const rows = Array.from({ length: 30 }, (_, i) => `| 事项${i} | 信息形成之日起20个工作日内 |`);
    const text = ["| 事项 | 公开时限 |", "| --- | --- |", ...rows].join("\n");
    const parts = splitMessage(text, 400);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(utf8Bytes(p)).toBeLessThanOrEqual(400);
      expect(p.startsWith("| 事项 | 公开时限 |\n| --- | --- |")).toBe(true);
      for (const line of p.split("\n")) expect(line).toMatch(/^\| .* \|$/);
    }
    expect(parts.flatMap((p) => p.split("\n").slice(2))).toEqual(rows);
  });

  it("cuts a list longer than a message between items, with their continuation lines", () => {
    const items = Array.from({ length: 20 }, (_, i) => `- 第${i}项：公开渠道\n  政府网站、村务公开栏`);
    const parts = splitMessage(items.join("\n"), 200);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.startsWith("- 第")).toBe(true);
    expect(parts.join("\n")).toBe(items.join("\n"));
  });

  it("cuts a single overlong line inside the line, never inside a character", () => {
    const line = "政".repeat(100) + "😀".repeat(10);
    const parts = splitMessage(line, 31);
    for (const p of parts) expect(utf8Bytes(p)).toBeLessThanOrEqual(31);
    expect(parts.join("")).toBe(line);
  });
});

describe("renderReplies", () => {
  const replies = [{ text: "请选择【公开方式】：", choices: [[{ label: "主动", data: "d:a" }, { label: "依申请", data: "d:b" }]] }];

  it("numbers choices where there are no buttons and keeps buttons where there are", () => {
    const [numbered] = renderReplies(replies, caps());
    expect(numbered?.text).toBe("请选择【公开方式】：\n1. 主动\n2. 依申请\n（回复编号即可选择）");
    expect(numbered?.choices).toBeUndefined();
    const [plain] = renderReplies(replies, caps({ markdown: "plain" }), "（输入编号）");
    expect(plain?.text).toContain("  [2] 依申请\n（输入编号）");
    const [buttons] = renderReplies(replies, caps({ buttons: true }));
    expect(buttons?.text).toBe("请选择【公开方式】：");
    expect(buttons?.choices).toEqual(replies[0]?.choices);
  });

  it("attaches files to the last piece of a split reply", () => {
    const file = { name: "a.xlsx", data: Buffer.from("x") };
    const out = renderReplies([{ text: "行\n".repeat(200), files: [file] }], caps({ maxMessageBytes: 100 }));
    expect(out.length).toBeGreaterThan(1);
    expect(out.at(-1)?.files).toEqual([file]);
    expect(out.slice(0, -1).every((m) => !m.files)).toBe(true);
  });
});

describe("the core on a channel without buttons", () => {
  let tmp: ReturnType<typeof tempDir>;
  let h: CoreHarness;
  const kb: KnowledgeBase = {
    ask: async (question) => ({ question, answer: "文件中没有找到答案。", abstained: true, mode: "extractive", citations: [] }),
    coverage: () => "测试知识",
  };
  const noButtons = { channel: "wecom" as const, capabilities: caps() };

  beforeAll(() => {
    tmp = tempDir("zwgk-render-");
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb });
  });
  afterAll(() => {
    h.close();
    tmp.cleanup();
  });

  it("maps a numbered answer to the choice, also after a restart", async () => {
    const first = await h.say("/draft 农村集体土地征收", noButtons);
    const labels = first.flatMap((r) => r.choices?.flat() ?? []).map((c) => c.label);
    expect(labels[1]).toBe("征地前期准备");
    h.close();
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb });
    const picked = await h.say("２", noButtons);
    expect(textOf(picked)).toContain("已记录：一级事项＝征地前期准备");
    // A reply without choices forgets the numbers: "1" is text again (a drafting answer, not a choice).
    // (/cancel of a draft with a recorded value asks first, with choices; the second /cancel confirms.)
    await h.say("/cancel", noButtons);
    expect(textOf(await h.say("/cancel", noButtons))).toContain("已放弃正在起草的事项");
    const again = await h.say("1", noButtons);
    expect(textOf(again)).not.toContain("已记录");
    expect(textOf(again)).not.toContain("抱歉");
  });

  it("asks for a private chat when /check is used in a group that cannot receive files", async () => {
    const group = { chatId: "g1", chatType: "group" as const, mentioned: true, isAdmin: false };
    expect(textOf(await h.say("/check", { ...group, ...noButtons }))).toContain("请私聊机器人发送 .xlsx 文件");
    expect(textOf(await h.say("/check", { ...group, channel: "telegram", capabilities: caps({ filesInGroups: true, buttons: true }) }))).toContain("请发送要检查的目录表格");
  });
});
