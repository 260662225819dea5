import { describe, expect, it } from "vitest";
import { pino } from "pino";
import type { Logger } from "../../src/log.js";
import type { Deadline } from "../../src/nudges/deadlines.js";
import { OutboxStore } from "../../src/nudges/outbox-store.js";
import { ReminderStore } from "../../src/nudges/reminder-store.js";
import { createTick, startNudges } from "../../src/nudges/scheduler.js";
import { SubscriptionStore } from "../../src/nudges/subscription-store.js";
import type { Db } from "../../src/store/db.js";
import { bj, LEDGER, recordingOutbox, silentLogger, useTempDb } from "./helpers.js";

const t = useTempDb();

const MORNING: Deadline = { id: "morning", title: "上午事项", source: "测试依据", schedule: { date: "2026-09-23" }, remind: [2, 0], time: "09:00" };
const AFTERNOON: Deadline = { id: "afternoon", title: "下午事项", source: "测试依据", schedule: { date: "2026-09-23" }, remind: [2, 0], time: "14:30" };

function subscribe(d: Db, chatId: string): void {
  new SubscriptionStore(d).subscribe(chatId, "管理员", bj("2026-09-01").toISOString(), `单位${chatId}`);
}

function statuses(d: Db): string[] {
  return (d.prepare("SELECT deadline_id, remind_offset, chat_id, status FROM nudge_deliveries ORDER BY chat_id, deadline_id, remind_offset DESC").all() as Record<string, unknown>[]).map(
    (r) => `${r.chat_id} ${r.deadline_id} ${r.remind_offset} ${r.status}`,
  );
}

/** A logger whose warnings the test can read. */
function capturingLogger(): { logger: Logger; warnings: string[] } {
  const warnings: string[] = [];
  const logger = pino({ level: "warn" }, { write: (line: string) => void warnings.push(line) });
  return { logger, warnings };
}

describe("nudge digests", () => {
  it("sends everything due for a chat in one tick as one message, logging each nudge once", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [MORNING, { ...AFTERNOON, id: "second", title: "第二项", time: "09:00" }], outbox: box.outbox, logger: silentLogger });
    const sent = await tick(bj("2026-09-21", "09:00"));
    expect(sent.map((s) => `${s.deadline} ${s.offset} ${s.ok}`)).toEqual(["morning 2 true", "second 2 true"]);
    expect(box.sent).toHaveLength(1);
    const text = box.sent[0]?.replies[0]?.text ?? "";
    expect(text.split("\n")[0]).toBe("⏰ 截止提醒（共 2 项）");
    expect(text).toContain("1. 事项：上午事项");
    expect(text).toContain("2. 事项：第二项");
    expect(box.sent[0]?.replies[0]?.choices?.flat().map((c) => c.data)).toEqual([
      "nudge:ack:morning:2026-09-23",
      "nudge:snooze:morning:2026-09-23:1",
      "nudge:ack:second:2026-09-23",
      "nudge:snooze:second:2026-09-23:1",
    ]);
    expect(await tick(bj("2026-09-21", "09:01"))).toEqual([]);
    expect(statuses(t.db)).toEqual(["-100 morning 2 sent", "-100 second 2 sent"]);
  });

  it("a chat with a quota gets the rest of the day in its morning digest; one without gets each at its time", async () => {
    subscribe(t.db, "-100"); // rationed (e.g. WeCom)
    subscribe(t.db, "-200"); // unlimited (e.g. Telegram)
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [MORNING, AFTERNOON], outbox: box.outbox, logger: silentLogger, proactiveQuota: (c) => (c === "-100" ? 10 : undefined) });
    const morning = await tick(bj("2026-09-21", "09:00"));
    expect(morning.map((s) => `${s.chatId} ${s.deadline}`)).toEqual(["-100 morning", "-100 afternoon", "-200 morning"]);
    expect(box.sent.map((s) => s.chatId)).toEqual(["-100", "-200"]);
    const afternoon = await tick(bj("2026-09-21", "14:30"));
    expect(afternoon.map((s) => `${s.chatId} ${s.deadline}`)).toEqual(["-200 afternoon"]);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-21")).toBe(1);
    expect(new OutboxStore(t.db).proactiveCount("-200", "2026-09-21")).toBe(0);
  });

  it("never exceeds the daily quota, across engines; a nudge over it is logged and goes out the next day at its time, marked", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const { logger, warnings } = capturingLogger();
    const opts = { db: t.db, deadlines: [MORNING], outbox: box.outbox, logger, proactiveQuota: () => 1 };
    expect(await createTick(opts)(bj("2026-09-21", "09:00"))).toHaveLength(1);
    // A deadline added in the chat after the morning digest, due for a reminder at 10:00 the same day.
    new SubscriptionStore(t.db).addChatDeadline("-100", { title: "群内事项", source: "群内添加", schedule: { date: "2026-09-24" }, remind: [3, 0], time: "10:00" }, "u1", bj("2026-09-21", "09:30").toISOString());
    const restarted = createTick(opts); // the count lives in the store, not the engine
    expect(await restarted(bj("2026-09-21", "10:00"))).toEqual([]);
    expect(await restarted(bj("2026-09-21", "10:01"))).toEqual([]);
    expect(warnings.filter((w) => w.includes("over the chat's daily proactive quota"))).toHaveLength(1);
    expect(await restarted(bj("2026-09-22", "00:00"))).toEqual([]); // waits for its time of day
    const nextDay = await restarted(bj("2026-09-22", "10:00"));
    expect(nextDay.map((s) => `${s.deadline} ${s.offset} ${s.late}`)).toEqual(["c1 3 true"]);
    expect(box.sent.at(-1)?.replies[0]?.text).toContain("顺延：原定 09-21 10:00 发送，当日提醒条数已达平台上限");
    expect(box.sent).toHaveLength(2);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-21")).toBe(1);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-22")).toBe(1);
  });

  // the quota counts deliveries: a digest that surely failed gives its count back, so its retry goes out the same day
  it.each([
    { failure: "retryable (Bot API 502)", error: () => Object.assign(new Error("Bad Gateway"), { error_code: 502 }), counted: 0, retried: true },
    { failure: "rejected (403 bot blocked)", error: () => Object.assign(new Error("Forbidden"), { error_code: 403 }), counted: 0, retried: false },
    { failure: "unknown (network error: may have been delivered)", error: () => new Error("socket hang up"), counted: 1, retried: false },
  ])("a failed send counts against the daily quota only when it may have been delivered: $failure", async (c) => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [MORNING], outbox: box.outbox, logger: silentLogger, proactiveQuota: () => 1 });
    box.failNext(1, c.error);
    expect((await tick(bj("2026-09-21", "09:00"))).map((s) => s.ok)).toEqual([false]);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-21")).toBe(c.counted);
    const retry = await tick(bj("2026-09-21", "09:01"));
    expect(retry.map((s) => `${s.kind} ${s.ok}`)).toEqual(c.retried ? ["retry true"] : []);
    expect(box.sent).toHaveLength(c.retried ? 1 : 0);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-21")).toBe(c.retried ? 1 : c.counted);
  });
});

