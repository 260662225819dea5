import { describe, expect, it } from "vitest";
import { classifyDeliveryError, createTick, startNudges } from "../../src/nudges/scheduler.js";
import { ReminderStore } from "../../src/nudges/reminder-store.js";
import { SubscriptionStore } from "../../src/nudges/subscription-store.js";
import type { Db } from "../../src/store/db.js";
import { apiError, bj, LEDGER, QUARTERLY, recordingOutbox, silentLogger, useTempDb } from "./helpers.js";

const t = useTempDb();

function subscribe(d: Db, chatId: string, at = bj("2026-09-01")): void {
  new SubscriptionStore(d).subscribe(chatId, "管理员", at.toISOString(), `单位${chatId}`);
}

function statuses(d: Db): string[] {
  return (d.prepare("SELECT deadline_id, due, remind_offset, chat_id, status, late FROM nudge_deliveries ORDER BY due, remind_offset DESC, chat_id").all() as Record<string, unknown>[]).map(
    (r) => `${r.deadline_id} ${r.due} ${r.remind_offset} ${r.chat_id} ${r.status}${r.late ? " late" : ""}`,
  );
}

/** Chat -100 subscribed to the monthly ledger, and on 09-24 snoozed until 09-28 (a day with no planned reminder). */
async function snoozedUntil928(maxAttempts?: number) {
  subscribe(t.db, "-100");
  const store = new ReminderStore(t.db);
  const box = recordingOutbox();
  const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger, ...(maxAttempts ? { maxAttempts } : {}) });
  await tick(bj("2026-09-24", "09:00"));
  store.snooze("-100", "monthly-ledger", "2026-10-05", "2026-09-28", "张三", bj("2026-09-24", "09:30").toISOString());
  return { store, box, tick };
}

