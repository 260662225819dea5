import { statement, type Db } from "../store/db.js";
import { deadlineSchema, type Deadline } from "./deadlines.js";
import { parseStoredJson } from "../store/json.js";
import type { UnitLevel } from "./unit-level.js";

/** A subscribed chat (a unit's group). */
export interface Subscription {
  chatId: string;
  unitName?: string;
  /** The level stated at /subscribe (县级/乡级); see subscriptionLevel for the effective one. */
  unitLevel?: UnitLevel;
  subscribedBy: string;
  subscribedAt: string;
}

/** A deadline added in a chat; it nudges only that chat. */
export interface ChatDeadline {
  chatId: string;
  deadline: Deadline;
}

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

const chatDeadlineSpec = deadlineSchema.omit({ id: true });

/** Key of a delivery: deadline|due|offset|chat. */
export function deliveryKey(deadlineId: string, due: string, offset: number, chatId: string): string {
  return `${deadlineId}|${due}|${offset}|${chatId}`;
}

/** Key of one occurrence in one chat: chat|deadline|due. */
export function occurrenceKey(chatId: string, deadlineId: string, due: string): string {
  return `${chatId}|${deadlineId}|${due}`;
}

/** SQLite access for the nudges feature (tables of migration 002-nudges). */
export class NudgeStore {
  constructor(readonly db: Db) {}

  /** Runs `fn` in one (immediate) transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn).immediate();
  }

  /** Subscribes a chat (keeping the first subscription time); returns false if it already was. */
  subscribe(chatId: string, by: string, at: string, unitName?: string, unitLevel?: UnitLevel): boolean {
    const r = statement(this.db, "INSERT OR IGNORE INTO nudge_subscriptions (chat_id, unit_name, subscribed_by, subscribed_at, unit_level) VALUES (?, ?, ?, ?, ?)")
      .run(chatId, unitName ?? null, by, at, unitLevel ?? null);
    if (r.changes === 0 && unitName) this.setUnitName(chatId, unitName);
    if (r.changes === 0 && unitName !== undefined) statement(this.db, "UPDATE nudge_subscriptions SET unit_level = ? WHERE chat_id = ?").run(unitLevel ?? null, chatId);
    return r.changes === 1;
  }

  /** Removes a chat's subscription and mutes; returns false if it was not subscribed. */
  unsubscribe(chatId: string): boolean {
    statement(this.db, "DELETE FROM nudge_mutes WHERE chat_id = ?").run(chatId);
    return statement(this.db, "DELETE FROM nudge_subscriptions WHERE chat_id = ?").run(chatId).changes === 1;
  }

  /** Records the unit name (基层单位) of a subscribed chat. */
  setUnitName(chatId: string, unitName: string): void {
    statement(this.db, "UPDATE nudge_subscriptions SET unit_name = ? WHERE chat_id = ?").run(unitName, chatId);
  }

  /** The chat's subscription, if any. */
  subscription(chatId: string): Subscription | undefined {
    const r = statement(this.db, "SELECT * FROM nudge_subscriptions WHERE chat_id = ?").get(chatId) as SubRow | undefined;
    return r && toSub(r);
  }

  /** All subscribed chats, oldest first. */
  subscriptions(): Subscription[] {
    return (statement(this.db, "SELECT * FROM nudge_subscriptions ORDER BY subscribed_at, chat_id").all() as SubRow[]).map(toSub);
  }

  /** Stops (muted = true) or resumes one deadline's nudges in a chat. */
  setMuted(chatId: string, deadlineId: string, muted: boolean): boolean {
    const sql = muted
      ? "INSERT OR IGNORE INTO nudge_mutes (chat_id, deadline_id) VALUES (?, ?)"
      : "DELETE FROM nudge_mutes WHERE chat_id = ? AND deadline_id = ?";
    return statement(this.db, sql).run(chatId, deadlineId).changes === 1;
  }

