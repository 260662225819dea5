import { statement, type Db } from "../store/db.js";
import { RESEND_ERROR, type DeliveryFailure } from "./reminder-store.js";

/** A delivery key: which reminder of which occurrence in which chat. */
export interface DeliveryRef {
  deadlineId: string;
  due: string;
  offset: number;
  chatId: string;
}

/** How one claimed delivery ended. */
export interface DeliveryOutcome {
  ref: DeliveryRef;
  at: string;
  failure?: { kind: DeliveryFailure; message: string };
  /** A failed resend (of a crash-interrupted nudge) that may be tried again: it stays queued as a marked resend. */
  requeue?: boolean;
}

/** A delivery left `sending` by a bot that stopped between claiming and finishing it. */
export interface InterruptedDelivery extends DeliveryRef {
  sendOn: string;
  late: boolean;
  claimedAt: string;
  /** Attempts so far (the interrupted one included). */
  attempts: number;
}

/**
 * SQLite access for the nudge outbox: a tick's outcomes written in one transaction, the
 * per-chat daily proactive-message count (platform quotas), and crash recovery of
 * deliveries left `sending` (tables of migrations 002 and 003).
 */
export class OutboxStore {
  constructor(readonly db: Db) {}

  /** Records the outcomes of sent digests in one transaction (see ReminderStore.finishDelivery for the columns). */
  finishAll(outcomes: readonly DeliveryOutcome[]): void {
    const stmt = statement(this.db, 
      `UPDATE nudge_deliveries SET status = ?, sent_at = ?, error = ?
       WHERE deadline_id = ? AND due = ? AND remind_offset = ? AND chat_id = ?`,
    );
    this.db.transaction(() => {
      for (const { ref, at, failure, requeue } of outcomes) {
        const error = failure ? `${requeue ? RESEND_ERROR : `${failure.kind}:`} ${failure.message}` : null;
        stmt.run(error ? "failed" : "sent", error ? null : at, error, ref.deadlineId, ref.due, ref.offset, ref.chatId);
      }
    })();
  }

  /** Proactive messages counted for a chat on a Beijing day ("YYYY-MM-DD"). */
  proactiveCount(chatId: string, day: string): number {
    const r = statement(this.db, "SELECT sent FROM nudge_proactive_sends WHERE chat_id = ? AND day = ?").get(chatId, day) as { sent: number } | undefined;
    return r?.sent ?? 0;
  }

  /** Counts `n` (default one) proactive platform messages for a chat on a day. */
  countProactive(chatId: string, day: string, n = 1): void {
    statement(this.db, "INSERT INTO nudge_proactive_sends (chat_id, day, sent) VALUES (?, ?, ?) ON CONFLICT (chat_id, day) DO UPDATE SET sent = sent + excluded.sent")
      .run(chatId, day, n);
  }

  /** Takes back `n` (default one) counted proactive messages of a chat on a day (they were surely not delivered). */
  uncountProactive(chatId: string, day: string, n = 1): void {
    statement(this.db, "UPDATE nudge_proactive_sends SET sent = MAX(0, sent - ?) WHERE chat_id = ? AND day = ?").run(n, chatId, day);
  }

  /** Deliveries left `sending` (the bot stopped between claiming and finishing them), by chat then due date. */
  interrupted(): InterruptedDelivery[] {
    const rows = statement(this.db, 
        `SELECT deadline_id, due, remind_offset, chat_id, send_on, late, claimed_at, attempts FROM nudge_deliveries
         WHERE status = 'sending' ORDER BY chat_id, due, deadline_id, remind_offset DESC`,
      )
      .all() as { deadline_id: string; due: string; remind_offset: number; chat_id: string; send_on: string; late: number; claimed_at: string; attempts: number }[];
    return rows.map((r) => ({
      deadlineId: r.deadline_id,
      due: r.due,
      offset: r.remind_offset,
      chatId: r.chat_id,
      sendOn: r.send_on,
      late: r.late === 1,
      claimedAt: r.claimed_at,
      attempts: r.attempts,
    }));
  }

  /**
   * Settles deliveries interrupted mid-send, once each, in one transaction: "resend" queues
   * them to be resent (marked) by the next tick; "report" closes them as failed with an
   * unknown outcome. Either way they are flagged `recovered` (interrupted at least once).
   */
  settleInterrupted(refs: readonly DeliveryRef[], how: "resend" | "report", at: string): void {
    const stmt = statement(this.db, 
      `UPDATE nudge_deliveries SET status = 'failed', recovered = 1, error = ?
       WHERE deadline_id = ? AND due = ? AND remind_offset = ? AND chat_id = ? AND status = 'sending'`,
    );
    const error = how === "resend" ? `${RESEND_ERROR} interrupted mid-send (${at}); resent once, marked` : `unknown: interrupted mid-send (${at}); reported, not resent`;
    this.db.transaction(() => {
      for (const r of refs) stmt.run(error, r.deadlineId, r.due, r.offset, r.chatId);
    })();
  }

  /** Claims a queued resend (while attempts ≤ maxAttempts); true when this call claimed it. */
  claimResend(r: DeliveryRef, maxAttempts: number): boolean {
    return (
      statement(this.db, 
          `UPDATE nudge_deliveries SET status = 'sending', attempts = attempts + 1
           WHERE deadline_id = ? AND due = ? AND remind_offset = ? AND chat_id = ? AND status = 'failed' AND error LIKE ? AND attempts <= ?`,
        )
        .run(r.deadlineId, r.due, r.offset, r.chatId, `${RESEND_ERROR}%`, maxAttempts).changes === 1
    );
  }
}
