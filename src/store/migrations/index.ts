import { coreMigration } from "./001-core.js";
import { channelsMigration } from "./003-channels.js";
import { qaContextMigration } from "./004-qa-context.js";
import { channelHandledMigration } from "./005-channel-handled.js";

/** A schema migration: applied once, in order, recorded by id. */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * The core's migrations, in order; features bring their own (Feature.migrations), applied
 * after these. Append, never edit an applied one.
 */
export const migrations: Migration[] = [coreMigration, channelsMigration, qaContextMigration, channelHandledMigration];
