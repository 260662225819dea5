import type { Migration } from "../store/migrations/index.js";
import { moveAllRows, moveKeyedRows, type ChatMovedHook } from "../store/migrate-chat.js";

/**
 * Deadline nudges: subscribed chats, per-chat muted deadlines, chat-added deadlines, the
 * delivery log (one row per deadline + due date + offset + chat, claimed before sending),
 * acknowledgements, snoozes, and the monthly progress ledger with its conversation state.
 */
export const nudgesMigration: Migration = {
  id: "002-nudges",
  sql: `
    CREATE TABLE nudge_subscriptions (
      chat_id       TEXT PRIMARY KEY,
      unit_name     TEXT,
      subscribed_by TEXT NOT NULL,
      subscribed_at TEXT NOT NULL
    );
    CREATE TABLE nudge_mutes (
      chat_id     TEXT NOT NULL,
      deadline_id TEXT NOT NULL,
      PRIMARY KEY (chat_id, deadline_id)
    );
    CREATE TABLE nudge_chat_deadlines (
      seq        INTEGER PRIMARY KEY AUTOINCREMENT,
      chat_id    TEXT NOT NULL,
      deadline   TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX nudge_chat_deadlines_chat ON nudge_chat_deadlines (chat_id);
    CREATE TABLE nudge_deliveries (
      deadline_id   TEXT NOT NULL,
      due           TEXT NOT NULL,
      remind_offset INTEGER NOT NULL,
      chat_id       TEXT NOT NULL,
      send_on       TEXT NOT NULL,
      status        TEXT NOT NULL CHECK (status IN ('sending', 'sent', 'failed', 'skipped')),
      late          INTEGER NOT NULL DEFAULT 0,
      attempts      INTEGER NOT NULL DEFAULT 0,
      claimed_at    TEXT NOT NULL,
      sent_at       TEXT,
      error         TEXT,
      UNIQUE (deadline_id, due, remind_offset, chat_id)
    );
    CREATE INDEX nudge_deliveries_due ON nudge_deliveries (due);
    CREATE INDEX nudge_deliveries_chat ON nudge_deliveries (chat_id, due);
    CREATE TABLE nudge_acks (
      chat_id     TEXT NOT NULL,
      deadline_id TEXT NOT NULL,
      due         TEXT NOT NULL,
      acked_by    TEXT NOT NULL,
      acked_at    TEXT NOT NULL,
      PRIMARY KEY (chat_id, deadline_id, due)
    );
    CREATE TABLE nudge_snoozes (
      chat_id     TEXT NOT NULL,
      deadline_id TEXT NOT NULL,
      due         TEXT NOT NULL,
      until       TEXT NOT NULL,
      reminded    INTEGER NOT NULL DEFAULT 0,
      snoozed_by  TEXT NOT NULL,
      snoozed_at  TEXT NOT NULL,
      PRIMARY KEY (chat_id, deadline_id, due)
    );
    CREATE TABLE nudge_ledger_entries (
      chat_id     TEXT NOT NULL,
      month       TEXT NOT NULL,
      unit_name   TEXT NOT NULL,
      done        TEXT NOT NULL,
      plan        TEXT NOT NULL,
      contact     TEXT NOT NULL,
      phone       TEXT NOT NULL,
      reported_by TEXT NOT NULL,
      reported_at TEXT NOT NULL,
      PRIMARY KEY (chat_id, month)
    );
    CREATE TABLE nudge_ledger_sessions (
      chat_id    TEXT NOT NULL,
      user_id    TEXT NOT NULL,
      month      TEXT NOT NULL,
      step       TEXT NOT NULL,
      draft      TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (chat_id, user_id)
    );
  `,
};

/**
 * Nudges at scale, after a crash and by level: `unit_level` is the level (县级/乡级) stated at
 * /subscribe (else it follows from the unit name); `recovered` marks a delivery interrupted
 * mid-send by a stop and settled at the next start; `nudge_proactive_sends` counts the
 * proactive messages each chat got per Beijing day, so a channel's daily quota (WeCom: 10 per
 * chat) is never exceeded, across restarts.
 */
export const nudgeOutboxMigration: Migration = {
  id: "003-nudge-outbox",
  sql: `
    ALTER TABLE nudge_deliveries ADD COLUMN recovered INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE nudge_subscriptions ADD COLUMN unit_level TEXT CHECK (unit_level IN ('县级', '乡级'));
    CREATE INDEX nudge_deliveries_sending ON nudge_deliveries (chat_id) WHERE status = 'sending';
    CREATE TABLE nudge_proactive_sends (
      chat_id TEXT NOT NULL,
      day     TEXT NOT NULL,
      sent    INTEGER NOT NULL,
      PRIMARY KEY (chat_id, day)
    );
  `,
};

/**
 * /unsubscribe stops the reminders but keeps what the chat told us: its row stays, marked with
 * `unsubscribed_at`, so the unit name and level hold for /deadlines and a later /subscribe.
 */
export const nudgeUnsubscribedMigration: Migration = {
  id: "004-nudge-unsubscribed",
  sql: `ALTER TABLE nudge_subscriptions ADD COLUMN unsubscribed_at TEXT;`,
};

/**
 * The reminder ending a snooze is retried after a retryable send failure, like the planned
 * reminders (at least once, bounded): `attempts` counts its sends since the snooze was set.
 */
export const nudgeSnoozeAttemptsMigration: Migration = {
  id: "005-nudge-snooze-attempts",
  sql: `ALTER TABLE nudge_snoozes ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;`,
};

/**
 * The numbers (序号 1, 2, 3 …) a chat was last shown, in a merged reminder or a /deadlines list,
 * so that /ack 2 and /snooze 1 2 mean that list's items, also after a restart: one row per chat,
 * `items` a JSON array of [deadline id, due date] in the order shown.
 */
export const nudgeItemNumbersMigration: Migration = {
  id: "006-nudge-item-numbers",
  sql: `
    CREATE TABLE nudge_item_numbers (
      chat_id  TEXT PRIMARY KEY,
      items    TEXT NOT NULL,
      shown_in TEXT NOT NULL CHECK (shown_in IN ('reminder', 'list')),
      shown_at TEXT NOT NULL
    );
  `,
};

/** The nudges' migrations, in order (a database used by the nudges needs all of them). */
export const nudgesMigrations: Migration[] = [nudgesMigration, nudgeOutboxMigration, nudgeUnsubscribedMigration, nudgeSnoozeAttemptsMigration, nudgeItemNumbersMigration];

/**
 * The nudges' part of a chat move (Feature.chatMoved): chat-added deadlines always move (their
 * ids stay); for the other tables a key clash keeps the new chat's row.
 */
export const moveNudgesChat: ChatMovedHook = (db, from, to, result) => {
  moveAllRows(db, "nudge_chat_deadlines", from, to, result);
  moveKeyedRows(
    db,
    ["nudge_subscriptions", "nudge_mutes", "nudge_deliveries", "nudge_acks", "nudge_snoozes", "nudge_ledger_entries", "nudge_ledger_sessions", "nudge_proactive_sends", "nudge_item_numbers"],
    from,
    to,
    result,
  );
};
