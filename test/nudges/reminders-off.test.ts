import { describe, expect, it } from "vitest";
import { helpText } from "../../src/core/help.js";
import type { InboundMessage } from "../../src/core/types.js";
import { handleNudgeCommand } from "../../src/nudges/commands.js";
import { nudgesFeature } from "../../src/nudges/extension.js";
import { createTick } from "../../src/nudges/scheduler.js";
import { SubscriptionStore } from "../../src/nudges/subscription-store.js";
import { REMINDERS_OFF_NOTE } from "../../src/nudges/text.js";
import { bj, LEDGER, QUARTERLY, recordingOutbox, silentLogger, useTempDb } from "./helpers.js";

/** With NUDGES_ENABLED=false nothing is ever sent: no reply may promise a reminder without saying so. */
describe("a deployment with reminders turned off (NUDGES_ENABLED=false)", () => {
  const t = useTempDb();
  const now = bj("2026-09-24", "09:30");
  const msg = (text: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
    chatId: "-100", chatType: "group", senderId: "u1", senderName: "张三", text, mentioned: false, replyToBot: false, isAdmin: true, now, ...over,
  });
  const say = async (text: string, remindersEnabled: boolean, over: Partial<InboundMessage> = {}) =>
    ((await handleNudgeCommand(msg(text, over), { db: t.db, deadlines: [LEDGER, QUARTERLY], remindersEnabled })) ?? []).map((r) => r.text).join("\n");

  it("records /subscribe but says plainly that no reminder is sent until reminders are turned on", async () => {
    const reply = await say("/subscribe 城关镇", false);
    expect(reply).toContain("已记录本群订阅，但本系统管理员未开启截止提醒（NUDGES_ENABLED=false）：目前不会发送任何提醒，开启后才会按工作日提前提醒。");
    expect(reply).not.toContain("✅ 已订阅");
    expect(reply).toContain("单位名称：城关镇");
    expect(reply.split(REMINDERS_OFF_NOTE).length).toBeLessThanOrEqual(2); // said once, not twice
    expect(new SubscriptionStore(t.db).subscription("-100")?.unitName).toBe("城关镇");
    // and the recorded subscription is what a later start with reminders on sends to
    const box = recordingOutbox();
    await createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger })(bj("2026-09-29", "09:00"));
    expect(box.sent.map((s) => s.chatId)).toEqual(["-100"]);
  });

  // Each reply that would promise a reminder, with reminders on and off.
  const cases: { name: string; setup: string[]; command: string; promise: string }[] = [
    { name: "/subscribe again", setup: ["/subscribe 城关镇"], command: "/subscribe 城关镇", promise: "本群已订阅截止提醒" },
    { name: "/subscribe of a muted item", setup: ["/subscribe 城关镇", "/unsubscribe quarterly"], command: "/subscribe quarterly", promise: "已恢复「季度进展情况上报」的提醒" },
    { name: "/deadlines of a subscribed chat", setup: ["/subscribe 城关镇"], command: "/deadlines", promise: "完成后发送 /ack" },
    { name: "/deadlines of a chat not subscribed", setup: [], command: "/deadlines", promise: "本群尚未订阅提醒" },
    { name: "/snooze", setup: ["/subscribe 城关镇"], command: "/snooze 1 quarterly", promise: "的提醒" },
    { name: "/deadline add", setup: [], command: "/deadline add 每月20日 报送信息 提前1,0", promise: "个工作日 09:00 提醒" },
  ];
  it.each(cases)("$name: says reminders are off only when they are", async ({ setup, command, promise }) => {
    for (const s of setup) await say(s, false);
    const off = await say(command, false);
    expect(off).toContain(promise);
    expect(off).toContain(REMINDERS_OFF_NOTE);
    expect(off).not.toContain("即可按期收到提醒");
    t.db.exec("DELETE FROM nudge_subscriptions; DELETE FROM nudge_mutes; DELETE FROM nudge_snoozes; DELETE FROM nudge_chat_deadlines");
    for (const s of setup) await say(s, true);
    const on = await say(command, true);
    expect(on).toContain(promise);
    expect(on).not.toContain("未开启截止提醒");
  });

  it("says so in the /help section of the nudges", () => {
    const deps = () => ({ db: t.db, deadlines: [LEDGER] });
    const off = helpText([nudgesFeature(deps, { remindersEnabled: false })], { group: true });
    expect(off).toContain("⏰ 截止提醒（本系统管理员未开启提醒：可以查看事项、订阅和标记完成，但不会发送提醒）");
    expect(helpText([nudgesFeature(deps)], { group: true })).toContain("⏰ 截止提醒（按国务院节假日安排的工作日计算，北京时间）");
  });

  it("the feature passes the setting to its commands", async () => {
    const feature = nudgesFeature(() => ({ db: t.db, deadlines: [LEDGER] }), { remindersEnabled: false });
    const subscribe = feature.commands?.find((c) => c.name === "subscribe");
    const replies = await subscribe?.handle(msg("/subscribe 城关镇"), { name: "subscribe", args: "城关镇" });
    expect(replies?.[0]?.text).toContain("未开启截止提醒");
  });
});