describe("scheduler tick", () => {
  it("sends each reminder on time, once, with the Chinese nudge text", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
    expect(await tick(bj("2026-09-24", "08:59"))).toEqual([]);
    const first = await tick(bj("2026-09-24", "09:00"));
    expect(first).toMatchObject([{ chatId: "-100", deadline: "monthly-ledger", due: "2026-10-05", offset: 3, late: false, ok: true }]);
    expect(await tick(bj("2026-09-24", "09:01"))).toEqual([]);
    expect(await tick(bj("2026-09-25", "09:00"))).toEqual([]); // 中秋: nothing scheduled
    expect(box.sent).toHaveLength(1);
    const text = box.sent[0]?.replies[0]?.text ?? "";
    expect(text).toContain("基层政务公开事项标准目录编制工作台账");
    expect(text).toContain("截止日期：2026年10月5日（周一），还有 3 个工作日");
    expect(text).toContain("依据：粤府办通知");
    expect(text).toContain("适逢国庆节假期，请在2026年9月30日（周三）前办结");
    expect(text).toContain("请填报2026年10月工作台账");
    expect(text).not.toContain("迟发");
    expect(box.sent[0]?.replies[0]?.choices?.flat().map((c) => c.data)).toEqual([
      "nudge:ack:monthly-ledger:2026-10-05",
      "nudge:snooze:monthly-ledger:2026-10-05:1",
      "nudge:ledger:2026-10",
    ]);
  });

  it("after a restart: no duplicate, the missed reminders caught up once (marked late), nothing for past dues", async () => {
    const oneOff = { ...QUARTERLY, id: "one-off", title: "一次性事项", schedule: { date: "2026-09-28" }, remind: [0] };
    subscribe(t.db, "-100");
    subscribe(t.db, "-200");
    let box = recordingOutbox();
    let engine = startNudges({ db: t.db, deadlines: [LEDGER, oneOff], outbox: box.outbox, logger: silentLogger, now: () => bj("2026-09-24", "09:00") });
    expect((await engine.ready).map((s) => `${s.chatId} ${s.deadline} ${s.offset}`)).toEqual(["-100 monthly-ledger 3", "-200 monthly-ledger 3"]);
    engine.stop();
    t.db.close();

    // Restart the same minute: the delivery log prevents a second send.
    t.db = t.tmp.open();
    box = recordingOutbox();
    engine = startNudges({ db: t.db, deadlines: [LEDGER, oneOff], outbox: box.outbox, logger: silentLogger, now: () => bj("2026-09-24", "09:03") });
    expect(await engine.ready).toEqual([]);
    engine.stop();
    t.db.close();

    // Down from 09-24 to 09-30 10:00: the ledger's offsets 1 (09-29) and 0 (09-30) were missed and its
    // due date (10-05) has not passed → one late nudge per chat; the one-off (due 09-28) has passed → nothing.
    t.db = t.tmp.open();
    box = recordingOutbox();
    engine = startNudges({ db: t.db, deadlines: [LEDGER, oneOff], outbox: box.outbox, logger: silentLogger, now: () => bj("2026-09-30", "10:00") });
    const caughtUp = await engine.ready;
    expect(caughtUp.map((s) => `${s.chatId} ${s.deadline} ${s.offset} ${s.late}`)).toEqual(["-100 monthly-ledger 0 true", "-200 monthly-ledger 0 true"]);
    expect(box.sent[0]?.replies[0]?.text).toContain("迟发：原定 09-30 09:00 发送");
    expect(box.sent[0]?.replies[0]?.text).toContain("今天是截止前最后一个工作日");
    expect(await engine.tick(bj("2026-09-30", "10:01"))).toEqual([]);
    engine.stop();
    t.db.close();

    // Another restart: the catch-up is not repeated.
    t.db = t.tmp.open();
    box = recordingOutbox();
    engine = startNudges({ db: t.db, deadlines: [LEDGER, oneOff], outbox: box.outbox, logger: silentLogger, now: () => bj("2026-10-02", "09:00") });
    expect(await engine.ready).toEqual([]);
    engine.stop();
    expect(box.sent).toEqual([]);
    expect(statuses(t.db)).toEqual([
      "monthly-ledger 2026-10-05 3 -100 sent",
      "monthly-ledger 2026-10-05 3 -200 sent",
      "monthly-ledger 2026-10-05 1 -100 skipped",
      "monthly-ledger 2026-10-05 1 -200 skipped",
      "monthly-ledger 2026-10-05 0 -100 sent late",
      "monthly-ledger 2026-10-05 0 -200 sent late",
    ]);
  });

  it("catches up after W0 while the due date (a holiday) has not passed", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
    const sent = await tick(bj("2026-10-05", "12:00"));
    expect(sent.map((s) => [s.due, s.offset, s.late])).toEqual([["2026-10-05", 0, true]]);
    expect(box.sent[0]?.replies[0]?.text).toContain("今天截止");
    expect(await tick(bj("2026-10-06", "09:00"))).toEqual([]); // the due date has passed
  });

  it("sends nothing for a due date already past, even if never sent", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER, QUARTERLY], outbox: box.outbox, logger: silentLogger });
    expect(await tick(bj("2026-10-06", "09:00"))).toEqual([]);
    expect(box.sent).toEqual([]);
  });

  it("does not send a new subscriber the reminders scheduled before it subscribed", async () => {
    subscribe(t.db, "-100", bj("2026-09-24", "10:00"));
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
    expect(await tick(bj("2026-09-24", "10:01"))).toEqual([]);
    expect((await tick(bj("2026-09-29", "09:00"))).map((s) => s.offset)).toEqual([1]);
  });

  it("stops after /ack and resumes with the next occurrence", async () => {
    subscribe(t.db, "-100");
    const store = new ReminderStore(t.db);
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
    await tick(bj("2026-09-24", "09:00"));
    store.ack("-100", "monthly-ledger", "2026-10-05", "张三", bj("2026-09-24", "10:00").toISOString());
    expect(await tick(bj("2026-09-29", "09:00"))).toEqual([]);
    expect(await tick(bj("2026-09-30", "09:00"))).toEqual([]);
    expect((await tick(bj("2026-11-02", "09:00"))).map((s) => [s.due, s.offset])).toEqual([["2026-11-05", 3]]);
  });

  it("snoozes: quiet until the snooze ends, then one reminder folding the skipped offsets", async () => {
    subscribe(t.db, "-100");
    const store = new ReminderStore(t.db);
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
    await tick(bj("2026-09-24", "09:00"));
    store.snooze("-100", "monthly-ledger", "2026-10-05", "2026-09-30", "张三", bj("2026-09-24", "09:30").toISOString());
    expect(await tick(bj("2026-09-29", "09:00"))).toEqual([]); // offset 1 suppressed
    expect(await tick(bj("2026-09-30", "08:59"))).toEqual([]);
    const resumed = await tick(bj("2026-09-30", "09:00"));
    expect(resumed.map((s) => [s.kind, s.offset, s.late])).toEqual([["snooze", 0, false]]);
    expect(box.sent.at(-1)?.replies[0]?.text).toContain("推迟后再次提醒");
    expect(await tick(bj("2026-09-30", "09:05"))).toEqual([]);
    expect(box.sent).toHaveLength(2);
    expect(statuses(t.db)).toEqual([
      "monthly-ledger 2026-10-05 3 -100 sent",
      "monthly-ledger 2026-10-05 1 -100 skipped",
      "monthly-ledger 2026-10-05 0 -100 sent",
    ]);
  });

  it("gives a short snooze its own reminder even when no offset falls on that day", async () => {
    const { tick } = await snoozedUntil928();
    expect((await tick(bj("2026-09-28", "09:00"))).map((s) => s.kind)).toEqual(["snooze"]);
    expect((await tick(bj("2026-09-29", "09:00"))).map((s) => [s.kind, s.offset])).toEqual([["offset", 1]]);
  });

  it("retries a snooze-end reminder the platform refused with 429/5xx, like the planned reminders", async () => {
    // a snooze ending on a day with no planned reminder: its reminder has no delivery row of its own
    const { store, box, tick } = await snoozedUntil928(2);
    box.failNext(1, () => apiError(429, "Too Many Requests: retry after 1"));
    expect((await tick(bj("2026-09-28", "09:00"))).map((s) => [s.kind, s.ok, s.failure])).toEqual([["snooze", false, "retryable"]]);
    expect(store.snoozeOf("-100", "monthly-ledger", "2026-10-05")?.state).toBe("retry");
    const retried = await tick(bj("2026-09-28", "09:01"));
    expect(retried.map((s) => [s.kind, s.ok, s.late])).toEqual([["snooze", true, false]]);
    expect(box.sent.at(-1)?.replies[0]?.text).toContain("推迟后再次提醒");
    expect(await tick(bj("2026-09-28", "09:02"))).toEqual([]);
    expect(box.sent).toHaveLength(2);

  });

  it("gives up a snooze-end reminder refused again and again after maxAttempts sends", async () => {
    const { store, box, tick } = await snoozedUntil928(2);
    box.failNext(5, () => apiError(502, "Bad Gateway"));
    expect((await tick(bj("2026-09-28", "09:00"))).map((s) => [s.kind, s.ok])).toEqual([["snooze", false]]);
    expect((await tick(bj("2026-09-28", "09:01"))).map((s) => [s.kind, s.ok])).toEqual([["snooze", false]]);
    expect(await tick(bj("2026-09-28", "09:02"))).toEqual([]);
    expect(store.snoozeOf("-100", "monthly-ledger", "2026-10-05")?.state).toBe("done");
    // a new /snooze starts its own attempts
    store.snooze("-100", "monthly-ledger", "2026-10-05", "2026-09-29", "张三", bj("2026-09-28", "10:00").toISOString());
    expect((await tick(bj("2026-09-29", "09:00"))).map((s) => [s.kind, s.ok])).toEqual([["snooze", false]]);
  });

  it("does not retry a snooze-end reminder whose outcome is unknown", async () => {
    const { box, tick } = await snoozedUntil928();
    box.failNext(1);
    expect((await tick(bj("2026-09-28", "09:00"))).map((s) => s.failure)).toEqual(["unknown"]);
    expect(await tick(bj("2026-09-28", "09:01"))).toEqual([]);
    expect(box.sent).toHaveLength(1);
  });

  it("honours unsubscribe and per-deadline mutes, and chat-added deadlines reach only their chat", async () => {
    subscribe(t.db, "-100");
    subscribe(t.db, "-200");
    subscribe(t.db, "-300");
    const store = new SubscriptionStore(t.db);
    store.setMuted("-200", "monthly-ledger", true);
    store.unsubscribe("-300", new Date().toISOString());
    const own = store.addChatDeadline("-200", { title: "本群事项", source: "群内添加", schedule: { date: "2026-09-30" }, remind: [4], time: "09:00" }, "管理员", new Date().toISOString());
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
    const sent = await tick(bj("2026-09-24", "09:00"));
    expect(sent.map((s) => `${s.chatId} ${s.deadline}`).sort()).toEqual([`-100 monthly-ledger`, `-200 ${own.id}`]);
  });

  it("retries a delivery the Bot API refused with 429/5xx on the next tick, and never re-sends a delivered one", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger, maxAttempts: 2 });
    box.failNext(1, () => apiError(429, "Too Many Requests: retry after 1"));
    expect((await tick(bj("2026-09-24", "09:00"))).map((s) => [s.ok, s.failure])).toEqual([[false, "retryable"]]);
    expect(statuses(t.db)).toEqual(["monthly-ledger 2026-10-05 3 -100 failed"]);
    expect((await tick(bj("2026-09-24", "09:01"))).map((s) => [s.kind, s.ok])).toEqual([["retry", true]]);
    expect(await tick(bj("2026-09-24", "09:02"))).toEqual([]);
    expect(box.sent).toHaveLength(1);
    box.failNext(5, () => apiError(502, "Bad Gateway"));
    await tick(bj("2026-09-29", "09:00"));
    await tick(bj("2026-09-29", "09:01"));
    expect(await tick(bj("2026-09-29", "09:02"))).toEqual([]); // gave up after maxAttempts
  });

  it("never retries a delivery whose outcome is unknown (network error, timeout): at most once", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger, maxAttempts: 3 });
    box.failNext(1); // a plain network error: Telegram may have accepted the message
    expect((await tick(bj("2026-09-24", "09:00"))).map((s) => [s.ok, s.failure])).toEqual([[false, "unknown"]]);
    expect(await tick(bj("2026-09-24", "09:01"))).toEqual([]);
    expect(await tick(bj("2026-09-24", "10:00"))).toEqual([]);
    expect(box.sent).toHaveLength(0);
    const row = t.db.prepare("SELECT status, error FROM nudge_deliveries").get() as { status: string; error: string };
    expect(row).toEqual({ status: "failed", error: "unknown: 网络错误（测试）" });
  });

  it("does not retry a delivery the Bot API rejected for good (4xx other than 429)", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
    box.failNext(1, () => apiError(403, "Forbidden: bot was kicked from the group chat"));
    expect((await tick(bj("2026-09-24", "09:00"))).map((s) => [s.ok, s.failure])).toEqual([[false, "rejected"]]);
    expect(await tick(bj("2026-09-24", "09:01"))).toEqual([]);
    expect(box.sent).toHaveLength(0);
  });

  it("classifies outbox errors by a duck-typed Bot API error_code", () => {
    const table: [unknown, string][] = [
      [apiError(429), "retryable"],
      [apiError(500), "retryable"],
      [apiError(503), "retryable"],
      [apiError(400), "rejected"],
      [apiError(403), "rejected"],
      [new Error("ETIMEDOUT"), "unknown"],
      [Object.assign(new Error("x"), { error_code: "429" }), "unknown"],
      ["boom", "unknown"],
      [null, "unknown"],
    ];
    for (const [err, kind] of table) expect(classifyDeliveryError(err), String(err)).toBe(kind);
  });

  it("claims in the database: two engines on one file send each nudge once", async () => {
    subscribe(t.db, "-100");
    subscribe(t.db, "-200");
    const other = t.tmp.open();
    try {
      const box = recordingOutbox();
      const a = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
      const b = createTick({ db: other, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
      const now = bj("2026-09-24", "09:00");
      const [ra, rb] = await Promise.all([a(now), b(now)]);
      expect(ra.length + rb.length).toBe(2);
      expect(box.sent.map((s) => s.chatId).sort()).toEqual(["-100", "-200"]);
    } finally {
      other.close();
    }
  });

  it("notes dates past the calendar data", async () => {
    subscribe(t.db, "-100");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines: [LEDGER], outbox: box.outbox, logger: silentLogger });
    await tick(bj("2026-12-31", "09:00")); // offset 3 of the 2027-01-05 due date
    expect(box.sent[0]?.replies[0]?.text).toContain("节假日安排尚未公布，按周一至周五推算");
  });
});
