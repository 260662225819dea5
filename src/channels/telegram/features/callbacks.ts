/** Pressed inline buttons → core (as a choice) → an edit of the pressed message or new messages. */
import { Composer } from "grammy";
import type { InboundMessage } from "../../../core/types.js";
import { TELEGRAM_CAPABILITIES, type BotContext, type TelegramDeps } from "../context.js";
import { senderIsAdmin, senderName } from "../inbound.js";
import { sendReplies } from "../replies.js";

/** Handles callback queries from the bot's inline keyboards. */
export function callbacksFeature(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("callback_query:data", async (ctx) => {
    const message = ctx.callbackQuery.message;
    await ctx.answerCallbackQuery().catch(() => undefined);
    if (!message) return;
    const chat = message.chat;
    const msg: InboundMessage = {
      chatId: String(chat.id),
      chatType: chat.type === "private" ? "private" : "group",
      senderId: String(ctx.from.id),
      senderName: senderName(ctx.from),
      choice: ctx.callbackQuery.data,
      mentioned: false,
      replyToBot: true,
      isAdmin: await senderIsAdmin(ctx, chat.type !== "private"),
      channel: "telegram",
      capabilities: TELEGRAM_CAPABILITIES,
    };
    const replies = await deps.core.handle(msg);
    await sendReplies(ctx.api, chat.id, replies, message.message_id);
  });
  return composer;
}
