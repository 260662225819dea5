import type { Db } from "./db.js";

/** A chat that has spoken to the bot on a platform channel. */
export interface KnownChat {
  chatId: string;
  channel: string;
  chatType: "private" | "group";
  /** The platform address proactive messages go to (a WeCom chatid or userid, …). */
  target: string;
  lastUser?: string;
  firstSeen: string;
  lastSeen: string;
}

interface ChatRow {
  chat_id: string;
  channel: string;
  chat_type: string;
  target: string;
  last_user: string | null;
  first_seen: string;
  last_seen: string;
}

/** Where a received platform message stands: first seen now, seen before but never answered (a stop cut it short), or answered. */
export type MessageState = "new" | "pending" | "handled";

/** A chat as a channel registers it on an inbound message. */
export interface ChatRegistration {
  chatId: string;
  channel: string;
  chatType: "private" | "group";
  target: string;
  user?: string;
}

/** How long a message id is remembered for de-duplication. */
const SEEN_DAYS = 7;

/**
 * The platform channels' own records: message ids already taken in (so a redelivered message
 * is handled once, across restarts) and the registry of chats that have spoken to the bot.
 */
export class ChannelStore {
  private pruned = 0;

  constructor(private readonly db: Db) {}

  /**
   * Records a message id as handled at once (at most once: a channel that cannot acknowledge
   * after handling); false when it was already recorded (a redelivery). Ids older than a week
   * are forgotten now and then.
   */
  claimMessage(channel: string, messageId: string, now = new Date()): boolean {
    this.prune(now);
    const at = now.toISOString();
    const r = this.db
      .prepare("INSERT OR IGNORE INTO channel_seen_messages (channel, message_id, seen_at, handled_at) VALUES (?, ?, ?, ?)")
      .run(channel, messageId, at, at);
    return r.changes === 1;
  }

  /**
   * Takes in a message: records its id (as handled) and registers its chat, in one transaction.
   * False (and nothing changed) when the id was already recorded.
   */
  takeIn(messageId: string, chat: ChatRegistration, now = new Date()): boolean {
    return this.db.transaction(() => {
      if (!this.claimMessage(chat.channel, messageId, now)) return false;
      this.touchChat(chat, now);
      return true;
    })();
  }

  /**
   * Receives a message for a channel that acknowledges only after handling (at least once):
   * records its id as pending and registers its chat, in one transaction, unless the id is
   * known. Returns "new", "pending" (received before but never marked handled: a stop cut its
   * handling short, so it is to be handled now) or "handled" (answered: a redelivery to ignore).
   */
  receive(messageId: string, chat: ChatRegistration, now = new Date()): MessageState {
    return this.db.transaction((): MessageState => {
      this.prune(now);
      const seen = this.db.prepare("SELECT handled_at FROM channel_seen_messages WHERE channel = ? AND message_id = ?").get(chat.channel, messageId) as
        | { handled_at: string | null }
        | undefined;
      if (seen) return seen.handled_at ? "handled" : "pending";
      this.db.prepare("INSERT INTO channel_seen_messages (channel, message_id, seen_at) VALUES (?, ?, ?)").run(chat.channel, messageId, now.toISOString());
      this.touchChat(chat, now);
      return "new";
    })();
  }

  /** Marks a received message as handled: a later redelivery is then ignored, across restarts. */
  markHandled(channel: string, messageId: string, now = new Date()): void {
    this.db.prepare("UPDATE channel_seen_messages SET handled_at = ? WHERE channel = ? AND message_id = ?").run(now.toISOString(), channel, messageId);
  }

  /** Forgets message ids older than a week, at most once an hour. */
  private prune(now: Date): void {
    if (now.getTime() - this.pruned <= 3_600_000) return;
    this.pruned = now.getTime();
    const cutoff = new Date(now.getTime() - SEEN_DAYS * 86_400_000).toISOString();
    this.db.prepare("DELETE FROM channel_seen_messages WHERE seen_at < ?").run(cutoff);
  }

  /** Registers (or refreshes) a chat that spoke to the bot. */
  touchChat(chat: ChatRegistration, now = new Date()): void {
    const at = now.toISOString();
    this.db
      .prepare(
        `INSERT INTO channel_chats (chat_id, channel, chat_type, target, last_user, first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (chat_id) DO UPDATE SET target = excluded.target, last_user = excluded.last_user, last_seen = excluded.last_seen`,
      )
      .run(chat.chatId, chat.channel, chat.chatType, chat.target, chat.user ?? null, at, at);
  }

  /** A registered chat, if it has spoken to the bot. */
  chat(chatId: string): KnownChat | undefined {
    const r = this.db.prepare("SELECT * FROM channel_chats WHERE chat_id = ?").get(chatId) as ChatRow | undefined;
    return r ? toChat(r) : undefined;
  }

  /** Every registered chat of a channel, oldest first (nudge targets). */
  chats(channel: string): KnownChat[] {
    return (this.db.prepare("SELECT * FROM channel_chats WHERE channel = ? ORDER BY first_seen, chat_id").all(channel) as ChatRow[]).map(toChat);
  }
}

function toChat(r: ChatRow): KnownChat {
  return {
    chatId: r.chat_id,
    channel: r.channel,
    chatType: r.chat_type === "group" ? "group" : "private",
    target: r.target,
    lastUser: r.last_user ?? undefined,
    firstSeen: r.first_seen,
    lastSeen: r.last_seen,
  };
}
