import type { Db } from "./db.js";
import { parseStoredJson } from "./json.js";

/** A saved catalogue row as stored: `seq` is its 1-based place in the chat's catalogue. */
export interface StoredRow {
  id: number;
  seq: number;
  row: unknown;
}

/**
 * Per-chat persistence for the bot core: conversation state, the draft being edited, the
 * saved catalogue rows and settings. Values are stored as JSON; the core validates what it
 * reads back. Every method takes the chat id, and no query crosses chats.
 */
export class ChatStore {
  constructor(private readonly db: Db) {}

  /** Runs `fn` inside one SQLite transaction. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** The chat's conversation state, or undefined when the chat is idle / new. */
  getConversation(chatId: string): unknown {
    return this.getJson("conversations", "state", chatId);
  }

  /** Stores the chat's conversation state; undefined removes it. */
  setConversation(chatId: string, state: unknown): void {
    this.setJson("conversations", "state", chatId, state);
  }

  /** The chat's draft row, or undefined. */
  getDraft(chatId: string): unknown {
    return this.getJson("drafts", "draft", chatId);
  }

  /** Stores the chat's draft row; undefined removes it. */
  setDraft(chatId: string, draft: unknown): void {
    this.setJson("drafts", "draft", chatId, draft);
  }

  // One JSON value per chat in a (chat_id, <column>, updated_at) table; names come from code only.
  private getJson(table: "conversations" | "drafts", column: "state" | "draft", chatId: string): unknown {
    const r = this.db.prepare(`SELECT ${column} AS v FROM ${table} WHERE chat_id = ?`).get(chatId) as { v: string } | undefined;
    return r ? parseStoredJson(r.v) : undefined;
  }

  private setJson(table: "conversations" | "drafts", column: "state" | "draft", chatId: string, value: unknown): void {
    if (value === undefined) {
      this.db.prepare(`DELETE FROM ${table} WHERE chat_id = ?`).run(chatId);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO ${table} (chat_id, ${column}, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET ${column} = excluded.${column}, updated_at = excluded.updated_at`,
      )
      .run(chatId, JSON.stringify(value), new Date().toISOString());
  }

  /** The chat's saved rows in catalogue order, numbered from 1. */
  listRows(chatId: string): StoredRow[] {
    const rows = this.db
      .prepare("SELECT id, row FROM catalogue_rows WHERE chat_id = ? ORDER BY position, id")
      .all(chatId) as { id: number; row: string }[];
    return rows.map((r, i) => ({ id: r.id, seq: i + 1, row: parseStoredJson(r.row) }));
  }

  /** Number of saved rows of the chat. */
  countRows(chatId: string): number {
    const r = this.db.prepare("SELECT COUNT(*) AS n FROM catalogue_rows WHERE chat_id = ?").get(chatId) as {
      n: number;
    };
    return r.n;
  }

  /** Appends a row at the end of the chat's catalogue and returns its seq. */
  addRow(chatId: string, row: unknown): number {
    return this.transaction(() => {
      const max = this.db
        .prepare("SELECT COALESCE(MAX(position), 0) AS p FROM catalogue_rows WHERE chat_id = ?")
        .get(chatId) as { p: number };
      const now = new Date().toISOString();
      this.db
        .prepare("INSERT INTO catalogue_rows (chat_id, position, row, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
        .run(chatId, max.p + 1, JSON.stringify(row), now, now);
      return this.countRows(chatId);
    });
  }

  /** Replaces row `seq` of the chat; false when there is no such row. */
  replaceRow(chatId: string, seq: number, row: unknown): boolean {
    return this.transaction(() => {
      const target = this.listRows(chatId)[seq - 1];
      if (!target) return false;
      this.db
        .prepare("UPDATE catalogue_rows SET row = ?, updated_at = ? WHERE id = ? AND chat_id = ?")
        .run(JSON.stringify(row), new Date().toISOString(), target.id, chatId);
      return true;
    });
  }

  /** Deletes row `seq` of the chat (later rows move up by one); false when there is no such row. */
  deleteRow(chatId: string, seq: number): boolean {
    return this.transaction(() => {
      const target = this.listRows(chatId)[seq - 1];
      if (!target) return false;
      this.db.prepare("DELETE FROM catalogue_rows WHERE id = ? AND chat_id = ?").run(target.id, chatId);
      return true;
    });
  }

  /** Replaces all rows of the chat (used after an import). */
  replaceAllRows(chatId: string, rows: unknown[]): void {
    this.transaction(() => {
      this.db.prepare("DELETE FROM catalogue_rows WHERE chat_id = ?").run(chatId);
      rows.forEach((row) => this.addRow(chatId, row));
    });
  }

  /** A chat setting, or undefined. */
  getSetting(chatId: string, key: string): string | undefined {
    const r = this.db.prepare("SELECT value FROM chat_settings WHERE chat_id = ? AND key = ?").get(chatId, key) as
      | { value: string }
      | undefined;
    return r?.value;
  }

  /** Stores a chat setting; undefined removes it. */
  setSetting(chatId: string, key: string, value: string | undefined): void {
    if (value === undefined) {
      this.db.prepare("DELETE FROM chat_settings WHERE chat_id = ? AND key = ?").run(chatId, key);
      return;
    }
    this.db
      .prepare(
        `INSERT INTO chat_settings (chat_id, key, value) VALUES (?, ?, ?)
         ON CONFLICT (chat_id, key) DO UPDATE SET value = excluded.value`,
      )
      .run(chatId, key, value);
  }

  /** The question a sender asked last in the chat, as a follow-up is to read it (see 004-qa-context), or undefined. */
  lastQuestion(chatId: string, senderId: string): { question: string; askedAt: Date } | undefined {
    const r = this.db.prepare("SELECT question, asked_at FROM qa_context WHERE chat_id = ? AND sender_id = ?").get(chatId, senderId) as
      | { question: string; asked_at: string }
      | undefined;
    return r && { question: r.question, askedAt: new Date(r.asked_at) };
  }

  /** Records the question a sender asked last in the chat, replacing the one before. */
  setLastQuestion(chatId: string, senderId: string, question: string, askedAt: Date): void {
    this.db
      .prepare(
        `INSERT INTO qa_context (chat_id, sender_id, question, asked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (chat_id, sender_id) DO UPDATE SET question = excluded.question, asked_at = excluded.asked_at`,
      )
      .run(chatId, senderId, question, askedAt.toISOString());
  }
}
