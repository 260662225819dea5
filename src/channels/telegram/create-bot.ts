/**
 * The grammY bot: one Composer per feature, per-chat sequentialisation (for the runner),
 * auto-retry on flood limits and network errors, and one error boundary.
 */
import { autoRetry } from "@grammyjs/auto-retry";
import { sequentialize } from "@grammyjs/runner";
import { Bot, GrammyError, HttpError } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotContext, TelegramDeps } from "./context.js";
import { callbacksFeature } from "./features/callbacks.js";
import { documentsFeature } from "./features/documents.js";
import { membershipFeature } from "./features/membership.js";
import { migrationFeature } from "./features/migration.js";
import { textFeature } from "./features/text.js";
import { chatKey } from "./inbound.js";

export interface CreateBotOptions extends TelegramDeps {
  /** Known bot identity (skips getMe; tests may pass it). */
  botInfo?: UserFromGetMe;
}

/**
 * Creates the bot (not started). Updates of one chat are handled one after another, different
 * chats concurrently; every failure in a feature ends in one error boundary (polling and webhook
 * alike), which logs it and apologises in the chat.
 */
export function createBot(deps: CreateBotOptions): Bot<BotContext> {
  const bot = new Bot<BotContext>(deps.token, { client: { apiRoot: deps.apiRoot }, botInfo: deps.botInfo });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 60 }));
  bot.use(sequentialize(chatKey));
  // One error boundary around every feature, so polling and webhook mode share it: with a
  // webhook, grammY rethrows from handleUpdate instead of calling bot.catch, which would leave
  // the chat without an apology and make Telegram re-send the update.
  const features = bot.errorBoundary(async (err) => {
    const e = err.error;
    const kind = e instanceof GrammyError ? "bot-api" : e instanceof HttpError ? "network" : "handler";
    deps.logger.error({ err: e, kind, update: err.ctx.update.update_id }, "telegram update failed");
    const chatId = err.ctx.chat?.id;
    if (chatId === undefined || kind === "network") return;
    await err.ctx.api
      .sendMessage(chatId, "抱歉，处理这条消息时出错了。您的草稿和目录都已保存，没有丢失；请稍后再试。")
      .catch(() => undefined);
  });
  features.use(migrationFeature(deps));
  features.use(textFeature(deps));
  features.use(documentsFeature(deps));
  features.use(callbacksFeature(deps));
  features.use(membershipFeature(deps));
  // Last resort for errors outside the features (e.g. in sequentialize); polling mode only.
  bot.catch((err) => {
    deps.logger.error({ err: err.error, update: err.ctx.update.update_id }, "telegram update failed outside the features");
  });
  return bot;
}
