import { describe, expect, it } from "vitest";
import type { InboundMessage } from "../../src/core/types.js";
import { NUDGE_COMMANDS } from "../../src/nudges/command-specs.js";
import { handleNudgeCommand } from "../../src/nudges/commands.js";
import type { Deadline } from "../../src/nudges/deadlines.js";
import { NumberingStore } from "../../src/nudges/numbering-store.js";
import { ReminderStore } from "../../src/nudges/reminder-store.js";
import { createTick } from "../../src/nudges/scheduler.js";
import { SubscriptionStore } from "../../src/nudges/subscription-store.js";
import { apiError, bj, recordingOutbox, silentLogger, useTempDb } from "./helpers.js";

/** Two items due together: one merged reminder numbers them 1 and 2 (on Friday 2026-10-16, two working days before). */
const ALPHA: Deadline = { id: "alpha-report", title: "甲报表", source: "测试依据", schedule: { monthly: 20 }, remind: [2, 0], time: "09:00" };
const BETA: Deadline = { id: "beta-report", title: "乙报表", source: "测试依据", schedule: { monthly: 20 }, remind: [2, 0], time: "09:00" };
const DUE = "2026-10-20";
/** Due a day earlier and reminded only on its day (Monday 19th): first in /deadlines, absent from Friday's reminder. */
const GAMMA: Deadline = { id: "gamma-report", title: "丙报表", source: "测试依据", schedule: { monthly: 19 }, remind: [0], time: "09:00" };

