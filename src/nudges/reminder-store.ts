import { statement, type Db } from "../store/db.js";

/** One row of the delivery log. */
export interface Delivery {
  deadlineId: string;
  due: string;
  offset: number;
  chatId: string;
  sendOn: string;
  status: "sending" | "sent" | "failed" | "skipped";
  late: boolean;
  attempts: number;
  sentAt?: string;
  /** For a failed delivery: whether the failure surely means "not delivered", so another attempt is safe. */
  retryable?: boolean;
  /** For a failed delivery: interrupted mid-send by a crash and queued to be resent once, marked. */
  resend?: boolean;
}

/**
 * How an attempt ended: "retryable" (surely not delivered, e.g. Bot API 429/5xx), "rejected"
 * (refused for good, e.g. 403 bot blocked) or "unknown" (network error or timeout: it may have
 * been delivered, so it is never retried, to keep "at most once").
 */
export type DeliveryFailure = "retryable" | "rejected" | "unknown";

/** Error-column prefix of a delivery interrupted by a crash and queued for one marked resend. */
export const RESEND_ERROR = "resend:";

const FAILURE_KINDS: readonly DeliveryFailure[] = ["retryable", "rejected", "unknown"];

/**
 * Where the reminder ending a snooze stands (nudge_snoozes.reminded): waiting for its day,
 * claimed and being sent without a delivery row of its own (a crash then leaves it so), done,
 * interrupted by a crash and queued to be resent once, marked, or refused with a retryable
 * error and queued to be tried again (while its attempts last).
 */
export type SnoozeState = "waiting" | "sending" | "done" | "resend" | "retry";
const SNOOZE_STATES: readonly SnoozeState[] = ["waiting", "done", "sending", "resend", "retry"]; // by stored number 0–4

/** A snooze of one occurrence in one chat. */
export interface Snooze {
  until: string;
  state: SnoozeState;
}

/** A snooze reminder left `sending` by a crash. */
export interface InterruptedSnooze {
  chatId: string;
  deadlineId: string;
  due: string;
  until: string;
}

/** How the send of a snooze reminder ended: `retry` when it surely was not delivered and may be tried again. */
export interface SnoozeOutcome extends InterruptedSnooze {
  retry?: boolean;
}

/** Key of a delivery: deadline|due|offset|chat. */
export function deliveryKey(deadlineId: string, due: string, offset: number, chatId: string): string {
  return `${deadlineId}|${due}|${offset}|${chatId}`;
}

/** Key of one occurrence in one chat: chat|deadline|due. */
export function occurrenceKey(chatId: string, deadlineId: string, due: string): string {
  return `${chatId}|${deadlineId}|${due}`;
}

/**
 * SQLite access for the reminders of each occurrence in each chat: the delivery log (claimed
 * before sending), acknowledgements and snoozes (tables of migration 002-nudges).
 */
export class ReminderStore {
  constructor(readonly db: Db) {}

