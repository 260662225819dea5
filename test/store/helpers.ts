import path from "node:path";
import { ChatStore } from "../../src/store/chat-store.js";
import { nudgesMigrations } from "../../src/nudges/migration.js";
import { openDb, type Db } from "../../src/store/db.js";
import { tempDir } from "../core/helpers.js";

/** A real SQLite file in a fresh temp folder, migrated (the core and the nudges feature), with a ChatStore over it. */
export interface TempStore {
  file: string;
  db: Db;
  store: ChatStore;
  /** Closes the database and removes the folder. */
  close(): void;
}

/** Opens a TempStore; call close() after the test. */
export function openTempStore(prefix: string): TempStore {
  const tmp = tempDir(prefix);
  const file = path.join(tmp.dir, "bot.sqlite");
  const db = openDb(file, nudgesMigrations);
  return {
    file,
    db,
    store: new ChatStore(db),
    close: () => {
      db.close();
      tmp.cleanup();
    },
  };
}
