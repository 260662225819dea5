import { addDays, shanghaiInstant, shanghaiNow, type IsoDate } from "./calendar.js";
import type { Deadline } from "./deadlines.js";
import { lookahead, occurrences, sendsFor, type PlannedSend } from "./plan.js";
import { appliesTo, subscriptionLevel, type UnitLevel } from "./unit-level.js";
import { deliveryKey, occurrenceKey, type Delivery, type ReminderStore, type Snooze } from "./reminder-store.js";
import type { Subscription, SubscriptionStore } from "./subscription-store.js";

/**
 * What one nudge of a tick is: a scheduled reminder, another attempt, the reminder ending a
 * /snooze, or a reminder interrupted mid-send by a crash, sent again marked.
 */
export type JobKind = "offset" | "retry" | "snooze" | "resend";

/** One nudge to deliver to one chat (a digest may carry several). */
export interface Job {
  kind: JobKind;
  sub: Subscription;
  deadline: Deadline;
  due: IsoDate;
  /** The reminder sent (absent for a snooze reminder with nothing pending). */
  send?: PlannedSend;
  /** Scheduled instant of the message. */
  at: Date;
  late: boolean;
  /** Earlier pending reminders folded into this message (logged as skipped). */
  superseded: PlannedSend[];
  snoozeUntil?: IsoDate;
  /** A snooze reminder interrupted mid-send by a crash, sent again marked. */
  resent?: boolean;
}

/** The deadlines that apply to one chat: shipped ones of its level not muted there, and its own. */
export function deadlinesForChat(
  chatId: string,
  fileDeadlines: readonly Deadline[],
  chatDeadlines: readonly { chatId: string; deadline: Deadline }[],
  muted: ReadonlySet<string> | undefined,
  level?: UnitLevel,
): Deadline[] {
  const own = chatDeadlines.filter((c) => c.chatId === chatId).map((c) => c.deadline);
  return [...fileDeadlines, ...own].filter((d) => !muted?.has(d.id) && appliesTo(d, level));
}

/** Chats collected between two yields to the event loop. */
const YIELD_EVERY = 1000;

/** Lets other events (chat messages, timers) run between batches of a large tick. */
export const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** What collecting needs besides the stores. */
export interface CollectOptions {
  deadlines: readonly Deadline[];
  graceMs: number;
  maxAttempts: number;
  /**
   * Chats whose messages are rationed (a proactive quota per day): when such a chat has
   * something due now, its reminders planned for later today come along in the same digest.
   */
  rationed: (chatId: string) => boolean;
}

/**
 * The nudges due at `now` for every subscribed chat, grouped by chat (in subscription order).
 * Reads each table once: the per-chat work is lookups in maps built here, so a tick grows
 * linearly with the number of chats. Yields to the event loop every YIELD_EVERY chats; what
 * it read may change meanwhile, which is safe because every send is claimed (and re-checked)
 * in the stores.
 */
