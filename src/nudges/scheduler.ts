import { Cron } from "croner";
import type { Outbox } from "../core/types.js";
import type { Logger } from "../log.js";
import type { Db } from "../store/db.js";
import { addDays, shanghaiInstant, shanghaiNow, type IsoDate } from "./calendar.js";
import type { Deadline } from "./deadlines.js";
import { lookahead, occurrences, sendsFor, type PlannedSend } from "./plan.js";
import { deliveryKey, NudgeStore, occurrenceKey, type Delivery, type DeliveryFailure, type Subscription } from "./store.js";
import { LedgerStore } from "./ledger-store.js";
import { nudgeReplies } from "./text.js";

/** Id of the deadline whose nudges ask for the monthly ledger (工作台账). */
export const LEDGER_DEADLINE_ID = "monthly-ledger";

/** What the nudge engine needs. */
export interface NudgeOptions {
  db: Db;
  /** Deadlines from knowledge/deadlines.yaml (chat-added ones are read from the database). */
  deadlines: readonly Deadline[];
  outbox: Outbox;
  logger: Logger;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Deadline whose nudges ask for the monthly ledger (default "monthly-ledger"). */
  ledgerDeadlineId?: string;
  /** A nudge sent more than this many minutes after its time is marked late (default 10). */
  graceMinutes?: number;
  /** Attempts per delivery when the outbox fails (default 3). */
  maxAttempts?: number;
}

/** One nudge delivered (or attempted) by a tick. */
export interface TickSend {
  chatId: string;
  deadline: string;
  due: IsoDate;
  /** "offset": a scheduled reminder; "retry": again after a failed attempt; "snooze": the reminder ending a /snooze. */
  kind: "offset" | "retry" | "snooze";
  /** The reminder offset sent (for "snooze", the latest one folded into it, if any). */
  offset?: number;
  late: boolean;
  ok: boolean;
  /** Why it failed (absent when ok); only "retryable" failures are attempted again. */
  failure?: DeliveryFailure;
}

/**
 * Classifies an outbox error without knowing the channel: an error carrying a numeric
 * `error_code` (as the Telegram Bot API's, e.g. grammY's GrammyError) was answered by the
 * server, so the message surely was not delivered: 429 and 5xx may be retried, other codes are
 * refused for good. Anything else (network error, timeout) may have been delivered after all,
 * so it is "unknown" and never retried, to keep "at most once".
 */
export function classifyDeliveryError(err: unknown): DeliveryFailure {
  const code = typeof err === "object" && err !== null ? (err as { error_code?: unknown }).error_code : undefined;
  if (typeof code !== "number" || !Number.isInteger(code)) return "unknown";
  return code === 429 || (code >= 500 && code < 600) ? "retryable" : "rejected";
}

/** The deadlines that apply to one chat: shipped ones not muted there, and its own. */
export function deadlinesForChat(
  chatId: string,
  fileDeadlines: readonly Deadline[],
  chatDeadlines: readonly { chatId: string; deadline: Deadline }[],
  muted: ReadonlySet<string> | undefined,
): Deadline[] {
  const own = chatDeadlines.filter((c) => c.chatId === chatId).map((c) => c.deadline);
  return [...fileDeadlines, ...own].filter((d) => !muted?.has(d.id));
}

interface Job {
  kind: TickSend["kind"];
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
}

/**
 * Builds the tick function: computes the nudges due at `now` for every subscribed chat and
 * delivers them through the outbox. Each (deadline, due, offset, chat) is claimed in the
 * delivery log, in the same transaction as the decision to send, before it is sent, so it is
 * sent at most once even across restarts. Nudges missed while the bot was down are sent once,
 * marked late, if their due date has not passed; several missed offsets of one occurrence
 * give one message. Nothing is sent for a due date already past or an acknowledged
 * occurrence; a snoozed occurrence gets one reminder when the snooze ends.
 */
