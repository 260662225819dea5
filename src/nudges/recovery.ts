import type { Logger } from "../log.js";
import type { Db } from "../store/db.js";
import { shanghaiNow } from "./calendar.js";
import { OutboxStore } from "./outbox-store.js";

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
  const rows = outbox.interrupted();
  if (rows.length === 0) return { resend: 0, reported: 0 };
  const today = shanghaiNow(now).date;
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
  return { resend: resend.length, reported: report.length };
}