describe("the daily quota counts platform messages", () => {
  it("a digest of two platform messages counts two; one that would go over the quota is not claimed and waits for the next day", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const { logger, warnings } = capturingLogger();
    const opts = { db: t.db, deadlines: [MORNING], outbox: box.outbox, logger, proactiveQuota: () => 3, proactiveParts: () => 2 };
    expect(await createTick(opts)(bj("2026-09-21", "09:00"))).toHaveLength(1);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-21")).toBe(2);
    new SubscriptionStore(t.db).addChatDeadline("-100", { title: "群内事项", source: "群内添加", schedule: { date: "2026-09-24" }, remind: [3, 0], time: "10:00" }, "u1", bj("2026-09-21", "09:30").toISOString());
    // 2 + 2 > 3: nothing sent, nothing claimed (the claim rolled back), logged once
    expect(await createTick(opts)(bj("2026-09-21", "10:00"))).toEqual([]);
    expect(statuses(t.db)).toEqual(["-100 morning 2 sent"]);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-21")).toBe(2);
    expect(warnings.filter((w) => w.includes("over the chat's daily proactive quota") && w.includes('"parts":2'))).toHaveLength(1);
    const nextDay = await createTick(opts)(bj("2026-09-22", "10:00"));
    expect(nextDay.map((s) => `${s.deadline} ${s.offset} ${s.late}`)).toEqual(["c1 3 true"]);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-22")).toBe(2);
  });

  it("a digest that surely failed gives back all its platform messages; a digest larger than the whole quota still goes out first thing", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const opts = { db: t.db, deadlines: [MORNING], outbox: box.outbox, logger: silentLogger, proactiveQuota: () => 2, proactiveParts: () => 3 };
    box.failNext(1, () => Object.assign(new Error("Bad Gateway"), { error_code: 502 }));
    expect((await createTick(opts)(bj("2026-09-21", "09:00"))).map((s) => s.ok)).toEqual([false]);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-21")).toBe(0);
    expect((await createTick(opts)(bj("2026-09-21", "09:01"))).map((s) => `${s.kind} ${s.ok}`)).toEqual(["retry true"]);
    expect(new OutboxStore(t.db).proactiveCount("-100", "2026-09-21")).toBe(3);
  });
});

