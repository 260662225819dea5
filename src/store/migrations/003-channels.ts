import type { Migration } from "./index.js";

/**
 * What the platform channels keep: the messages already taken in (a platform that redelivers
 * a message is answered once) and the registry of chats that have spoken to the bot, with the
 * platform address a proactive message (a nudge) goes to.
 */
export const channelsMigration: Migration = {
  id: "003-channels",
  sql: `
    CREATE TABLE channel_seen_messages (
      channel    TEXT NOT NULL,
      message_id TEXT NOT NULL,
      seen_at    TEXT NOT NULL,
      PRIMARY KEY (channel, message_id)
    );
    CREATE INDEX channel_seen_messages_at ON channel_seen_messages (seen_at);
    CREATE TABLE channel_chats (
      chat_id    TEXT PRIMARY KEY,
      channel    TEXT NOT NULL,
      chat_type  TEXT NOT NULL,
      target     TEXT NOT NULL,
      last_user  TEXT,
      first_seen TEXT NOT NULL,
      last_seen  TEXT NOT NULL
    );
    CREATE INDEX channel_chats_channel ON channel_chats (channel);
  `,
};
