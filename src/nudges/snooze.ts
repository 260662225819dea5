/**
 * What postponing a reminder (/snooze N, the 推迟 button) does to one occurrence in one chat.
 * After a reminder has reached the chat, a snooze is "remind me again on that day" (the
 * reminders planned before it are skipped). Before any has, a snooze never brings the next
 * reminder forward: that is the first planned one, or the reminder of a snooze already in force
 * (nothing reaches the chat while it waits), which a new snooze may only move later. Whether a
 * reminder reached the chat is read from the delivery log, not inferred from the plan.
 */
import { addWorkdays, lastWorkdayOnOrBefore, shanghaiInstant, shanghaiNow, type IsoDate } from "./calendar.js";
import type { Deadline } from "./deadlines.js";
import { sendsFor } from "./plan.js";

/** What the chat has had of an occurrence's reminders (from the delivery log and the snooze table). */
export interface ReminderState {
  /** A planned reminder of this occurrence was delivered to the chat. */
  received: boolean;
  /** The snooze set for this occurrence, if any; `reminded` once its reminder went out. */
  snooze?: { until: IsoDate; reminded: boolean };
}

export type SnoozePlan =
  /** Today is the last working day before the due date (or later): nothing left to postpone to. */
  | { kind: "too-late"; lastWorkday: IsoDate }
  /**
   * No reminder reached the chat since the last snooze (or ever) and the next one, on `next`
   * (a snooze's when `snoozed`), is later than `until`: it stays as it is.
   */
  | { kind: "keep"; next: { sendOn: IsoDate; time: string }; snoozed: boolean; until: IsoDate }
  /** Remind once on `until` (at the deadline's time) instead of the reminders planned before it. */
  | { kind: "snooze"; until: IsoDate; clamped: boolean };

/**
 * The effect of postponing the reminders of deadline `d` due on `due` by `days` working days at
 * `now`, given what the chat has had (`state`): the snooze date is clamped to the last working
 * day before the due date.
 */
export function planSnooze(d: Deadline, due: IsoDate, days: number, now: Date, state: ReminderState): SnoozePlan {
  const lastWorkday = lastWorkdayOnOrBefore(due).date;
  if (!canPostpone(due, now)) return { kind: "too-late", lastWorkday };
  const asked = addWorkdays(shanghaiNow(now).date, days).due;
  const until = asked > lastWorkday ? lastWorkday : asked;
  const snooze = { kind: "snooze", until, clamped: asked > lastWorkday } as const;
  const waiting = state.snooze && !state.snooze.reminded ? state.snooze : undefined;
  if (waiting) return waiting.until > until ? { kind: "keep", next: { sendOn: waiting.until, time: d.time }, snoozed: true, until } : snooze;
  if (state.received || state.snooze?.reminded) return snooze;
  const next = sendsFor(d, due).find((s) => shanghaiInstant(s.sendOn, s.time) > now);
  return next && next.sendOn > until ? { kind: "keep", next, snoozed: false, until } : snooze;
}

/**
 * Whether reminders of an occurrence due on `due` can still be postponed at `now` (before its
 * last working day); a reminder offers “推迟1个工作日” exactly then, as it has just reached the chat.
 */
export function canPostpone(due: IsoDate, now: Date): boolean {
  return shanghaiNow(now).date < lastWorkdayOnOrBefore(due).date;
}