export function createTick(opts: NudgeOptions): (now: Date) => Promise<TickSend[]> {
  const store = new NudgeStore(opts.db);
  const ledgers = new LedgerStore(opts.db);
  const graceMs = (opts.graceMinutes ?? 10) * 60_000;
  const maxAttempts = opts.maxAttempts ?? 3;
  const ledgerId = opts.ledgerDeadlineId ?? LEDGER_DEADLINE_ID;

  /** Occurrences (due ≥ today) of a deadline with their reminders already due at `now`. */
  function dueReminders(d: Deadline, today: IsoDate, now: Date, cache: Map<string, Map<IsoDate, PlannedSend[]>>) {
    let byDue = cache.get(d.id);
    if (byDue) return byDue;
    byDue = new Map();
    const horizon = addDays(today, lookahead(Math.max(0, ...d.remind)));
    for (const due of occurrences(d.schedule, today, horizon)) {
      const sends = sendsFor(d, due).filter((s) => shanghaiInstant(s.sendOn, s.time) <= now);
      if (sends.length) byDue.set(due, sends);
    }
    cache.set(d.id, byDue);
    return byDue;
  }

  function collect(now: Date): Job[] {
    const today = shanghaiNow(now).date;
    const subs = store.subscriptions();
    if (subs.length === 0) return [];
    const mutes = store.mutes();
    const chatDeadlines = store.chatDeadlines();
    const acks = store.acks(today);
    const snoozes = store.snoozes(today);
    const log = new Map<string, Delivery>(store.deliveries(today).map((d) => [deliveryKey(d.deadlineId, d.due, d.offset, d.chatId), d]));
    const cache = new Map<string, Map<IsoDate, PlannedSend[]>>();
    const jobs: Job[] = [];
    const instant = (s: PlannedSend) => shanghaiInstant(s.sendOn, s.time);
    for (const sub of subs) {
      const since = Date.parse(sub.subscribedAt);
      for (const d of deadlinesForChat(sub.chatId, opts.deadlines, chatDeadlines, mutes.get(sub.chatId))) {
        for (const [due, sends] of dueReminders(d, today, now, cache)) {
          const okey = occurrenceKey(sub.chatId, d.id, due);
          if (acks.has(okey)) continue;
          const snooze = snoozes.get(okey);
          const resumeAt = snooze ? shanghaiInstant(snooze.until, d.time) : undefined;
          if (resumeAt && now < resumeAt) continue;
          const relevant = sends.filter((s) => instant(s).getTime() >= since);
          const pending = relevant.filter((s) => !log.has(deliveryKey(d.id, due, s.offset, sub.chatId)));
          const base = { sub, deadline: d, due };
          if (snooze && resumeAt && !snooze.reminded && relevant.some((s) => instant(s) < resumeAt)) {
            const late = now.getTime() - resumeAt.getTime() > graceMs;
            jobs.push({ ...base, kind: "snooze", send: pending.at(-1), at: resumeAt, late, superseded: pending, snoozeUntil: snooze.until });
            continue;
          }
          // The reminder with the smallest offset is the most recent one; earlier ones are superseded.
          const chosen = pending.at(-1);
          if (chosen) {
            const at = instant(chosen);
            const late = now.getTime() - at.getTime() > graceMs;
            jobs.push({ ...base, kind: "offset", send: chosen, at, late, superseded: pending.slice(0, -1) });
            continue;
          }
          const failed = relevant
            .map((s) => ({ s, row: log.get(deliveryKey(d.id, due, s.offset, sub.chatId)) }))
            .filter((x) => x.row?.status === "failed" && x.row.retryable === true && x.row.attempts < maxAttempts)
            .at(-1);
          if (failed) {
            jobs.push({ ...base, kind: "retry", send: failed.s, at: instant(failed.s), late: failed.row?.late ?? false, superseded: [] });
          }
        }
      }
    }
    return jobs;
  }

  /** The send decision, re-checked and claimed inside one transaction. */
  function claim(job: Job, now: Date): boolean {
    const chatId = job.sub.chatId;
    const at = now.toISOString();
    const key = (s: PlannedSend) => ({ deadlineId: job.deadline.id, due: job.due, offset: s.offset, chatId });
    return store.transaction(() => {
      if (store.isAcked(chatId, job.deadline.id, job.due)) return false;
      if (job.kind === "retry") return job.send ? store.claimRetry(key(job.send), maxAttempts) : false;
      if (job.kind === "snooze") {
        if (!job.snoozeUntil || !store.claimSnoozeReminder(chatId, job.deadline.id, job.due, job.snoozeUntil)) return false;
      } else if (!job.send || !store.claimDelivery({ ...key(job.send), sendOn: job.send.sendOn, status: "sending", late: job.late }, at)) {
        return false;
      }
      for (const s of job.superseded) {
        if (job.kind === "snooze" && s === job.send) continue;
        store.claimDelivery({ ...key(s), sendOn: s.sendOn, status: "skipped", late: false }, at);
      }
      if (job.kind === "snooze" && job.send) {
        store.claimDelivery({ ...key(job.send), sendOn: job.send.sendOn, status: "sending", late: job.late }, at);
      }
      return true;
    });
  }

  return async function tick(now: Date): Promise<TickSend[]> {
    const results: TickSend[] = [];
    for (const job of collect(now)) {
      if (!claim(job, now)) continue;
      const chatId = job.sub.chatId;
      const month = job.due.slice(0, 7);
      const ledger =
        job.deadline.id === ledgerId
          ? { month, reported: ledgers.ledgerEntries(month).some((e) => e.chatId === chatId) }
          : undefined;
      const replies = nudgeReplies({
        deadline: job.deadline,
        due: job.due,
        now,
        lateSince: job.late ? job.at : undefined,
        afterSnooze: job.kind === "snooze",
        ledger,
      });
      let failure: { kind: DeliveryFailure; message: string } | undefined;
      try {
        await opts.outbox(chatId, replies);
      } catch (err) {
        failure = { kind: classifyDeliveryError(err), message: err instanceof Error ? err.message : String(err) };
        const note = failure.kind === "retryable" ? "nudge delivery failed; will retry" : failure.kind === "rejected" ? "nudge delivery rejected; not retried" : "nudge delivery outcome unknown (may have been delivered); not retried";
        opts.logger.warn({ err, chatId, deadline: job.deadline.id, due: job.due, failure: failure.kind }, note);
      }
      if (job.send) {
        store.finishDelivery({ deadlineId: job.deadline.id, due: job.due, offset: job.send.offset, chatId }, new Date().toISOString(), failure);
      }
      results.push({ chatId, deadline: job.deadline.id, due: job.due, kind: job.kind, offset: job.send?.offset, late: job.late, ok: !failure, failure: failure?.kind });
    }
    if (results.length) {
      opts.logger.info({ sent: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length }, "nudges delivered");
    }
    return results;
  };
}

