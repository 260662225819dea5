import { statement, type Db } from "../store/db.js";
import { parseStoredJson } from "../store/json.js";

/** One unit's answer to the monthly ledger (附件2 row). */
export interface LedgerEntry {
  chatId: string;
  /** Reporting month, "YYYY-MM". */
  month: string;
  unitName: string;
  done: string;
  plan: string;
  contact: string;
  phone: string;
  reportedBy: string;
  reportedAt: string;
}

/** A ledger conversation in progress for one person in one chat. */
export interface LedgerSession {
  chatId: string;
  userId: string;
  month: string;
  step: string;
  draft: Partial<Pick<LedgerEntry, "unitName" | "done" | "plan" | "contact" | "phone">>;
}

/** SQLite access for the monthly ledger (工作台账): entries and conversation state. */
export class LedgerStore {
  constructor(readonly db: Db) {}

  /** Saves (replaces) a unit's ledger entry for a month. */
  saveLedgerEntry(e: LedgerEntry): void {
    statement(this.db, 
        `INSERT INTO nudge_ledger_entries (chat_id, month, unit_name, done, plan, contact, phone, reported_by, reported_at)
         VALUES (@chatId, @month, @unitName, @done, @plan, @contact, @phone, @reportedBy, @reportedAt)
         ON CONFLICT (chat_id, month) DO UPDATE SET unit_name = excluded.unit_name, done = excluded.done, plan = excluded.plan,
           contact = excluded.contact, phone = excluded.phone, reported_by = excluded.reported_by, reported_at = excluded.reported_at`,
      )
      .run(e);
  }

  /** The ledger entries of a month, in unit-name order. */
  ledgerEntries(month: string): LedgerEntry[] {
    return (
      statement(this.db, 
          `SELECT chat_id AS chatId, month, unit_name AS unitName, done, plan, contact, phone, reported_by AS reportedBy,
                  reported_at AS reportedAt
           FROM nudge_ledger_entries WHERE month = ? ORDER BY unit_name, chat_id`,
        )
        .all(month) as LedgerEntry[]
    );
  }

  /** The unit name of the chat's latest ledger entry (by month), if it ever reported one with a name. */
  latestUnit(chatId: string): { unitName: string; month: string } | undefined {
    const r = statement(this.db, "SELECT unit_name, month FROM nudge_ledger_entries WHERE chat_id = ? AND unit_name <> '' ORDER BY month DESC LIMIT 1").get(chatId) as
      | { unit_name: string; month: string }
      | undefined;
    return r && { unitName: r.unit_name, month: r.month };
  }

  /** The chats that have reported a month's ledger (one query, for the scheduler's tick). */
  reportedChats(month: string): Set<string> {
    const rows = statement(this.db, "SELECT chat_id FROM nudge_ledger_entries WHERE month = ?").pluck().all(month) as string[];
    return new Set(rows);
  }

  /** The ledger conversation of one person in one chat, if any. */
  ledgerSession(chatId: string, userId: string): LedgerSession | undefined {
    const r = statement(this.db, "SELECT * FROM nudge_ledger_sessions WHERE chat_id = ? AND user_id = ?").get(chatId, userId) as SessionRow | undefined;
    return r && sessionOf(r);
  }

  /** The unfinished ledger conversations of a chat, oldest first. */
  ledgerSessionsIn(chatId: string): LedgerSession[] {
    const rows = statement(this.db, "SELECT * FROM nudge_ledger_sessions WHERE chat_id = ? ORDER BY updated_at").all(chatId) as SessionRow[];
    return rows.map(sessionOf);
  }

  /** Stores a ledger conversation state; undefined ends it. */
  setLedgerSession(chatId: string, userId: string, s: Omit<LedgerSession, "chatId" | "userId"> | undefined, at: string): void {
    if (!s) {
      statement(this.db, "DELETE FROM nudge_ledger_sessions WHERE chat_id = ? AND user_id = ?").run(chatId, userId);
      return;
    }
    statement(this.db, 
        `INSERT INTO nudge_ledger_sessions (chat_id, user_id, month, step, draft, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (chat_id, user_id) DO UPDATE SET month = excluded.month, step = excluded.step, draft = excluded.draft,
           updated_at = excluded.updated_at`,
      )
      .run(chatId, userId, s.month, s.step, JSON.stringify(s.draft), at);
  }
}

/** A row of nudge_ledger_sessions. */
interface SessionRow {
  chat_id: string;
  user_id: string;
  month: string;
  step: string;
  draft: string;
}

function sessionOf(r: SessionRow): LedgerSession {
  const draft = parseStoredJson(r.draft);
  return { chatId: r.chat_id, userId: r.user_id, month: r.month, step: r.step, draft: draft && typeof draft === "object" ? (draft as LedgerSession["draft"]) : {} };
}
