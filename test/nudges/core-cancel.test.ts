import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeCoreWithNudges, realKnowledgeBase, tempDir, textOf, type CoreHarness } from "../core/helpers.js";
import { bj, LEDGER } from "./helpers.js";

/** The core's /cancel with the real nudges extension wired as in main.ts. */
describe("/cancel through the bot core ends a ledger conversation", () => {
  let tmp: ReturnType<typeof tempDir>;
  let h: CoreHarness;
  const now = () => bj("2026-09-24", "10:00");

  beforeAll(async () => {
    tmp = tempDir("zwgk-nudges-cancel-");
    const kb = await realKnowledgeBase(tmp.dir);
    h = makeCoreWithNudges({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, nudges: { deadlines: [LEDGER], now } });
  });
  afterAll(() => {
    h?.close();
    tmp?.cleanup();
  });

  it("says so, and the next message is no longer taken as a ledger answer", async () => {
    const group = { chatId: "-100", chatType: "group" as const, replyToBot: true };
    await h.say("/subscribe 城关镇", group);
    expect(textOf(await h.say("/ledger fill", group))).toContain("开始填报2026年10月工作台账");
    const cancelled = textOf(await h.say("/cancel", group));
    expect(cancelled).toContain("已取消工作台账填报");
    expect(cancelled).not.toContain("当前没有进行中的操作");
    const next = textOf(await h.say("完成26个领域目录梳理", group));
    expect(next).not.toMatch(/（2\/4）|工作计划/);
    expect(textOf(await h.say("/cancel", group))).toContain("当前没有进行中的操作");
  });

  it("only ends the sender's own conversation", async () => {
    const group = { chatId: "-100", chatType: "group" as const, replyToBot: true };
    await h.say("/ledger fill", { ...group, senderId: "u1" });
    expect(textOf(await h.say("/cancel", { ...group, senderId: "u2" }))).toContain("当前没有进行中的操作");
    expect(textOf(await h.say("完成目录梳理", { ...group, senderId: "u1" }))).toContain("（2/4）"); // u1 is still filling it in
  });
});

describe("a ledger conversation across a restart, through the bot core", () => {
  let tmp: ReturnType<typeof tempDir>;
  const now = () => bj("2026-09-24", "10:00");

  beforeAll(() => {
    tmp = tempDir("zwgk-nudges-resume-");
  });
  afterAll(() => tmp?.cleanup());

  it("greets with the ledger's next question before the draft, and takes neither a question nor a bare number as a cell", async () => {
    const dbFile = path.join(tmp.dir, "bot.sqlite");
    const kb = await realKnowledgeBase(tmp.dir);
    const first = makeCoreWithNudges({ dbFile, kb, nudges: { deadlines: [LEDGER], now } });
    await first.say("/subscribe 城关镇");
    await first.say("/draft 社会救助");
    await first.say("/ledger fill");
    expect(textOf(await first.say("完成社会救助目录初稿"))).toContain("（2/4）");
    first.close();

    const second = makeCoreWithNudges({ dbFile, kb, nudges: { deadlines: [LEDGER], now } });
    try {
      const greeting = second.core.greeting("p1", "private");
      const text = textOf(greeting);
      expect(text).toMatch(/上次的2026年10月工作台账[^\n]*填报还没有完成/);
      expect(text.indexOf("（2/4）")).toBeGreaterThan(text.indexOf("填报还没有完成"));
      expect(text).toContain("上次的草稿也还在");
      // no numbered choices of the draft are offered while the ledger takes the next message
      expect(greeting.flatMap((r) => r.choices ?? [])).toEqual([]);
      const asked = textOf(await second.say("公开时限咋填？"));
      expect(asked).toContain("没有记入台账");
      expect(asked).toContain("（2/4）");
      expect(textOf(await second.say("完成目录审核"))).toContain("（3/4）");
      const number = textOf(await second.say("1"));
      expect(number).toContain("联系人应填写姓名");
      expect(number).toContain("（3/4）");
    } finally {
      second.close();
    }
  });
});
