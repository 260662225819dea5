/**
 * What postponing a reminder (/snooze N, the 推迟 button) does to one occurrence. Before its first
 * reminder a snooze never brings one forward: when the first planned reminder comes after the
 * snooze's date, the plan is kept. After a reminder, a snooze is "remind me again on that day"
 * (the reminders planned before it are skipped).
 */
import { addWorkdays, lastWorkdayOnOrBefore, shanghaiInstant, shanghaiNow, type IsoDate } from "./calendar.js";
import type { Deadline } from "./deadlines.js";
import { sendsFor, type PlannedSend } from "./plan.js";

export type SnoozePlan =
  /** Today is the last working day before the due date (or later): nothing left to postpone to. */
  | { kind: "too-late"; lastWorkday: IsoDate }
  /** No reminder sent yet and the first planned one (`next`) is later than `until`: the plan stays as it is. */
  | { kind: "keep"; next: PlannedSend; until: IsoDate }
  /** Remind once on `until` (at the deadline's time) instead of the reminders planned before it. */
  | { kind: "snooze"; until: IsoDate; clamped: boolean };

/**
 * The effect of postponing the reminders of deadline `d` due on `due` by `days` working days at
 * `now`: the snooze date is clamped to the last working day before the due date.
 */
export function planSnooze(d: Deadline, due: IsoDate, days: number, now: Date): SnoozePlan {
  const lastWorkday = lastWorkdayOnOrBefore(due).date;
  if (!canPostpone(due, now)) return { kind: "too-late", lastWorkday };
  const today = shanghaiNow(now).date;
  const asked = addWorkdays(today, days).due;
  const until = asked > lastWorkday ? lastWorkday : asked;
  const sends = sendsFor(d, due);
  // before the first reminder (the next one is the first) there is nothing to postpone; after one,
  // "remind me again on X" holds
  const next = sends.findIndex((s) => shanghaiInstant(s.sendOn, s.time) > now);
  if (next === 0 && sends[0]!.sendOn > until) return { kind: "keep", next: sends[0]!, until };
  return { kind: "snooze", until, clamped: asked > lastWorkday };
}

/** Whether reminders of an occurrence due on `due` can still be postponed at `now` (before its last working day). */
export function canPostpone(due: IsoDate, now: Date): boolean {
  return shanghaiNow(now).date < lastWorkdayOnOrBefore(due).date;
}

/** Whether a reminder sent at `now` offers “推迟1个工作日”: only when that postpones something. */
export function offersSnooze(d: Deadline, due: IsoDate, now: Date): boolean {
  return planSnooze(d, due, 1, now).kind === "snooze";
}
