import { statement, type Db } from "../store/db.js";
import { deadlineSchema, type Deadline } from "./deadlines.js";
import { parseStoredJson } from "../store/json.js";
import type { UnitLevel } from "./unit-level.js";

/** What a chat told us about its unit (/subscribe 单位名称 [县级|乡级], the ledger); kept after /unsubscribe. */
export interface ChatUnit {
  chatId: string;
  unitName?: string;
  /** The level stated at /subscribe (县级/乡级); see subscriptionLevel for the effective one. */
  unitLevel?: UnitLevel;
}

/** A subscribed chat (a unit's group). */
export interface Subscription extends ChatUnit {
  subscribedBy: string;
  subscribedAt: string;
}

/** A deadline added in a chat; it nudges only that chat. */
export interface ChatDeadline {
  chatId: string;
  deadline: Deadline;
}

const chatDeadlineSpec = deadlineSchema.omit({ id: true });

/**
 * SQLite access for what each chat asked of the nudges: its subscription and unit, muted
 * deadlines and chat-added deadlines (tables of migrations 002–004). An unsubscribed chat's
 * row stays (with `unsubscribed_at`), so its unit name and level survive a later /subscribe.
 */
export class SubscriptionStore {
  constructor(readonly db: Db) {}

  /**
   * Subscribes a chat: a new subscription, or a former one resumed (from `at`, keeping its unit);
   * a given name or level replaces the recorded one. Returns false if it already was subscribed.
   */
  subscribe(chatId: string, by: string, at: string, unitName?: string, unitLevel?: UnitLevel): boolean {
    const fresh =
      statement(this.db, "INSERT OR IGNORE INTO nudge_subscriptions (chat_id, unit_name, subscribed_by, subscribed_at, unit_level) VALUES (?, ?, ?, ?, ?)")
        .run(chatId, unitName ?? null, by, at, unitLevel ?? null).changes === 1 ||
      statement(this.db, "UPDATE nudge_subscriptions SET unsubscribed_at = NULL, subscribed_by = ?, subscribed_at = ? WHERE chat_id = ? AND unsubscribed_at IS NOT NULL")
        .run(by, at, chatId).changes === 1;
    // a new name without a level drops the stated one (the level then follows from the name)
    if (unitName) statement(this.db, "UPDATE nudge_subscriptions SET unit_name = ?, unit_level = ? WHERE chat_id = ?").run(unitName, unitLevel ?? null, chatId);
    else if (unitLevel) statement(this.db, "UPDATE nudge_subscriptions SET unit_level = ? WHERE chat_id = ?").run(unitLevel, chatId);
    return fresh;
  }

  /** Ends a chat's subscription (its unit name and level are kept) and clears its mutes; false if it was not subscribed. */
  unsubscribe(chatId: string, at: string): boolean {
    statement(this.db, "DELETE FROM nudge_mutes WHERE chat_id = ?").run(chatId);
    return statement(this.db, "UPDATE nudge_subscriptions SET unsubscribed_at = ? WHERE chat_id = ? AND unsubscribed_at IS NULL").run(at, chatId).changes === 1;
  }

  /** Records the unit name (基层单位) of a chat that is or was subscribed. */
  setUnitName(chatId: string, unitName: string): void {
    statement(this.db, "UPDATE nudge_subscriptions SET unit_name = ? WHERE chat_id = ?").run(unitName, chatId);
  }

  /** The chat's subscription, if it is subscribed. */
  subscription(chatId: string): Subscription | undefined {
    const r = statement(this.db, "SELECT * FROM nudge_subscriptions WHERE chat_id = ? AND unsubscribed_at IS NULL").get(chatId) as SubRow | undefined;
    return r && toSub(r);
  }

  /** The chat's unit as it told us, subscribed now or before; undefined if it never subscribed. */
  unit(chatId: string): ChatUnit | undefined {
    const r = statement(this.db, "SELECT * FROM nudge_subscriptions WHERE chat_id = ?").get(chatId) as SubRow | undefined;
    return r && { chatId: r.chat_id, unitName: r.unit_name ?? undefined, unitLevel: r.unit_level ?? undefined };
  }

  /** All subscribed chats, oldest first. */
  subscriptions(): Subscription[] {
    return (statement(this.db, "SELECT * FROM nudge_subscriptions WHERE unsubscribed_at IS NULL ORDER BY subscribed_at, chat_id").all() as SubRow[]).map(toSub);
  }

  /** Stops (muted = true) or resumes one deadline's nudges in a chat. */
  setMuted(chatId: string, deadlineId: string, muted: boolean): boolean {
    const sql = muted
      ? "INSERT OR IGNORE INTO nudge_mutes (chat_id, deadline_id) VALUES (?, ?)"
      : "DELETE FROM nudge_mutes WHERE chat_id = ? AND deadline_id = ?";
    return statement(this.db, sql).run(chatId, deadlineId).changes === 1;
  }

  /** Muted deadline ids per chat. */
  mutes(): Map<string, Set<string>> {
    const out = new Map<string, Set<string>>();
    for (const r of statement(this.db, "SELECT chat_id, deadline_id FROM nudge_mutes").all() as { chat_id: string; deadline_id: string }[]) {
      let s = out.get(r.chat_id);
      if (!s) out.set(r.chat_id, (s = new Set()));
      s.add(r.deadline_id);
    }
    return out;
  }

  /** Stores a chat-added deadline and returns it with its id ("c" + number). */
  addChatDeadline(chatId: string, spec: Omit<Deadline, "id">, by: string, at: string): Deadline {
    const r = statement(this.db, "INSERT INTO nudge_chat_deadlines (chat_id, deadline, created_by, created_at) VALUES (?, ?, ?, ?)")
      .run(chatId, JSON.stringify(spec), by, at);
    return { ...spec, id: `c${r.lastInsertRowid}` };
  }

  /** Deletes a chat-added deadline of this chat; false if there is none with this id. */
  removeChatDeadline(chatId: string, id: string): boolean {
    const seq = Number(id.slice(1));
    return statement(this.db, "DELETE FROM nudge_chat_deadlines WHERE seq = ? AND chat_id = ?").run(seq, chatId).changes === 1;
  }

  /** Chat-added deadlines (of one chat, or all); rows that no longer parse are skipped. */
  chatDeadlines(chatId?: string): ChatDeadline[] {
    const rows = (
      chatId === undefined
        ? statement(this.db, "SELECT * FROM nudge_chat_deadlines ORDER BY seq").all()
        : statement(this.db, "SELECT * FROM nudge_chat_deadlines WHERE chat_id = ? ORDER BY seq").all(chatId)
    ) as { seq: number; chat_id: string; deadline: string }[];
    const out: ChatDeadline[] = [];
    for (const r of rows) {
      const spec = chatDeadlineSpec.safeParse(parseStoredJson(r.deadline));
      if (spec.success) out.push({ chatId: r.chat_id, deadline: { ...spec.data, id: `c${r.seq}` } });
    }
    return out;
  }
}

interface SubRow {
  chat_id: string;
  unit_name: string | null;
  unit_level: UnitLevel | null;
  subscribed_by: string;
  subscribed_at: string;
}

function toSub(r: SubRow): Subscription {
  return { chatId: r.chat_id, unitName: r.unit_name ?? undefined, unitLevel: r.unit_level ?? undefined, subscribedBy: r.subscribed_by, subscribedAt: r.subscribed_at };
}
