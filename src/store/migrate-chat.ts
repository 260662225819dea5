/**
 * Moving a chat's data to a new chat id, for when Telegram upgrades a group to a supergroup
 * (the chat keeps its members and history but gets a new id).
 */
import type { Db } from "./db.js";

/**
 * Tables keyed (wholly or partly) by chat id, whose other key columns do not change with the
 * chat. Where the new id already has a row with the same key, the new chat's row is kept and
 * the old one dropped; every other row moves.
 */
const KEYED_TABLES = [
  "conversations",
  "drafts",
  "chat_settings",
  "nudge_subscriptions",
  "nudge_mutes",
  "nudge_deliveries",
  "nudge_acks",
  "nudge_snoozes",
  "nudge_ledger_entries",
  "nudge_ledger_sessions",
  "nudge_proactive_sends",
] as const;

/** Per-table counts of a chat migration. */
export interface ChatMigrationResult {
  /** Rows now under the new id, by table (tables with none are left out). */
  moved: Record<string, number>;
  /** Old rows dropped because the new id already had a row with the same key, by table. */
  dropped: Record<string, number>;
}

/**
 * Re-keys every row of chat `fromChatId` to `toChatId`, in one transaction. Catalogue rows and
 * chat-added deadlines always move (the old catalogue is appended after any rows the new chat
 * already has; chat-added deadline ids stay the same). For the other tables a key clash keeps
 * the new chat's row. Idempotent: once moved, nothing is left under the old id, so a second run
 * (e.g. for Telegram's second migration message) changes nothing.
 */
export function migrateChat(db: Db, fromChatId: string, toChatId: string): ChatMigrationResult {
  const result: ChatMigrationResult = { moved: {}, dropped: {} };
  if (fromChatId === toChatId) return result;
  const count = (n: number, table: string, into: Record<string, number>) => {
    if (n > 0) into[table] = n;
  };
  db.transaction(() => {
    const { p: offset } = db
      .prepare("SELECT COALESCE(MAX(position), 0) AS p FROM catalogue_rows WHERE chat_id = ?")
      .get(toChatId) as { p: number };
    count(
      db.prepare("UPDATE catalogue_rows SET chat_id = ?, position = position + ? WHERE chat_id = ?").run(toChatId, offset, fromChatId).changes,
      "catalogue_rows",
      result.moved,
    );
    count(
      db.prepare("UPDATE nudge_chat_deadlines SET chat_id = ? WHERE chat_id = ?").run(toChatId, fromChatId).changes,
      "nudge_chat_deadlines",
      result.moved,
    );
    for (const table of KEYED_TABLES) {
      // Table names come from the constant list above, never from input.
      const moved = db.prepare(`UPDATE OR IGNORE ${table} SET chat_id = ? WHERE chat_id = ?`).run(toChatId, fromChatId).changes;
      const dropped = db.prepare(`DELETE FROM ${table} WHERE chat_id = ?`).run(fromChatId).changes;
      count(moved, table, result.moved);
      count(dropped, table, result.dropped);
    }
  })();
  return result;
}
