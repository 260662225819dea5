import type { Migration } from "./index.js";

/**
 * The bot core's tables: per-chat conversation state, the row being drafted, the saved
 * catalogue rows and per-chat settings. Every table is keyed by chat id, so one chat's data
 * is never read for another.
 */
export const coreMigration: Migration = {
  id: "001-core",
  sql: `
    CREATE TABLE conversations (
      chat_id    TEXT PRIMARY KEY,
      state      TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE drafts (
      chat_id    TEXT PRIMARY KEY,
      draft      TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE TABLE catalogue_rows (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      chat_id    TEXT NOT NULL,
      position   INTEGER NOT NULL,
      row        TEXT NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
    CREATE INDEX catalogue_rows_chat ON catalogue_rows (chat_id, position);
    CREATE TABLE chat_settings (
      chat_id TEXT NOT NULL,
      key     TEXT NOT NULL,
      value   TEXT NOT NULL,
      PRIMARY KEY (chat_id, key)
    );
  `,
};
