import type { Logger } from "../log.js";
import type { Db } from "../store/db.js";
import { shanghaiNow } from "./calendar.js";
import { OutboxStore } from "./outbox-store.js";
import { ReminderStore } from "./reminder-store.js";

/** What start-up did with nudges a crash left mid-send. */
export interface RecoveryReport {
  /** Queued to be resent once, marked “（补发，如已收到请忽略）”, by the next tick. */
  resend: number;
  /** Closed as "outcome unknown" and only logged (by configuration, a due date already past, or attempts used up). */
  reported: number;
}

/**
 * Settles the deliveries a crash left `sending` (claimed, maybe sent, outcome never written).
 * With "resend" (the default) each is queued to be sent again once, marked as a possible
 * duplicate; with "report" it is only logged. One whose due
 * date has passed or whose attempts are used up (a resend interrupted again and again), is
 * only reported. Every one is logged. Run once at start, before any tick.
 */
export function recoverInterrupted(db: Db, how: "resend" | "report", logger: Logger, now: Date, maxAttempts = 3): RecoveryReport {
  const outbox = new OutboxStore(db);
  const today = shanghaiNow(now).date;
  const snoozes = recoverSnoozeReminders(new ReminderStore(db), how, logger, today);
  const rows = outbox.interrupted();
  if (rows.length === 0) return snoozes;
  const resend = how === "resend" ? rows.filter((r) => r.attempts <= maxAttempts && r.due >= today) : [];
  const report = rows.filter((r) => !resend.includes(r));
  const at = now.toISOString();
  outbox.settleInterrupted(resend, "resend", at);
  outbox.settleInterrupted(report, "report", at);
  const list = (rs: typeof rows) => rs.map((r) => `${r.chatId} ${r.deadlineId}@${r.due}#${r.offset} (claimed ${r.claimedAt})`);
  if (resend.length) logger.warn({ nudges: list(resend) }, "nudges interrupted mid-send by a stop; resending each once, marked as a possible duplicate");
  if (report.length) {
    const why = how === "report" ? "NUDGE_RECOVERY=report" : "due date passed or attempts used up";
    logger.warn({ nudges: list(report), why }, "nudges interrupted mid-send by a stop; reported, not resent (may not have arrived)");
  }
  return { resend: resend.length + snoozes.resend, reported: report.length + snoozes.reported };
}

/**
 * The same for reminders ending a snooze that had no delivery row of their own: queued to be
 * resent once, marked (while the due date has not passed), or closed and reported.
 */
function recoverSnoozeReminders(store: ReminderStore, how: "resend" | "report", logger: Logger, today: string): RecoveryReport {
  const rows = store.interruptedSnoozes();
  const resend = how === "resend" ? rows.filter((r) => r.due >= today) : [];
  const report = rows.filter((r) => !resend.includes(r));
  store.settleInterruptedSnoozes(resend, "resend");
  store.settleInterruptedSnoozes(report, "report");
  const list = (rs: typeof rows) => rs.map((r) => `${r.chatId} ${r.deadlineId}@${r.due} snoozed until ${r.until}`);
  if (resend.length) logger.warn({ nudges: list(resend) }, "snooze reminders interrupted mid-send by a stop; resending each once, marked as a possible duplicate");
  if (report.length) logger.warn({ nudges: list(report), why: how === "report" ? "NUDGE_RECOVERY=report" : "due date passed" }, "snooze reminders interrupted mid-send by a stop; reported, not resent (may not have arrived)");
  return { resend: resend.length, reported: report.length };
}
