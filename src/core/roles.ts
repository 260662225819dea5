/**
 * Group roles, one model for every feature: in a group, changing shared data (the catalogue,
 * its field, the ledger, the group's reminders) needs an administrator — or, for an unsaved
 * draft, its author; reading is open. In a private chat the official is their own admin.
 * Channels that know no admins rely on the configured list (ADMIN_USER_IDS).
 */
import type { InboundMessage } from "./types.js";

/** The sender's name for replies and records (their display name, else their id). */
export function senderLabel(msg: Pick<InboundMessage, "senderId" | "senderName">): string {
  return msg.senderName?.trim() || msg.senderId;
}

/** Whether the sender may change the chat's shared data: a private chat, a chat admin, or a listed user. */
export function isChatAdmin(msg: Pick<InboundMessage, "chatType" | "isAdmin" | "senderId">, adminUserIds: readonly string[] = []): boolean {
  return msg.chatType === "private" || msg.isAdmin || adminUserIds.includes(msg.senderId);
}

/** The refusal for a member who is not an admin; `what` completes "只有管理员可以…" (e.g. "删除目录事项"). */
export function adminOnlyText(what: string): string {
  return `在群里只有管理员可以${what}。请联系本群管理员操作。`;
}
