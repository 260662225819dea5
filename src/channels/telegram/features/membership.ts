/** The bot added to a group: greet it with the help text. */
import { Composer } from "grammy";
import type { BotContext, TelegramDeps } from "../context.js";
import { sendReplies } from "../replies.js";

/** Greets a group when the bot becomes a member of it. */
export function membershipFeature(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("my_chat_member", async (ctx) => {
    const update = ctx.myChatMember;
    const wasOut = update.old_chat_member.status === "left" || update.old_chat_member.status === "kicked";
    const isIn = update.new_chat_member.status === "member" || update.new_chat_member.status === "administrator";
    if (update.chat.type === "private" || !wasOut || !isIn) return;
    await sendReplies(ctx.api, update.chat.id, deps.core.greeting(String(update.chat.id), "group"));
  });
  return composer;
}
