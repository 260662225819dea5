/** Text messages (questions, commands, drafting answers) → core → replies. */
import { Composer } from "grammy";
import type { BotContext, TelegramDeps } from "../context.js";
import { commandForOtherBot, toInbound } from "../inbound.js";
import { sendReplies } from "../replies.js";
import { withTyping } from "../typing.js";

/** Handles every text message; the core decides what a group message is addressed to. */
export function textFeature(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("message:text", async (ctx) => {
    const { text, entities } = ctx.message;
    if (commandForOtherBot(ctx, text)) return;
    const msg = await toInbound(ctx, text, entities);
    if (!msg) return;
    const replies = await withTyping(ctx.api, ctx.chat.id, () => deps.core.handle(msg));
    await sendReplies(ctx.api, ctx.chat.id, replies);
  });
  return composer;
}
