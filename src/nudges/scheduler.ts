import { Cron } from "croner";
import type { Reply } from "../core/types.js";
import { shanghaiNow } from "./calendar.js";
import { collectJobs, yieldToEventLoop, type Job } from "./collect.js";
import { classifyDeliveryError, type NudgeOptions, type TickSend } from "./delivery.js";
import { LedgerStore } from "./ledger-store.js";
import { NumberingStore, type Numbering } from "./numbering-store.js";
import { OutboxStore, type DeliveryOutcome } from "./outbox-store.js";
import { recoverInterrupted } from "./recovery.js";
import type { PlannedSend } from "./plan.js";
import { ReminderStore, type DeliveryFailure, type SnoozeOutcome } from "./reminder-store.js";
import { SubscriptionStore } from "./subscription-store.js";
import { nudgeDigest, type NudgeMessage } from "./text.js";

export { deadlinesForChat } from "./collect.js";
export { classifyDeliveryError, type NudgeOptions, type TickSend } from "./delivery.js";

/** Id of the deadline whose nudges ask for the monthly ledger (工作台账). */
export const LEDGER_DEADLINE_ID = "monthly-ledger";


/** A chat's claimed digest: its jobs, the platform messages it counts, and its replies when rendered at claim time. */
interface Digest {
  chatId: string;
  jobs: Job[];
  parts: number;
  replies?: Reply[];
}

/** Thrown inside a chat's savepoint to roll back claims of a digest that would go over the quota. */
class OverQuota extends Error {
  constructor(readonly parts: number) {
    super(`digest of ${parts} platform messages over the daily quota`);
    this.name = "OverQuota";
  }
}

/** Chats claimed per transaction: a tick of up to this many chats writes its claims in one transaction. */
const CLAIM_BATCH = 2000;
/** Outcomes written per transaction, between two yields to the event loop. */
const BATCH_SIZE = 1000;
/** …or fewer, when sending takes this long (a crash then resends, marked, at most this much). */
const BATCH_MS = 1000;

/**
 * Builds the tick function: computes the nudges due at `now` for every subscribed chat and
 * delivers each chat's as one digest message through the outbox.
 *
 * Exactly once: each (deadline, due, offset, chat) is claimed in the delivery log before it is
 * sent — in one transaction per CLAIM_BATCH chats, re-checked against acks — so it is sent at
 * most once even across restarts and concurrent engines; outcomes are written a batch at a
 * time (one transaction per batch, at least every BATCH_MS), yielding to the event loop between. A crash between claim and outcome leaves rows `sending`,
 * which `recoverInterrupted` resends once, marked, at the next start.
 *
 * Quota: a chat whose channel rations proactive messages (`proactiveQuota`) gets at most that
 * many digests per Beijing day, counted in the store: a digest is counted when claimed (so
 * concurrent engines and a crash mid-send never exceed it) and taken back when its send surely
 * failed (retryable or rejected; an unknown outcome may have been delivered and stays counted); when it has something due, its
 * reminders planned for later that day come along in the same digest; a nudge over the quota
 * stays pending, is logged, and goes out with the chat's next digest, marked as deferred.
 *
 * Missed nudges (bot down) are sent once, marked late, if their due date has not passed;
 * several missed offsets of one occurrence give one item. Nothing is sent for a due date
 * already past or an acknowledged occurrence; a snoozed occurrence gets one reminder when the
 * snooze ends.
 */
