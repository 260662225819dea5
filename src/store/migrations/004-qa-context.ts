import type { Migration } from "./index.js";

/**
 * The question each person asked last in each chat (the one a chain of follow-ups follows),
 * so that a short follow-up ("收费吗", "那乡镇呢") is read with it, also after a restart. One row
 * per chat and sender.
 */
export const qaContextMigration: Migration = {
  id: "004-qa-context",
  sql: `
    CREATE TABLE qa_context (
      chat_id   TEXT NOT NULL,
      sender_id TEXT NOT NULL,
      question  TEXT NOT NULL,
      asked_at  TEXT NOT NULL,
      PRIMARY KEY (chat_id, sender_id)
    );
  `,
};
