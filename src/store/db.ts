import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { migrations, type Migration } from "./migrations/index.js";

export type Db = Database.Database;

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * A prepared statement for `sql` on `db`, prepared once and reused: preparing costs far more
 * than running, which matters in loops over thousands of chats (the nudge tick).
 */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = db.prepare(sql)));
  return stmt;
}

/** Raised when the database cannot be opened or migrated. */
export class StoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "StoreError";
  }
}

/**
 * Opens (creating if needed) the SQLite database at `file`, in WAL mode, and applies
 * pending migrations in order inside one transaction each: the core's, then `extra` (the
 * features' own, see Feature.migrations).
 */
export function openDb(file: string, extra: readonly Migration[] = []): Db {
  try {
    if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma("journal_mode = WAL");
    db.pragma("busy_timeout = 5000");
    db.pragma("foreign_keys = ON");
    migrate(db, [...migrations, ...extra]);
    return db;
  } catch (err) {
    throw new StoreError(`无法打开数据库 ${file}`, { cause: err });
  }
}

function migrate(db: Db, all: readonly Migration[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
  const applied = new Set(
    (db.prepare("SELECT id FROM schema_migrations").all() as { id: string }[]).map((r) => r.id),
  );
  for (const m of all) {
    if (applied.has(m.id)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)").run(m.id, new Date().toISOString());
    })();
  }
}