/** A running nudge engine. */
export interface NudgeEngine {
  /** Runs one tick now (or at `now`); ticks never overlap. */
  tick(now?: Date): Promise<TickSend[]>;
  /** The catch-up tick run at start. */
  ready: Promise<TickSend[]>;
  /** Stops the cron job (a tick in progress finishes). */
  stop(): void;
}

/**
 * Starts the nudges: a catch-up tick at once, then a croner job every minute in
 * Asia/Shanghai. Returns the engine so callers (and tests) can tick by hand and stop it.
 */
export function startNudges(opts: NudgeOptions & { cron?: string }): NudgeEngine {
  const tickAt = createTick(opts);
  const clock = opts.now ?? (() => new Date());
  let chain: Promise<unknown> = Promise.resolve();
  const tick = (now?: Date): Promise<TickSend[]> => {
    const run = chain.then(() => tickAt(now ?? clock()));
    chain = run.catch((err: unknown) => opts.logger.error({ err }, "nudge tick failed"));
    return run;
  };
  const ready = tick();
  ready.catch(() => undefined);
  const job = new Cron(opts.cron ?? "0 * * * * *", { timezone: "Asia/Shanghai", protect: true }, () => {
    tick().catch(() => undefined);
  });
  return { tick, ready, stop: () => job.stop() };
}
