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