describe("nudges interrupted mid-send", () => {
  /** Claims the 09:00 nudges, then "crashes": the outbox never answers, so their outcome is never written. */
  async function crashMidSend(): Promise<void> {
    const hang = createTick({ db: t.db, deadlines: [LEDGER], outbox: () => new Promise<void>(() => undefined), logger: silentLogger });
    void hang(bj("2026-09-24", "09:00"));
    await new Promise((r) => setTimeout(r, 20));
    t.db.close();
    t.db = t.tmp.open();
  }

  it("resends them once at start, marked, and logs them", async () => {
    subscribe(t.db, "-100");
    await crashMidSend();
    expect(statuses(t.db)).toEqual(["-100 monthly-ledger 3 sending"]);
    const box = recordingOutbox();
    const { logger, warnings } = capturingLogger();
    const engine = startNudges({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger, now: () => bj("2026-09-24", "09:05") });
    expect((await engine.ready).map((s) => `${s.chatId} ${s.kind} ${s.ok}`)).toEqual(["-100 resend true"]);
    engine.stop();
    expect(box.sent[0]?.replies[0]?.text.split("\n")[0]).toBe("⏰ 截止提醒（补发，如已收到请忽略）");
    expect(warnings.some((w) => w.includes("interrupted mid-send") && w.includes("-100 monthly-ledger@2026-10-05#3"))).toBe(true);
    expect(statuses(t.db)).toEqual(["-100 monthly-ledger 3 sent"]);
    // Exactly once more: a further restart sends nothing.
    const again = startNudges({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger, now: () => bj("2026-09-24", "09:10") });
    expect(await again.ready).toEqual([]);
    again.stop();
    expect(box.sent).toHaveLength(1);
  });

  it("only reports them with recovery \"report\"", async () => {
    subscribe(t.db, "-100");
    await crashMidSend();
    const box = recordingOutbox();
    const { logger, warnings } = capturingLogger();
    const engine = startNudges({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger, now: () => bj("2026-09-24", "09:05"), recovery: "report" });
    expect(await engine.ready).toEqual([]);
    engine.stop();
    expect(box.sent).toHaveLength(0);
    expect(warnings.some((w) => w.includes("reported, not resent") && w.includes("NUDGE_RECOVERY=report"))).toBe(true);
    expect(statuses(t.db)).toEqual(["-100 monthly-ledger 3 failed"]);
  });

  // a snooze reminder with no planned reminder folded in has no delivery row: its snooze row carries it
  describe.each([
    { recovery: "resend" as const, resent: true },
    { recovery: "report" as const, resent: false },
  ])("a snooze's own reminder interrupted mid-send (recovery $recovery)", ({ recovery, resent }) => {
    it(resent ? "is resent once at start, marked (at least once)" : "is only reported", async () => {
      subscribe(t.db, "-100");
      const box = recordingOutbox();
      await createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger })(bj("2026-09-24", "09:00"));
      // after the 3-day reminder, snoozed to Monday 28th, a day with no planned reminder
      new ReminderStore(t.db).snooze("-100", "monthly-ledger", "2026-10-05", "2026-09-28", "张三", bj("2026-09-24", "09:30").toISOString());
      const hang = createTick({ db: t.db, deadlines: [LEDGER], outbox: () => new Promise<void>(() => undefined), logger: silentLogger });
      void hang(bj("2026-09-28", "09:00"));
      await new Promise((r) => setTimeout(r, 20));
      t.db.close();
      t.db = t.tmp.open();
      const { logger, warnings } = capturingLogger();
      const engine = startNudges({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger, recovery, now: () => bj("2026-09-28", "09:05") });
      expect((await engine.ready).map((s) => `${s.kind} ${s.ok}`)).toEqual(resent ? ["snooze true"] : []);
      engine.stop();
      expect(warnings.some((w) => w.includes("snooze reminders interrupted mid-send") && w.includes("-100 monthly-ledger@2026-10-05 snoozed until 2026-09-28"))).toBe(true);
      if (resent) expect(box.sent.at(-1)?.replies[0]?.text.split("\n")[0]).toBe("⏰ 截止提醒（补发，如已收到请忽略）");
      expect(box.sent).toHaveLength(resent ? 2 : 1);
      // exactly once more: a further restart sends nothing, and the next planned reminder (29th) still comes
      const again = startNudges({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger, now: () => bj("2026-09-28", "09:10") });
      expect(await again.ready).toEqual([]);
      expect((await again.tick(bj("2026-09-29", "09:00"))).map((s) => `${s.kind} ${s.offset}`)).toEqual(["offset 1"]);
      again.stop();
    });
  });
});