describe("item numbers (序号) in /ack and /snooze", () => {
  const t = useTempDb();
  const deadlines = [ALPHA, BETA, GAMMA];

  const say = async (text: string, now = bj("2026-10-16", "10:00"), chatId = "-100"): Promise<string> => {
    const msg: InboundMessage = { chatId, chatType: "group", senderId: "u1", senderName: "张三", text, mentioned: false, replyToBot: false, isAdmin: true, now };
    return ((await handleNudgeCommand(msg, { db: t.db, deadlines })) ?? []).map((r) => r.text).join("\n");
  };
  const subscribe = (chatId = "-100") => new SubscriptionStore(t.db).subscribe(chatId, "管理员", bj("2026-10-01").toISOString(), "城关镇");
  const acked = (id: string, chatId = "-100") => new ReminderStore(t.db).isAcked(chatId, id, DUE);
  /** Sends the merged reminder of Friday 16th; returns its text. */
  const remind = async (box = recordingOutbox()) => {
    await createTick({ db: t.db, deadlines, outbox: box.outbox, logger: silentLogger })(bj("2026-10-16", "09:00"));
    return box.sent.map((s) => s.replies[0]?.text ?? "").join("\n");
  };

  it("the numbers of a merged reminder work in /ack, and the reply says which list they were read from", async () => {
    subscribe();
    const reminder = await remind();
    expect(reminder).toContain("1. 事项：甲报表");
    expect(reminder).toContain("2. 事项：乙报表");
    expect(reminder).toContain("发送 /ack 序号（如 /ack 1）");
    const reply = await say("/ack 2");
    expect(reply).toContain("✅ 已记录：本群已完成「乙报表」");
    expect(reply).toContain("序号 2 指本群 10月16日 09:00 的截止提醒中的第 2 项。");
    expect([acked("alpha-report"), acked("beta-report")]).toEqual([false, true]);
  });

  // The ways of writing an item, each from a fresh reminder: what it acts on.
  const forms: { command: string; item: string; reply: RegExp }[] = [
    { command: "/ack 1", item: "alpha-report", reply: /已完成「甲报表」[\s\S]*序号 1 指/ },
    { command: "/ack 第2项", item: "beta-report", reply: /已完成「乙报表」/ },
    { command: "/ack ２", item: "beta-report", reply: /已完成「乙报表」/ },
    { command: "/ack2", item: "beta-report", reply: /已完成「乙报表」/ },
    { command: "/ack beta-report", item: "beta-report", reply: /已完成「乙报表」/ },
    { command: "/snooze 1 2", item: "beta-report", reply: /已推迟「乙报表」的提醒：将于 2026年10月19日（周一） 09:00/ },
    { command: "/snooze 2 1", item: "alpha-report", reply: /已推迟「甲报表」的提醒：将于 2026年10月20日（周二） 09:00[\s\S]*序号 1 指/ },
    { command: "/snooze 第2项 1", item: "beta-report", reply: /已推迟「乙报表」的提醒：将于 2026年10月19日/ },
    { command: "/snooze 2", item: "alpha-report", reply: /已推迟「甲报表」/ }, // no item: the latest reminder, as before
    { command: "/snooze beta-report 1", item: "beta-report", reply: /已推迟「乙报表」的提醒：将于 2026年10月19日/ },
    { command: "/snooze 1 alpha-report", item: "alpha-report", reply: /已推迟「甲报表」的提醒：将于 2026年10月19日/ },
  ];
  it.each(forms)("$command acts on $item", async ({ command, item, reply }) => {
    subscribe();
    await remind();
    const text = await say(command);
    expect(text).toMatch(reply);
    const store = new ReminderStore(t.db);
    const touched = deadlines.filter((d) => store.isAcked("-100", d.id, DUE) || store.snoozeOf("-100", d.id, DUE)).map((d) => d.id);
    expect(touched).toEqual([item]);
  });

  it("the numbers survive a restart (they are kept in the database)", async () => {
    subscribe();
    await remind();
    t.db.close();
    t.db = t.tmp.open();
    expect(await say("/ack 2")).toContain("已完成「乙报表」");
    expect(acked("beta-report")).toBe(true);
  });

  it("the latest numbered reminder or list counts: /deadlines renumbers after a reminder", async () => {
    subscribe();
    expect(await remind()).toContain("2. 事项：乙报表");
    const list = await say("/deadlines", bj("2026-10-16", "10:05"));
    expect(list).toMatch(/1\. \[gamma-report\][\s\S]*2\. \[alpha-report\][\s\S]*3\. \[beta-report\]/);
    expect(list).toContain("完成后发送 /ack 序号（如 /ack 1）；推迟提醒发送 /snooze 工作日数 序号（如 /snooze 2 1：第 1 项推迟 2 个工作日）");
    const reply = await say("/ack 2", bj("2026-10-16", "10:06"));
    expect(reply).toContain("已完成「甲报表」");
    expect(reply).toContain("序号 2 指本群 10月16日 10:05 列出的近期截止事项中的第 2 项。");
    expect(await say("/ack 4")).toContain("本群 10月16日 10:05 列出的近期截止事项只列了 3 项，没有序号 4。");
  });

  it("the latest numbered reminder or list counts: a merged reminder renumbers after /deadlines", async () => {
    subscribe();
    expect(await say("/deadlines", bj("2026-10-16", "08:00"))).toMatch(/2\. \[alpha-report\]/);
    await remind();
    expect(await say("/ack 2")).toContain("已完成「乙报表」");
    expect([acked("alpha-report"), acked("beta-report")]).toEqual([false, true]);
  });

  it("says plainly when a number cannot be read, and keeps each chat's numbers to itself", async () => {
    expect(await say("/ack 1")).toContain("本群还没有带序号的提醒或清单。请发送 /deadlines 列出近期事项后按序号操作");
    subscribe();
    await remind();
    expect(await say("/ack 5")).toContain("只列了 2 项，没有序号 5");
    expect(await say("/ack 1", undefined, "-200")).toContain("本群还没有带序号的提醒或清单");
    expect(await say("/ack 1 2")).toContain("用法：/ack [序号或事项编号]");
    expect(await say("/snooze a b")).toContain("用法：/snooze [工作日数] [序号或事项编号]");
    expect(await say("/ack nosuch")).toContain("没有编号为“nosuch”的事项");
  });

  it("a reminder the platform refused does not renumber the chat", async () => {
    subscribe();
    await say("/deadlines", bj("2026-10-16", "08:00"));
    const box = recordingOutbox();
    box.failNext(1, () => apiError(403, "Forbidden: bot was kicked"));
    await remind(box);
    expect(new NumberingStore(t.db).numbering("-100")?.shownIn).toBe("list");
  });

  it("the reminder, /deadlines and /help write /snooze the same way, and the reminder's example does what it says", async () => {
    subscribe();
    const reminder = await remind();
    const example = /如 (\/snooze \d+ \d+)：第 (\d+) 项推迟 (\d+) 个工作日/.exec(reminder);
    expect(example).not.toBeNull();
    const [, command, item, days] = example as RegExpExecArray;
    expect(command).toBe(`/snooze ${days} ${item}`);
    const help = NUDGE_COMMANDS.find((c) => c.name === "snooze")?.help ?? "";
    expect(help).toMatch(/^\/snooze \[工作日数\] \[序号或事项编号\]/);
    expect(help).toContain(`如 ${command}：第 ${item} 项推迟 ${days} 个工作日`);
    expect(NUDGE_COMMANDS.find((c) => c.name === "ack")?.help).toMatch(/^\/ack \[序号或事项编号\]/);
    expect(await say(command as string)).toContain("已推迟「甲报表」的提醒：将于 2026年10月20日（周二）"); // 2 working days after Friday 16th
  });
});
