/** Turning a grammY update into the core's InboundMessage. */
import type { MessageEntity, User } from "grammy/types";
import type { InboundMessage } from "../../core/types.js";
import { TELEGRAM_CAPABILITIES, type BotContext } from "./context.js";

/** Chat id as the core's text id. */
export function chatKey(ctx: BotContext): string | undefined {
  const id = ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id;
  return id === undefined ? undefined : String(id);
}

function entityText(text: string, e: MessageEntity): string {
  return text.slice(e.offset, e.offset + e.length);
}

/** A Telegram user's display name: first and last name, else the @username. */
export function senderName(from: User): string | undefined {
  return [from.first_name, from.last_name].filter(Boolean).join(" ") || from.username;
}

/** Whether the message mentions this bot, and its text with that mention removed. */
export function readMention(ctx: BotContext, text: string, entities: MessageEntity[] = []): { mentioned: boolean; text: string } {
  const username = ctx.me.username.toLowerCase();
  let mentioned = false;
  let out = text;
  // Remove from the end so offsets stay valid.
  for (const e of [...entities].sort((a, b) => b.offset - a.offset)) {
    const isMe =
      (e.type === "mention" && entityText(text, e).toLowerCase() === `@${username}`) ||
      (e.type === "text_mention" && e.user.id === ctx.me.id);
    if (!isMe) continue;
    mentioned = true;
    if (e.type === "mention") out = `${out.slice(0, e.offset)}${out.slice(e.offset + e.length)}`;
  }
  return { mentioned, text: out.replace(/^[\s,，:：]+/, "").trim() };
}

/** A command addressed to another bot ("/help@other_bot") is none of ours. */
export function commandForOtherBot(ctx: BotContext, text: string): boolean {
  const m = /^\s*\/[A-Za-z0-9_]+@(\w+)/.exec(text);
  return !!m && (m[1] as string).toLowerCase() !== ctx.me.username.toLowerCase();
}

/** Whether the sender administers the chat (always true in a private chat). Asked in groups only when `needed`. */
export async function senderIsAdmin(ctx: BotContext, needed: boolean): Promise<boolean> {
  if (ctx.chat?.type === "private") return true;
  // An anonymous admin posts as the group itself (from is GroupAnonymousBot, 1087968824), and
  // only administrators can post as the group.
  if (ctx.chat && ctx.message?.sender_chat?.id === ctx.chat.id) return true;
  if (!needed || !ctx.chat || !ctx.from) return false;
  try {
    const member = await ctx.api.getChatMember(ctx.chat.id, ctx.from.id);
    return member.status === "creator" || member.status === "administrator";
  } catch {
    return false;
  }
}

/** The core's message for a text or caption message (the file, if any, is added by the caller). */
export async function toInbound(ctx: BotContext, rawText: string, entities?: MessageEntity[]): Promise<InboundMessage | undefined> {
  const msg = ctx.message;
  const chatId = chatKey(ctx);
  if (!msg || chatId === undefined || !ctx.from) return undefined;
  const { mentioned, text } = readMention(ctx, rawText, entities);
  const isCommand = /^\s*[/／]/.test(text);
  const replyToBot = msg.reply_to_message?.from?.id === ctx.me.id;
  return {
    chatId,
    chatType: msg.chat.type === "private" ? "private" : "group",
    senderId: String(ctx.from.id),
    senderName: senderName(ctx.from),
    text,
    mentioned,
    replyToBot,
    // Only messages addressed to the bot can change anything (group roles), so only they ask.
    isAdmin: await senderIsAdmin(ctx, isCommand || mentioned || replyToBot),
    channel: "telegram",
    capabilities: TELEGRAM_CAPABILITIES,
  };
}