export async function collectJobs(subStore: SubscriptionStore, store: ReminderStore, opts: CollectOptions, now: Date): Promise<Map<string, Job[]>> {
  const today = shanghaiNow(now).date;
  const byChat = new Map<string, Job[]>();
  const subs = subStore.subscriptions();
  if (subs.length === 0) return byChat;
  const startOfDay = shanghaiInstant(today, "00:00");
  const endOfDay = shanghaiInstant(addDays(today, 1), "00:00");
  const mutes = subStore.mutes();
  const chatDeadlines = subStore.chatDeadlines();
  const ownDeadlines = new Map<string, typeof chatDeadlines>();
  for (const c of chatDeadlines) ownDeadlines.set(c.chatId, [...(ownDeadlines.get(c.chatId) ?? []), c]);
  const acks = store.acks(today);
  const snoozes = store.snoozes(today);
  const log = new Map<string, Delivery>(store.deliveries(today).map((d) => [deliveryKey(d.deadlineId, d.due, d.offset, d.chatId), d]));
  const cache = new Map<string, Map<IsoDate, PlannedSend[]>>();
  // Each planned send's instant, computed once per tick (the per-chat loop only looks it up).
  const instants = new Map<PlannedSend, Date>();
  const instant = (s: PlannedSend): Date => {
    let at = instants.get(s);
    if (!at) instants.set(s, (at = shanghaiInstant(s.sendOn, s.time)));
    return at;
  };

  /** Occurrences (due ≥ today) of a deadline with their reminders planned up to the end of today. */
  function dueReminders(d: Deadline): Map<IsoDate, PlannedSend[]> {
    let byDue = cache.get(d.id);
    if (byDue) return byDue;
    byDue = new Map();
    const horizon = addDays(today, lookahead(Math.max(0, ...d.remind)));
    for (const due of occurrences(d.schedule, today, horizon)) {
      const sends = sendsFor(d, due).filter((s) => instant(s) < endOfDay);
      if (sends.length) byDue.set(due, sends);
    }
    cache.set(d.id, byDue);
    return byDue;
  }

  for (const [i, sub] of subs.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) await yieldToEventLoop();
    const since = Date.parse(sub.subscribedAt);
    const rationed = opts.rationed(sub.chatId);
    const jobs: Job[] = [];
    const later: Job[] = [];
    for (const d of deadlinesForChat(sub.chatId, opts.deadlines, ownDeadlines.get(sub.chatId) ?? [], mutes.get(sub.chatId), subscriptionLevel(sub))) {
      for (const [due, planned] of dueReminders(d)) {
        const okey = occurrenceKey(sub.chatId, d.id, due);
        if (acks.has(okey)) continue;
        const dueNow = planned.filter((s) => instant(s) <= now);
        const job = occurrenceJob(sub, d, due, dueNow, since, snoozes.get(okey));
        // A rationed chat's reminder carried over from an earlier day (over quota) waits for its time of day.
        if (job && rationed && job.kind === "offset" && job.at < startOfDay && now < shanghaiInstant(today, d.time)) continue;
        if (job) jobs.push(job);
        else if (rationed && dueNow.length === planned.length - 1 && !snoozes.has(okey)) {
          // Planned for later today: goes out early with this chat's digest, if it gets one.
          const next = occurrenceJob(sub, d, due, planned, since, undefined);
          if (next?.kind === "offset") later.push({ ...next, late: false });
        }
      }
    }
    if (jobs.length) byChat.set(sub.chatId, [...jobs, ...later]);
  }
  return byChat;

  function occurrenceJob(
    sub: Subscription,
    d: Deadline,
    due: IsoDate,
    sends: PlannedSend[],
    since: number,
    snooze: Snooze | undefined,
  ): Job | undefined {
    const resumeAt = snooze ? shanghaiInstant(snooze.until, d.time) : undefined;
    if (resumeAt && now < resumeAt) return undefined;
    const relevant = sends.filter((s) => instant(s).getTime() >= since);
    const pending = relevant.filter((s) => !log.has(deliveryKey(d.id, due, s.offset, sub.chatId)));
    const base = { sub, deadline: d, due };
    if (snooze && resumeAt && (snooze.state === "waiting" || snooze.state === "resend" || snooze.state === "retry") && relevant.some((s) => instant(s) < resumeAt)) {
      const resent = snooze.state === "resend";
      // a retry (the first send was refused, surely not delivered) is not marked late for the minutes retrying took
      const late = !resent && snooze.state !== "retry" && now.getTime() - resumeAt.getTime() > opts.graceMs;
      return { ...base, kind: "snooze", send: pending.at(-1), at: resumeAt, late, superseded: pending, snoozeUntil: snooze.until, resent };
    }
    // The reminder with the smallest offset is the most recent one; earlier ones are superseded.
    const chosen = pending.at(-1);
    if (chosen) {
      const at = instant(chosen);
      return { ...base, kind: "offset", send: chosen, at, late: now.getTime() - at.getTime() > opts.graceMs, superseded: pending.slice(0, -1) };
    }
    const resend = relevant.filter((s) => log.get(deliveryKey(d.id, due, s.offset, sub.chatId))?.resend).at(-1);
    if (resend) return { ...base, kind: "resend", send: resend, at: instant(resend), late: false, superseded: [] };
    const failed = relevant
      .map((s) => ({ s, row: log.get(deliveryKey(d.id, due, s.offset, sub.chatId)) }))
      .filter((x) => x.row?.status === "failed" && x.row.retryable === true && x.row.attempts < opts.maxAttempts)
      .at(-1);
    if (failed) return { ...base, kind: "retry", send: failed.s, at: instant(failed.s), late: failed.row?.late ?? false, superseded: [] };
    return undefined;
  }
}