  /** Runs `fn` in one (immediate) transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Claims a delivery: inserts its log row unless one exists. True when this call claimed it. */
  claimDelivery(d: Omit<Delivery, "attempts" | "sentAt">, at: string): boolean {
    return (
      statement(this.db, 
          `INSERT OR IGNORE INTO nudge_deliveries (deadline_id, due, remind_offset, chat_id, send_on, status, late, attempts, claimed_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(d.deadlineId, d.due, d.offset, d.chatId, d.sendOn, d.status, d.late ? 1 : 0, d.status === "sending" ? 1 : 0, at).changes === 1
    );
  }

  /** Re-claims a failed delivery for another attempt; true when this call claimed it. */
  claimRetry(d: Pick<Delivery, "deadlineId" | "due" | "offset" | "chatId">, maxAttempts: number): boolean {
    return (
      statement(this.db, 
          `UPDATE nudge_deliveries SET status = 'sending', attempts = attempts + 1
           WHERE deadline_id = ? AND due = ? AND remind_offset = ? AND chat_id = ? AND status = 'failed' AND attempts < ?
             AND error LIKE 'retryable:%'`,
        )
        .run(d.deadlineId, d.due, d.offset, d.chatId, maxAttempts).changes === 1
    );
  }

  /**
   * Records the outcome of a claimed delivery; a failure is stored as "kind: message" in the
   * error column (only "retryable" ones are tried again).
   */
  finishDelivery(
    d: Pick<Delivery, "deadlineId" | "due" | "offset" | "chatId">,
    at: string,
    failure?: { kind: DeliveryFailure; message: string },
  ): void {
    const error = failure ? `${failure.kind}: ${failure.message}` : undefined;
    statement(this.db, 
        `UPDATE nudge_deliveries SET status = ?, sent_at = ?, error = ?
         WHERE deadline_id = ? AND due = ? AND remind_offset = ? AND chat_id = ?`,
      )
      .run(error ? "failed" : "sent", error ? null : at, error ?? null, d.deadlineId, d.due, d.offset, d.chatId);
  }

  /** Delivery rows whose due date is on or after `sinceDue`. */
  deliveries(sinceDue: string): Delivery[] {
    return (statement(this.db, "SELECT * FROM nudge_deliveries WHERE due >= ?").all(sinceDue) as DeliveryRow[]).map(toDelivery);
  }

  /** The chat's sent nudges whose due date is on or after `sinceDue`, most recent first. */
  sentTo(chatId: string, sinceDue: string): Delivery[] {
    return (
      statement(this.db, "SELECT * FROM nudge_deliveries WHERE chat_id = ? AND due >= ? AND status = 'sent' ORDER BY sent_at DESC, due ASC")
        .all(chatId, sinceDue) as DeliveryRow[]
    ).map(toDelivery);
  }

  /** Whether a planned reminder of an occurrence was delivered to a chat (per the delivery log). */
  reminded(chatId: string, deadlineId: string, due: string): boolean {
    return !!statement(this.db, "SELECT 1 FROM nudge_deliveries WHERE chat_id = ? AND deadline_id = ? AND due = ? AND status = 'sent'").get(chatId, deadlineId, due);
  }

  /** Whether the chat has any reminder history (a delivery, an acknowledgement or a snooze): it was subscribed once. */
  hasHistory(chatId: string): boolean {
    return !!statement(
      this.db,
      "SELECT 1 WHERE EXISTS (SELECT 1 FROM nudge_deliveries WHERE chat_id = ?) OR EXISTS (SELECT 1 FROM nudge_acks WHERE chat_id = ?) OR EXISTS (SELECT 1 FROM nudge_snoozes WHERE chat_id = ?)",
    ).get(chatId, chatId, chatId);
  }

  /** Marks an occurrence done for a chat; false if it already was. */
  ack(chatId: string, deadlineId: string, due: string, by: string, at: string): boolean {
    return (
      statement(this.db, "INSERT OR IGNORE INTO nudge_acks (chat_id, deadline_id, due, acked_by, acked_at) VALUES (?, ?, ?, ?, ?)")
        .run(chatId, deadlineId, due, by, at).changes === 1
    );
  }

  /** Whether a chat has acknowledged an occurrence. */
  isAcked(chatId: string, deadlineId: string, due: string): boolean {
    return !!statement(this.db, "SELECT 1 FROM nudge_acks WHERE chat_id = ? AND deadline_id = ? AND due = ?").get(chatId, deadlineId, due);
  }

  /** Acknowledged occurrences with due ≥ sinceDue, keyed by occurrenceKey, valued by who acked and when. */
  acks(sinceDue: string): Map<string, { by: string; at: string }> {
    const rows = statement(this.db, "SELECT * FROM nudge_acks WHERE due >= ?").all(sinceDue) as {
      chat_id: string;
      deadline_id: string;
      due: string;
      acked_by: string;
      acked_at: string;
    }[];
    return new Map(rows.map((r) => [occurrenceKey(r.chat_id, r.deadline_id, r.due), { by: r.acked_by, at: r.acked_at }]));
  }

  /** Sets (replaces) a snooze: no nudges for this occurrence in this chat before `until`, then one reminder. */
  snooze(chatId: string, deadlineId: string, due: string, until: string, by: string, at: string): void {
    statement(this.db, 
        `INSERT INTO nudge_snoozes (chat_id, deadline_id, due, until, reminded, snoozed_by, snoozed_at) VALUES (?, ?, ?, ?, 0, ?, ?)
         ON CONFLICT (chat_id, deadline_id, due) DO UPDATE SET until = excluded.until, reminded = 0, attempts = 0,
           snoozed_by = excluded.snoozed_by, snoozed_at = excluded.snoozed_at`,
      )
      .run(chatId, deadlineId, due, until, by, at);
  }

  /** Snoozes of occurrences with due ≥ sinceDue, keyed by occurrenceKey. */
  snoozes(sinceDue: string): Map<string, Snooze> {
    const rows = statement(this.db, "SELECT chat_id, deadline_id, due, until, reminded FROM nudge_snoozes WHERE due >= ?")
      .all(sinceDue) as { chat_id: string; deadline_id: string; due: string; until: string; reminded: number }[];
    return new Map(rows.map((r) => [occurrenceKey(r.chat_id, r.deadline_id, r.due), { until: r.until, state: snoozeState(r.reminded) }]));
  }

  /** The snooze of one occurrence in a chat, if any. */
  snoozeOf(chatId: string, deadlineId: string, due: string): Snooze | undefined {
    const r = statement(this.db, "SELECT until, reminded FROM nudge_snoozes WHERE chat_id = ? AND deadline_id = ? AND due = ?").get(chatId, deadlineId, due) as
      | { until: string; reminded: number }
      | undefined;
    return r && { until: r.until, state: snoozeState(r.reminded) };
  }

  /**
   * Claims the reminder that ends a snooze (waiting, queued for a resend or for a retry),
   * counting the attempt; true when this call claimed it. `tracked`: a delivery row of its own
   * is claimed with it, which settles a crash mid-send and a retry, so it is done at once;
   * otherwise it stays `sending` until finishSnoozeReminders.
   */
  claimSnoozeReminder(chatId: string, deadlineId: string, due: string, until: string, tracked: boolean): boolean {
    const to = SNOOZE_STATES.indexOf(tracked ? "done" : "sending");
    const from = (["waiting", "resend", "retry"] as const).map((s) => SNOOZE_STATES.indexOf(s));
    return (
      statement(this.db, "UPDATE nudge_snoozes SET reminded = ?, attempts = attempts + 1 WHERE chat_id = ? AND deadline_id = ? AND due = ? AND until = ? AND reminded IN (?, ?, ?)")
        .run(to, chatId, deadlineId, due, until, ...from).changes === 1
    );
  }

  /**
   * Settles snooze reminders that were being sent: done, or — a retryable failure, surely not
   * delivered — queued for another attempt while fewer than `maxAttempts` were made (then done:
   * given up, as a planned reminder's retries are).
   */
  finishSnoozeReminders(outcomes: readonly SnoozeOutcome[], maxAttempts: number): void {
    const stmt = statement(
      this.db,
      "UPDATE nudge_snoozes SET reminded = CASE WHEN ? AND attempts < ? THEN ? ELSE ? END WHERE chat_id = ? AND deadline_id = ? AND due = ? AND until = ? AND reminded = ?",
    );
    const [retry, done, sending] = (["retry", "done", "sending"] as const).map((s) => SNOOZE_STATES.indexOf(s));
    this.db.transaction(() => {
      for (const r of outcomes) stmt.run(r.retry ? 1 : 0, maxAttempts, retry, done, r.chatId, r.deadlineId, r.due, r.until, sending);
    })();
  }

  /** Snooze reminders a crash left `sending`. */
  interruptedSnoozes(): InterruptedSnooze[] {
    const rows = statement(this.db, "SELECT chat_id, deadline_id, due, until FROM nudge_snoozes WHERE reminded = ? ORDER BY chat_id, due, deadline_id")
      .all(SNOOZE_STATES.indexOf("sending")) as { chat_id: string; deadline_id: string; due: string; until: string }[];
    return rows.map((r) => ({ chatId: r.chat_id, deadlineId: r.deadline_id, due: r.due, until: r.until }));
  }

  /** Settles interrupted snooze reminders: queued to be resent once, marked ("resend"), or closed as done ("report"). */
  settleInterruptedSnoozes(refs: readonly InterruptedSnooze[], how: "resend" | "report"): void {
    const stmt = statement(this.db, "UPDATE nudge_snoozes SET reminded = ? WHERE chat_id = ? AND deadline_id = ? AND due = ? AND until = ? AND reminded = ?");
    const to = SNOOZE_STATES.indexOf(how === "resend" ? "resend" : "done");
    this.db.transaction(() => {
      for (const r of refs) stmt.run(to, r.chatId, r.deadlineId, r.due, r.until, SNOOZE_STATES.indexOf("sending"));
    })();
  }
}

interface DeliveryRow {
  deadline_id: string;
  due: string;
  remind_offset: number;
  chat_id: string;
  send_on: string;
  status: Delivery["status"];
  late: number;
  attempts: number;
  sent_at: string | null;
  error: string | null;
}

function toDelivery(r: DeliveryRow): Delivery {
  return {
    deadlineId: r.deadline_id,
    due: r.due,
    offset: r.remind_offset,
    chatId: r.chat_id,
    sendOn: r.send_on,
    status: r.status,
    late: r.late === 1,
    attempts: r.attempts,
    sentAt: r.sent_at ?? undefined,
    retryable: r.status === "failed" ? failureKind(r.error) === "retryable" : undefined,
    resend: r.status === "failed" && r.error?.startsWith(RESEND_ERROR) ? true : undefined,
  };
}

function snoozeState(stored: number): SnoozeState {
  return SNOOZE_STATES[stored] ?? "done";
}

/** The failure kind recorded in a delivery's error column (rows from before kinds existed count as "unknown"). */
export function failureKind(error: string | null | undefined): DeliveryFailure {
  const kind = error?.split(":", 1)[0];
  return FAILURE_KINDS.find((k) => k === kind) ?? "unknown";
}
