import type { Migration } from "./index.js";

/**
 * Nudges at scale, after a crash and by level: `unit_level` is the level (县级/乡级) stated at
 * /subscribe (else it follows from the unit name); `recovered` marks a delivery resent (or reported) once
 * after the bot stopped between claiming and finishing it; `nudge_proactive_sends` counts the
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
