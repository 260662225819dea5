/**
 * Moving a chat's data to a new chat id, for when Telegram upgrades a group to a supergroup
 * (the chat keeps its members and history but gets a new id). The store moves the core's
 * tables; each feature moves its own through a hook (Feature.chatMoved).
 */
import type { Db } from "./db.js";

/** Per-table counts of a chat migration. */
export interface ChatMigrationResult {
  /** Rows now under the new id, by table (tables with none are left out). */
  moved: Record<string, number>;
  /** Old rows dropped because the new id already had a row with the same key, by table. */
  dropped: Record<string, number>;
}

/** A feature's part of a chat move; runs inside the move's transaction and records its counts. */
export type ChatMovedHook = (db: Db, fromChatId: string, toChatId: string, result: ChatMigrationResult) => void;

/** Tables keyed by chat id (plus keys that do not change with the chat) of the core. */
const CORE_KEYED_TABLES = ["conversations", "drafts", "chat_settings", "channel_chats", "qa_context"] as const;

function count(n: number, table: string, into: Record<string, number>): void {
  if (n > 0) into[table] = n;
}

/**
 * Re-keys `tables` from one chat id to another. Where the new id already has a row with the
 * same key, the new chat's row is kept and the old one dropped; every other row moves.
 * Table names must come from code, never from input.
 */
export function moveKeyedRows(db: Db, tables: readonly string[], fromChatId: string, toChatId: string, result: ChatMigrationResult): void {
  for (const table of tables) {
    const moved = db.prepare(`UPDATE OR IGNORE ${table} SET chat_id = ? WHERE chat_id = ?`).run(toChatId, fromChatId).changes;
    const dropped = db.prepare(`DELETE FROM ${table} WHERE chat_id = ?`).run(fromChatId).changes;
    count(moved, table, result.moved);
    count(dropped, table, result.dropped);
  }
}

/** Moves every row of `table` to the new chat id (no key can clash). */
export function moveAllRows(db: Db, table: string, fromChatId: string, toChatId: string, result: ChatMigrationResult): void {
  count(db.prepare(`UPDATE ${table} SET chat_id = ? WHERE chat_id = ?`).run(toChatId, fromChatId).changes, table, result.moved);
}

/**
 * Re-keys every row of chat `fromChatId` to `toChatId`, in one transaction: the core's tables,
 * then each feature's through its hook. Catalogue rows always move (the old catalogue is
 * appended after any rows the new chat already has). Idempotent: once moved, nothing is left
 * under the old id, so a second run (e.g. for Telegram's second migration message) changes
 * nothing.
 */
export function migrateChat(db: Db, fromChatId: string, toChatId: string, hooks: readonly ChatMovedHook[] = []): ChatMigrationResult {
  const result: ChatMigrationResult = { moved: {}, dropped: {} };
  if (fromChatId === toChatId) return result;
  db.transaction(() => {
    const { p: offset } = db
      .prepare("SELECT COALESCE(MAX(position), 0) AS p FROM catalogue_rows WHERE chat_id = ?")
      .get(toChatId) as { p: number };
    count(
      db.prepare("UPDATE catalogue_rows SET chat_id = ?, position = position + ? WHERE chat_id = ?").run(toChatId, offset, fromChatId).changes,
      "catalogue_rows",
      result.moved,
    );
    moveKeyedRows(db, CORE_KEYED_TABLES, fromChatId, toChatId, result);
    for (const hook of hooks) hook(db, fromChatId, toChatId, result);
  })();
  return result;
}