  /** Muted deadline ids per chat. */
  mutes(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const r of statement(this.db, "SELECT chat_id, deadline_id FROM nudge_mutes").all() as { chat_id: string; deadline_id: string }[]) {
      let s = out.get(r.chat_id);
      if (!s) out.set(r.chat_id, (s = new Set()));
      s.add(r.deadline_id);
    }
    return out;
  }

  /** Stores a chat-added deadline and returns it with its id ("c" + number). */
  addChatDeadline(chatId: string, spec: Omit<Deadline, "id">, by: string, at: string): Deadline {
    const r = statement(this.db, "INSERT INTO nudge_chat_deadlines (chat_id, deadline, created_by, created_at) VALUES (?, ?, ?, ?)")
      .run(chatId, JSON.stringify(spec), by, at);
    return { ...spec, id: `c${r.lastInsertRowid}` };
  }

  /** Deletes a chat-added deadline of this chat; false if there is none with this id. */
  removeChatDeadline(chatId: string, id: string): boolean {
    const seq = Number(id.slice(1));
    return statement(this.db, "DELETE FROM nudge_chat_deadlines WHERE seq = ? AND chat_id = ?").run(seq, chatId).changes === 1;
  }

  /** Chat-added deadlines (of one chat, or all); rows that no longer parse are skipped. */
  chatDeadlines(chatId?: string): ChatDeadline[] {
    const rows = (
      chatId === undefined
        ? statement(this.db, "SELECT * FROM nudge_chat_deadlines ORDER BY seq").all()
        : statement(this.db, "SELECT * FROM nudge_chat_deadlines WHERE chat_id = ? ORDER BY seq").all(chatId)
    ) as { seq: number; chat_id: string; deadline: string }[];
    const out: ChatDeadline[] = [];
    for (const r of rows) {
      const spec = chatDeadlineSpec.safeParse(parseStoredJson(r.deadline));
      if (spec.success) out.push({ chatId: r.chat_id, deadline: { ...spec.data, id: `c${r.seq}` } });
    }
    return out;
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
         ON CONFLICT (chat_id, deadline_id, due) DO UPDATE SET until = excluded.until, reminded = 0,
           snoozed_by = excluded.snoozed_by, snoozed_at = excluded.snoozed_at`,
      )
      .run(chatId, deadlineId, due, until, by, at);
  }

  /** Snoozes of occurrences with due ≥ sinceDue, keyed by occurrenceKey. */
  snoozes(sinceDue: string): Map<string, { until: string; reminded: boolean }> {
    const rows = statement(this.db, "SELECT chat_id, deadline_id, due, until, reminded FROM nudge_snoozes WHERE due >= ?")
      .all(sinceDue) as { chat_id: string; deadline_id: string; due: string; until: string; reminded: number }[];
    return new Map(rows.map((r) => [occurrenceKey(r.chat_id, r.deadline_id, r.due), { until: r.until, reminded: r.reminded === 1 }]));
  }

  /** Claims the reminder that ends a snooze; true when this call claimed it. */
  claimSnoozeReminder(chatId: string, deadlineId: string, due: string, until: string): boolean {
    return (
      statement(this.db, "UPDATE nudge_snoozes SET reminded = 1 WHERE chat_id = ? AND deadline_id = ? AND due = ? AND until = ? AND reminded = 0")
        .run(chatId, deadlineId, due, until).changes === 1
    );
  }
}

interface SubRow {
  chat_id: string;
  unit_name: string | null;
  unit_level: UnitLevel | null;
  subscribed_by: string;
  subscribed_at: string;
}

function toSub(r: SubRow): Subscription {
  return { chatId: r.chat_id, unitName: r.unit_name ?? undefined, unitLevel: r.unit_level ?? undefined, subscribedBy: r.subscribed_by, subscribedAt: r.subscribed_at };
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

/** The failure kind recorded in a delivery's error column (rows from before kinds existed count as "unknown"). */
export function failureKind(error: string | null | undefined): DeliveryFailure {
  const kind = error?.split(":", 1)[0];
  return FAILURE_KINDS.find((k) => k === kind) ?? "unknown";
}
