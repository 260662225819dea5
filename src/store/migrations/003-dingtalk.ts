import type { Migration } from "./index.js";

/**
 * The DingTalk channel: the chats it knows (where and how to send to them: the group's
 * openConversationId or the private user's staff id, the latest sessionWebhook and its expiry)
 * and the ids of the messages it has taken in, so a redelivered message is handled once.
 */
export const dingtalkMigration: Migration = {
  id: "003-dingtalk",
  sql: `
    CREATE TABLE dingtalk_chats (
      chat_id            TEXT PRIMARY KEY,
      chat_type          TEXT NOT NULL CHECK (chat_type IN ('private', 'group')),
      conversation_id    TEXT NOT NULL,
      user_id            TEXT,
      title              TEXT,
      session_webhook    TEXT,
      session_expires_at INTEGER,
      updated_at         TEXT NOT NULL
    );
    CREATE TABLE dingtalk_seen_messages (
      msg_id  TEXT PRIMARY KEY,
      chat_id TEXT NOT NULL,
      seen_at INTEGER NOT NULL
    );
    CREATE INDEX dingtalk_seen_messages_at ON dingtalk_seen_messages (seen_at);
  `,
};
