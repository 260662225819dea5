import type { Migration } from "./index.js";

/**
 * A platform message is recorded when it arrives and marked handled once it was answered, so a
 * channel that acknowledges only after handling (DingTalk Stream) can tell a redelivery of an
 * answered message (acknowledge, do nothing) from one a stop cut short (handle it now). Messages
 * recorded before this migration were handled at once: they count as handled.
 */
export const channelHandledMigration: Migration = {
  id: "005-channel-handled",
  sql: `
    ALTER TABLE channel_seen_messages ADD COLUMN handled_at TEXT;
    UPDATE channel_seen_messages SET handled_at = seen_at;
  `,
};