export function createTick(opts: NudgeOptions): (now: Date) => Promise<TickSend[]> {
  const store = new ReminderStore(opts.db);
  const subs = new SubscriptionStore(opts.db);
  const outbox = new OutboxStore(opts.db);
  const ledgers = new LedgerStore(opts.db);
  const numbers = new NumberingStore(opts.db);
  const graceMs = (opts.graceMinutes ?? 10) * 60_000;
  const maxAttempts = opts.maxAttempts ?? 3;
  const ledgerId = opts.ledgerDeadlineId ?? LEDGER_DEADLINE_ID;
  const quotaOf = (chatId: string): number | undefined => opts.proactiveQuota?.(chatId);
  /** "chat|day" pairs whose over-quota nudges were already logged (once per chat per day). */
  const overQuotaLogged = new Set<string>();

  /** The send decision, re-checked and claimed (inside the tick's transaction). */
  function claim(job: Job, at: string): boolean {
    const chatId = job.sub.chatId;
    const key = (s: PlannedSend) => ({ deadlineId: job.deadline.id, due: job.due, offset: s.offset, chatId });
    if (store.isAcked(chatId, job.deadline.id, job.due)) return false;
    if (job.kind === "retry") return job.send ? store.claimRetry(key(job.send), maxAttempts) : false;
    if (job.kind === "resend") return job.send ? outbox.claimResend(key(job.send), maxAttempts) : false;
    if (job.kind === "snooze") {
      // with a planned send folded in, its delivery row (claimed below) makes it at-least-once; without, the snooze row does
      if (!job.snoozeUntil || !store.claimSnoozeReminder(chatId, job.deadline.id, job.due, job.snoozeUntil, job.send !== undefined)) return false;
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
  }

  /**
   * Claims every chat's digest, within each chat's daily quota: one transaction per
   * CLAIM_BATCH chats (one for most ticks), yielding to the event loop between them. For a
   * rationed chat the digest is rendered here and counted by its platform messages
   * (`proactiveParts`); one that would go over the quota is not claimed (its claims roll back to
   * a savepoint), unless nothing was sent that day (a digest larger than the whole quota).
   */
  async function claimAll(byChat: Map<string, Job[]>, now: Date, draw: (chatId: string, jobs: Job[]) => Reply[]): Promise<Digest[]> {
    const today = shanghaiNow(now).date;
    const at = now.toISOString();
    const overQuota: { chatId: string; quota: number; nudges: string[]; parts?: number }[] = [];
    const digests: Digest[] = [];
    const entries = [...byChat];
    for (let i = 0; i < entries.length; i += CLAIM_BATCH) {
      if (i > 0) await yieldToEventLoop();
      store.transaction(() => {
        for (const [chatId, jobs] of entries.slice(i, i + CLAIM_BATCH)) {
          const quota = quotaOf(chatId);
          const count = quota === undefined ? 0 : outbox.proactiveCount(chatId, today);
          if (quota !== undefined && count >= quota) {
            overQuota.push({ chatId, quota, nudges: jobs.map((j) => `${j.deadline.id}@${j.due}`) });
            continue;
          }
          if (quota === undefined || !opts.proactiveParts) {
            const claimed = jobs.filter((job) => claim(job, at));
            if (!claimed.length) continue;
            if (quota !== undefined) outbox.countProactive(chatId, today);
            digests.push({ chatId, jobs: claimed, parts: 1 });
            continue;
          }
          const measure = opts.proactiveParts;
          try {
            const digest = opts.db.transaction((): Digest | undefined => {
              const claimed = jobs.filter((job) => claim(job, at));
              if (!claimed.length) return undefined;
              const replies = draw(chatId, claimed);
              const parts = Math.max(1, measure(chatId, replies));
              if (count > 0 && count + parts > quota) throw new OverQuota(parts);
              outbox.countProactive(chatId, today, parts);
              return { chatId, jobs: claimed, parts, replies };
            })();
            if (digest) digests.push(digest);
          } catch (err) {
            if (!(err instanceof OverQuota)) throw err;
            overQuota.push({ chatId, quota, nudges: jobs.map((j) => `${j.deadline.id}@${j.due}`), parts: err.parts });
          }
        }
      });
    }
    for (const o of overQuota) {
      const key = `${o.chatId}|${today}`;
      if (overQuotaLogged.has(key)) continue;
      overQuotaLogged.add(key);
      opts.logger.warn(o, "nudges over the chat's daily proactive quota; deferred to its next digest");
    }
    return digests;
  }

  /** The message of one job, with the ledger question answered from the tick's one read of each month. */
  function message(job: Job, now: Date, reported: (month: string) => Set<string>): NudgeMessage {
    const chatId = job.sub.chatId;
    const month = job.due.slice(0, 7);
    const quota = quotaOf(chatId);
    return {
      deadline: job.deadline,
      due: job.due,
      now,
      lateSince: job.late ? job.at : undefined,
      deferred: job.late && quota !== undefined && outbox.proactiveCount(chatId, shanghaiNow(job.at).date) >= quota,
      afterSnooze: job.kind === "snooze",
      resent: job.kind === "resend" || job.resent === true,
      ledger: job.deadline.id === ledgerId ? { month, reported: reported(month).has(chatId) } : undefined,
    };
  }

  return async function tick(now: Date): Promise<TickSend[]> {
    const byChat = await collectJobs(subs, store, { deadlines: opts.deadlines, graceMs, maxAttempts, rationed: (c) => quotaOf(c) !== undefined }, now);
    if (byChat.size === 0) return [];
    const months = new Map<string, Set<string>>();
    const reported = (month: string) => {
      let set = months.get(month);
      if (!set) months.set(month, (set = ledgers.reportedChats(month)));
      return set;
    };
    const rendered = new Map<string, Reply[]>();
    const draw = (chatId: string, jobs: Job[]): Reply[] => {
      const messages = jobs.map((job) => message(job, now, reported));
      // Most chats get the same text (same deadline, due date and ledger state): render it once.
      const key = messages.map((m) => `${m.deadline.id}|${m.due}|${m.lateSince?.getTime() ?? ""}|${m.deferred ?? ""}|${m.afterSnooze ?? ""}|${m.resent ?? ""}|${m.ledger?.reported ?? ""}`).join("\n");
      let replies = rendered.get(key);
      if (!replies) rendered.set(key, (replies = nudgeDigest(messages)));
      return replies;
    };
    const digests = await claimAll(byChat, now, draw);
    const today = shanghaiNow(now).date; // the day claimAll counted them on
    const results: TickSend[] = [];
    let outcomes: DeliveryOutcome[] = [];
    let snoozesSent: SnoozeOutcome[] = [];
    let numbered: { chatId: string; numbering: Numbering }[] = [];
    const flush = () => {
      outbox.finishAll(outcomes);
      store.finishSnoozeReminders(snoozesSent, maxAttempts);
      numbers.showAll(numbered);
      outcomes = [];
      snoozesSent = [];
      numbered = [];
    };
    let batchStart = performance.now();
    for (const { chatId, jobs, parts, replies = draw(chatId, jobs) } of digests) {
      let failure: { kind: DeliveryFailure; message: string } | undefined;
      try {
        await opts.outbox(chatId, replies);
      } catch (err) {
        failure = { kind: classifyDeliveryError(err), message: err instanceof Error ? err.message : String(err) };
        const note = failure.kind === "retryable" ? "nudge delivery failed; will retry" : failure.kind === "rejected" ? "nudge delivery rejected; not retried" : "nudge delivery outcome unknown (may have been delivered); not retried";
        opts.logger.warn({ err, chatId, deadlines: jobs.map((j) => j.deadline.id), failure: failure.kind }, note);
      }
      // the quota counts deliveries: a send that surely failed gives its count back
      if (failure && failure.kind !== "unknown" && quotaOf(chatId) !== undefined) outbox.uncountProactive(chatId, today, parts);
      const at = new Date().toISOString();
      // a merged reminder numbers its items (nudgeDigest): /ack 2 means its second one, if it may have arrived
      if (jobs.length > 1 && failure?.kind !== "retryable" && failure?.kind !== "rejected") {
        numbered.push({ chatId, numbering: { items: jobs.map((j) => ({ deadlineId: j.deadline.id, due: j.due })), shownIn: "reminder", shownAt: now.toISOString() } });
      }
      for (const job of jobs) {
        const requeue = job.kind === "resend" && failure?.kind === "retryable";
        if (job.send) outcomes.push({ ref: { deadlineId: job.deadline.id, due: job.due, offset: job.send.offset, chatId }, at, failure, requeue });
        else if (job.kind === "snooze" && job.snoozeUntil) snoozesSent.push({ chatId, deadlineId: job.deadline.id, due: job.due, until: job.snoozeUntil, retry: failure?.kind === "retryable" });
        results.push({ chatId, deadline: job.deadline.id, due: job.due, kind: job.kind, offset: job.send?.offset, late: job.late, ok: !failure, failure: failure?.kind });
      }
      if (outcomes.length >= BATCH_SIZE || performance.now() - batchStart >= BATCH_MS) {
        flush();
        await yieldToEventLoop();
        batchStart = performance.now();
      }
    }
    flush();
    if (results.length) {
      opts.logger.info({ digests: digests.length, sent: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length }, "nudges delivered");
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
 * Starts the nudges: settles deliveries a crash left mid-send (recoverInterrupted), runs a
 * catch-up tick at once, then a croner job every minute in Asia/Shanghai. Returns the engine
 * so callers (and tests) can tick by hand and stop it.
 */
export function startNudges(opts: NudgeOptions & { cron?: string }): NudgeEngine {
  const clock = opts.now ?? (() => new Date());
  recoverInterrupted(opts.db, opts.recovery ?? "resend", opts.logger, clock(), opts.maxAttempts);
  const tickAt = createTick(opts);
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
