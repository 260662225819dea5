/**
 * What the DingTalk channel keeps in SQLite (migration 003-dingtalk): the chats that have
 * written to the robot, with what it takes to send to them later (nudges, late replies), and
 * the ids of messages already taken in.
 */
import type { Db } from "../../store/db.js";

/** A chat the robot can send to. */
export interface DingTalkChat {
  chatId: string;
  chatType: "private" | "group";
  /** The conversationId of the messages; for a group it is the openConversationId the group-send API takes. */
  conversationId: string;
  /** For a private chat: the user's id (senderStaffId), which the batch-send API takes. */
  userId?: string;
  title?: string;
  sessionWebhook?: string;
  /** Epoch milliseconds (sessionWebhookExpiredTime). */
  sessionExpiresAt?: number;
}

interface ChatRow {
  chat_id: string;
  chat_type: "private" | "group";
  conversation_id: string;
  user_id: string | null;
  title: string | null;
  session_webhook: string | null;
  session_expires_at: number | null;
}

/** How long a message id is remembered: far beyond DingTalk's redelivery window (about 60 s). */
const SEEN_RETENTION_MS = 7 * 24 * 3600_000;

/** The chat registry and the seen-message log. */
export class DingTalkRegistry {
  private inserts = 0;

  constructor(private readonly db: Db) {
    this.prune();
  }

  /** Records (or refreshes) a chat from one of its messages. */
  remember(chat: DingTalkChat): void {
    this.db
      .prepare(
        `INSERT INTO dingtalk_chats (chat_id, chat_type, conversation_id, user_id, title, session_webhook, session_expires_at, updated_at)
         VALUES (@chatId, @chatType, @conversationId, @userId, @title, @sessionWebhook, @sessionExpiresAt, @now)
         ON CONFLICT (chat_id) DO UPDATE SET
           chat_type = excluded.chat_type, conversation_id = excluded.conversation_id,
           user_id = COALESCE(excluded.user_id, user_id), title = COALESCE(excluded.title, title),
           session_webhook = COALESCE(excluded.session_webhook, session_webhook),
           session_expires_at = COALESCE(excluded.session_expires_at, session_expires_at),
           updated_at = excluded.updated_at`,
      )
      .run({
        chatId: chat.chatId,
        chatType: chat.chatType,
        conversationId: chat.conversationId,
        userId: chat.userId ?? null,
        title: chat.title ?? null,
        sessionWebhook: chat.sessionWebhook ?? null,
        sessionExpiresAt: chat.sessionExpiresAt ?? null,
        now: new Date().toISOString(),
      });
  }

  /** The chat, if it ever wrote to the robot. */
  chat(chatId: string): DingTalkChat | undefined {
    const r = this.db.prepare("SELECT * FROM dingtalk_chats WHERE chat_id = ?").get(chatId) as ChatRow | undefined;
    if (!r) return undefined;
    return {
      chatId: r.chat_id,
      chatType: r.chat_type,
      conversationId: r.conversation_id,
      userId: r.user_id ?? undefined,
      title: r.title ?? undefined,
      sessionWebhook: r.session_webhook ?? undefined,
      sessionExpiresAt: r.session_expires_at ?? undefined,
    };
  }

  /** Every known chat. */
  chats(): DingTalkChat[] {
    const ids = this.db.prepare("SELECT chat_id FROM dingtalk_chats ORDER BY chat_id").all() as { chat_id: string }[];
    return ids.flatMap((r) => this.chat(r.chat_id) ?? []);
  }

  /**
   * Records a message id; false when it was already recorded (a redelivery). Old ids are
   * dropped at start and every 500 new ones.
   */
  firstSeen(msgId: string, chatId: string, now = Date.now()): boolean {
    const inserted = this.db.prepare("INSERT OR IGNORE INTO dingtalk_seen_messages (msg_id, chat_id, seen_at) VALUES (?, ?, ?)").run(msgId, chatId, now).changes === 1;
    if (inserted && ++this.inserts % 500 === 0) this.prune(now);
    return inserted;
  }

  /** Forgets message ids older than the retention. */
  prune(now = Date.now()): void {
    this.db.prepare("DELETE FROM dingtalk_seen_messages WHERE seen_at < ?").run(now - SEEN_RETENTION_MS);
  }
}
