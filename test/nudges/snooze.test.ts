/** What postponing does to one occurrence: never brings the next reminder forward before one arrives; no 推迟 on the last working day. */
import { describe, expect, it } from "vitest";
import type { Deadline } from "../../src/nudges/deadlines.js";
import { canPostpone, planSnooze, type ReminderState } from "../../src/nudges/snooze.js";
import { nudgeDigest, nudgeReplies } from "../../src/nudges/text.js";
import { bj } from "./helpers.js";

/** Due Thursday 2026-12-31; reminders 10, 3, 1 working days before and on the day (17th, 28th, 30th, 31st). */
const REVIEW: Deadline = { id: "catalogue-review", title: "目录年度复核", source: "条例第十二条", schedule: { yearly: "12-31" }, remind: [10, 3, 1, 0], time: "09:00" };
const DUE = "2026-12-31";

const NONE: ReminderState = { received: false };
const RECEIVED: ReminderState = { received: true };
/** Reminded on the 17th, then snoozed to the 29th: its reminder is still to come. */
const WAITING: ReminderState = { received: true, snooze: { until: "2026-12-29", reminded: false } };

describe("planSnooze", () => {
  it.each([
    { name: "not reminded yet: the first reminder (17th) is later than the snooze → kept", now: ["2026-12-01", "10:00"], days: 2, state: NONE, expect: { kind: "keep", until: "2026-12-03", next: "2026-12-17" } },
    { name: "after the 10-day reminder, 1 day: remind again on the 18th", now: ["2026-12-17", "09:00"], days: 1, state: RECEIVED, expect: { kind: "snooze", until: "2026-12-18" } },
    { name: "after the 10-day reminder, 8 days: past the 28th → one reminder on the 29th instead", now: ["2026-12-17", "09:00"], days: 8, state: RECEIVED, expect: { kind: "snooze", until: "2026-12-29" } },
    { name: "after the 1-day reminder: 1 day is the due date, same as planned", now: ["2026-12-30", "09:00"], days: 1, state: RECEIVED, expect: { kind: "snooze", until: "2026-12-31" } },
    { name: "past the last working day: clamped to it", now: ["2026-12-29", "10:00"], days: 5, state: RECEIVED, expect: { kind: "snooze", until: "2026-12-31", clamped: true } },
    { name: "on the due date: too late", now: ["2026-12-31", "09:00"], days: 1, state: RECEIVED, expect: { kind: "too-late" } },
    // what reached the chat decides, not the plan: subscribed after the 17th, nothing received yet
    { name: "the 17th passed unsent (subscribed later): the next reminder (28th) is later → kept", now: ["2026-12-21", "10:00"], days: 1, state: NONE, expect: { kind: "keep", until: "2026-12-22", next: "2026-12-28" } },
    // a replacement is compared with the snooze in force
    { name: "snooze in force (29th), again 1 day: earlier than the 29th → kept", now: ["2026-12-18", "10:00"], days: 1, state: WAITING, expect: { kind: "keep", until: "2026-12-21", next: "2026-12-29", snoozed: true } },
    { name: "snooze in force (29th), again 7 days: the 29th itself → replaced (same day)", now: ["2026-12-18", "10:00"], days: 7, state: WAITING, expect: { kind: "snooze", until: "2026-12-29" } },
    { name: "snooze in force (29th), again 10 days: later → replaced, clamped", now: ["2026-12-18", "10:00"], days: 10, state: WAITING, expect: { kind: "snooze", until: "2026-12-31", clamped: true } },
    { name: "snooze in force before any reminder (18th), again 1 day (17th) → kept", now: ["2026-12-16", "10:00"], days: 1, state: { received: false, snooze: { until: "2026-12-18", reminded: false } }, expect: { kind: "keep", until: "2026-12-17", next: "2026-12-18", snoozed: true } },
    { name: "after the snooze's own reminder (29th), 1 day: remind again on the 30th", now: ["2026-12-29", "10:00"], days: 1, state: { received: false, snooze: { until: "2026-12-29", reminded: true } }, expect: { kind: "snooze", until: "2026-12-30" } },
  ])("$name", (c) => {
    const plan = planSnooze(REVIEW, DUE, c.days, bj(c.now[0] as string, c.now[1]), c.state);
    expect(plan.kind).toBe(c.expect.kind);
    if (plan.kind === "keep") expect([plan.until, plan.next.sendOn, plan.snoozed]).toEqual([c.expect.until, c.expect.next, c.expect.snoozed ?? false]);
    if (plan.kind === "snooze") expect([plan.until, plan.clamped]).toEqual([c.expect.until, c.expect.clamped ?? false]);
  });

  it("a deadline with no reminder left before its due date can still be snoozed to a later day", () => {
    const once = { ...REVIEW, remind: [5] };
    expect(planSnooze(once, DUE, 2, bj("2026-12-24", "10:00"), NONE)).toMatchObject({ kind: "snooze", until: "2026-12-28" });
  });
});

describe("the 推迟 button under a reminder", () => {
  const labels = (now: Date) => nudgeReplies({ deadline: REVIEW, due: DUE, now })[0]?.choices?.flat().map((c) => c.label);
  it("is offered under a reminder while a working day remains before the due date, never on the due date", () => {
    expect(labels(bj("2026-12-30", "09:00"))).toEqual(["✅ 已完成", "⏰ 推迟1个工作日"]);
    expect(labels(bj("2026-12-17", "09:00"))).toEqual(["✅ 已完成", "⏰ 推迟1个工作日"]);
    expect(labels(bj("2026-12-31", "09:00"))).toEqual(["✅ 已完成"]);
    expect(canPostpone(DUE, bj("2026-12-31", "09:00"))).toBe(false);
  });

  it("on the last working day neither the reminder nor a digest mentions /snooze", () => {
    const now = bj("2026-12-31", "09:00");
    expect(nudgeReplies({ deadline: REVIEW, due: DUE, now })[0]?.text).not.toContain("/snooze");
    const digest = nudgeDigest([{ deadline: REVIEW, due: DUE, now }, { deadline: { ...REVIEW, id: "other", title: "其他" }, due: DUE, now }]);
    expect(digest[0]?.text).not.toContain("/snooze");
    expect(digest[0]?.choices?.flat().map((c) => c.label)).toEqual(["✅ 1 已完成", "✅ 2 已完成"]);
  });
});
