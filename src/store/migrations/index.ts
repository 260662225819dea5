import { coreMigration } from "./001-core.js";
import { nudgesMigration } from "./002-nudges.js";
import { nudgeOutboxMigration } from "./003-nudge-outbox.js";

/** A schema migration: applied once, in array order, recorded by id. */
export interface Migration {
  id: string;
  sql: string;
}

/**
 * All migrations in order. Each feature keeps its own file; append, never edit an applied one.
 */
export const migrations: Migration[] = [coreMigration, nudgesMigration, nudgeOutboxMigration];
