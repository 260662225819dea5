import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InboundMessage } from "../../src/core/types.js";
import { ReminderStore } from "../../src/nudges/reminder-store.js";
import { SubscriptionStore } from "../../src/nudges/subscription-store.js";
import { bj, LEDGER, QUARTERLY } from "../nudges/helpers.js";
import { buttonData, CLEAN_ROW, makeCoreWithNudges, realKnowledgeBase, tempDir, textOf, type CoreHarness } from "./helpers.js";

/**
 * Group roles: in a group, changing shared data needs an admin (or, for an unsaved draft, its
 * author); reading is open. One test per command that changes data.
 */
describe("group roles", () => {
  let tmp: ReturnType<typeof tempDir>;
  let h: CoreHarness;
  const now = bj("2026-09-24", "10:00");
  let n = 0;
  /** A fresh group chat for each test. */
  let chatId = "";
  const admin = (o: Partial<InboundMessage> = {}) => ({ chatId, chatType: "group" as const, senderId: "a1", senderName: "王主任", isAdmin: true, now, ...o });
  const member = (o: Partial<InboundMessage> = {}) => ({ chatId, chatType: "group" as const, senderId: "m1", senderName: "赵科员", isAdmin: false, now, ...o });
  const REFUSED = /只有(群)?管理员可以|只有起草人或管理员/;

  beforeAll(async () => {
    tmp = tempDir("zwgk-roles-");
    const kb = await realKnowledgeBase(tmp.dir);
    h = makeCoreWithNudges({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, nudges: { deadlines: [LEDGER, QUARTERLY], now: () => now }, adminUserIds: ["listed"] });
  });
  afterAll(() => {
    h?.close();
    tmp?.cleanup();
  });

  /** A group with one saved row (saved by the admin). */
  async function groupWithRow(): Promise<void> {
    chatId = `-${++n}`;
    await h.say("/draft 农村集体土地征收", admin());
    await h.say(CLEAN_ROW, admin({ replyToBot: true }));
    expect(textOf(await h.say("/done", admin()))).toContain("已保存为第1条");
  }

  it("/edit and saving an edit need an admin; the member's save of the admin's edit is refused", async () => {
    await groupWithRow();
    expect(textOf(await h.say("/edit 1", member()))).toMatch(REFUSED);
    expect(h.store.getDraft(chatId)).toBeUndefined();
    await h.say("/edit 1", admin());
    expect(textOf(await h.say("公开主体：县人民政府", member({ replyToBot: true })))).toMatch(REFUSED);
    expect(textOf(await h.say("/done", member()))).toMatch(REFUSED);
    expect(textOf(await h.say("公开主体：县自然资源和规划局", admin({ replyToBot: true })))).toContain("已记录");
    expect(textOf(await h.say("/done", admin()))).toContain("已保存为第1条");
  });

  it("/cancel of another's draft is refused; its author or an admin may cancel it", async () => {
    await groupWithRow();
    await h.say("/draft", admin());
    expect(textOf(await h.say("/cancel", member()))).toMatch(REFUSED);
    expect(h.store.getDraft(chatId)).toBeDefined();
    expect(textOf(await h.say("/cancel", admin()))).toContain("已放弃正在起草的事项");
    await h.say("/draft", member());
    expect(textOf(await h.say("/cancel", member({ senderId: "m2", senderName: "钱科员" })))).toContain("这条草稿是赵科员起草的");
    expect(textOf(await h.say("/cancel", admin()))).toContain("已放弃正在起草的事项");
  });

  it("a member may draft and save a new row of their own, but not another's draft", async () => {
    await groupWithRow();
    const started = await h.say("/draft", member());
    expect(textOf(started)).toContain("开始起草第2条");
    const other = member({ senderId: "m2", senderName: "钱科员", replyToBot: true });
    expect(textOf(await h.press(buttonData(started, "征地前期准备"), other))).toMatch(REFUSED);
    expect(textOf(await h.say("一级事项：征地实施", other))).toMatch(REFUSED);
    await h.say(CLEAN_ROW.replace("拟征收土地告知", "征地补偿安置方案公告"), member({ replyToBot: true }));
    expect(textOf(await h.say("/done", member()))).toContain("已保存为第2条");
  });

  it("/draft with another field needs an admin; the field changes only when the row is saved", async () => {
    await groupWithRow();
    expect(textOf(await h.say("/draft 社会救助", member()))).toMatch(REFUSED);
    expect(h.store.getDraft(chatId)).toBeUndefined();
    expect(textOf(await h.say("/draft 农村集体土地征收", member()))).toContain("开始起草第2条"); // the same field is no change
    await h.say("/cancel", member());
    await h.say("/draft 社会救助", admin());
    expect(h.store.getSetting(chatId, "field")).toBe("农村集体土地征收");
    await h.say("/cancel", admin());
    expect(h.store.getSetting(chatId, "field")).toBe("农村集体土地征收");
  });

  it("/delete and its confirmation button need an admin", async () => {
    await groupWithRow();
    expect(textOf(await h.say("/delete 1", member()))).toMatch(REFUSED);
    const ask = await h.say("/delete 1", admin());
    expect(textOf(await h.press(buttonData(ask, "确认删除"), member()))).toMatch(REFUSED);
    expect(h.store.countRows(chatId)).toBe(1);
    expect(textOf(await h.press(buttonData(ask, "确认删除"), admin()))).toContain("已删除第1条");
    expect(h.store.countRows(chatId)).toBe(0);
  });

  it("on a channel without buttons, a member's refused number leaves the admin's confirmation open", async () => {
    await groupWithRow();
    const numbers = { mentioned: true, capabilities: { maxMessageBytes: 2048, markdown: "wecom" as const, buttons: false, filesInGroups: false } };
    const ask = await h.say("/delete 1", admin(numbers));
    expect(ask.flatMap((r) => r.choices?.flat() ?? [])[0]?.label).toContain("确认删除");
    expect(textOf(await h.say("1", member(numbers)))).toMatch(REFUSED);
    expect(h.store.countRows(chatId)).toBe(1);
    expect(textOf(await h.say("1", admin(numbers)))).toContain("已删除第1条");
    expect(h.store.countRows(chatId)).toBe(0);
  });

  it("/subscribe, /unsubscribe, /deadline add and del need an admin", async () => {
    chatId = `-${++n}`;
    expect(textOf(await h.say("/subscribe 城关镇", member()))).toMatch(REFUSED);
    expect(textOf(await h.say("/subscribe 城关镇", admin()))).toContain("已订阅截止提醒");
    expect(textOf(await h.say("/deadline add 每月5日 报送台账", member()))).toMatch(REFUSED);
    expect(textOf(await h.say("/deadline add 每月5日 报送台账", admin()))).toContain("已添加本群事项 c1");
    expect(textOf(await h.say("/deadline del c1", member()))).toMatch(REFUSED);
    expect(textOf(await h.say("/unsubscribe", member()))).toMatch(REFUSED);
    expect(new SubscriptionStore(h.db).subscription(chatId)).toBeDefined();
  });

  it("/ack, /snooze and the ledger (command and buttons) need an admin", async () => {
    chatId = `-${++n}`;
    await h.say("/subscribe 城关镇", admin());
    const store = new ReminderStore(h.db);
    for (const text of ["/ack monthly-ledger", "/snooze 1 monthly-ledger", "/ledger fill"]) expect(textOf(await h.say(text, member()))).toMatch(REFUSED);
    for (const data of ["nudge:ack:monthly-ledger:2026-10-05", "nudge:snooze:monthly-ledger:2026-10-05:1", "nudge:ledger:2026-10"]) {
      expect(textOf(await h.press(data, member()))).toMatch(REFUSED);
    }
    expect(store.isAcked(chatId, "monthly-ledger", "2026-10-05")).toBe(false);
    // Two working days: to the next planned reminder (29th), never before it.
    expect(textOf(await h.say("/snooze 2 monthly-ledger", admin()))).toContain("已推迟");
    expect(textOf(await h.say("/ack monthly-ledger", admin()))).toContain("已完成");
    expect(textOf(await h.say("/ledger fill", admin()))).toContain("开始填报");
  });

  it("reading is open to every member", async () => {
    await groupWithRow();
    expect(textOf(await h.say("/rows", member()))).toContain("目录共 1 条");
    expect((await h.say("/export", member()))[0]?.files).toHaveLength(1);
    expect(textOf(await h.say("/deadlines", member()))).toContain("近期截止事项");
    expect(textOf(await h.say("/status", member()))).toContain("本群尚未订阅");
    expect(textOf(await h.say("/ledger", member()))).toContain("本群尚未订阅截止提醒");
  });

  it("the group's /help states the model", async () => {
    chatId = `-${++n}`;
    const help = textOf(await h.say("/help", member()));
    expect(help).toContain("👥 群内权限");
    expect(help).toContain("未保存的草稿只有起草人或管理员可以修改、保存或放弃");
    expect(textOf(await h.say("/help", { chatId: "p-help", chatType: "private" }))).not.toContain("群内权限");
  });

  it("users listed in ADMIN_USER_IDS count as admins where the channel reports none", async () => {
    await groupWithRow();
    expect(textOf(await h.say("/edit 1", member({ senderId: "listed" })))).toContain("正在修改第1条");
  });
});
