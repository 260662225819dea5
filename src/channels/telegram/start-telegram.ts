/**
 * Running the Telegram channel: long polling through @grammyjs/runner by default, or a webhook
 * server when TELEGRAM_WEBHOOK_URL is set. Registers the command menu and returns the outbox
 * the nudges use.
 */
import { randomBytes } from "node:crypto";
import http from "node:http";
import { run, type RunnerHandle } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { BotCore } from "../../core/bot-core.js";
import type { Outbox } from "../../core/types.js";
import type { Logger } from "../../log.js";
import { createBot } from "./create-bot.js";
import { sendReplies } from "./replies.js";

export interface TelegramChannelOptions {
  core: BotCore;
  logger: Logger;
  token: string;
  apiRoot: string;
  maxUploadBytes: number;
  /** Webhook mode when set (the public HTTPS address Telegram posts to). */
  webhookUrl?: string;
  webhookSecret?: string;
  /** Port of the webhook server. */
  port?: number;
  botInfo?: UserFromGetMe;
  /** Moves a chat's saved data when its id changes (group upgraded to a supergroup). */
  onChatMigrated?: (fromChatId: string, toChatId: string) => void | Promise<void>;
}

export interface TelegramChannel {
  outbox: Outbox;
  /** The bot's @username. */
  username: string;
  /** Port the webhook server listens on (webhook mode only). */
  port?: number;
  stop(): Promise<void>;
}

/** Starts the bot; resolves once it is receiving updates. */
export async function startTelegram(o: TelegramChannelOptions): Promise<TelegramChannel> {
  const bot = createBot(o);
  await bot.init();
  await bot.api.setMyCommands(o.core.commands());
  const outbox: Outbox = (chatId, replies) => sendReplies(bot.api, chatId, replies);

  if (o.webhookUrl) {
    // Without a secret anyone who learns the URL could post forged updates (as a group admin):
    // when none is configured, one is made for this run and given to Telegram with setWebhook.
    const secret = o.webhookSecret ?? randomBytes(32).toString("hex");
    const handler = webhookCallback(bot, "http", { secretToken: secret, onTimeout: "return", timeoutMilliseconds: 55_000 });
    const server = http.createServer((req, res) => {
      if (req.method !== "POST") {
        res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("ok");
        return;
      }
      // Feature errors end in the bot's error boundary; anything still thrown here happened after
      // the update was taken in, so it is answered 200 all the same: a 500 would make Telegram
      // re-send the update and repeat its side effects.
      handler(req, res).catch((err: unknown) => {
        o.logger.error({ err }, "webhook request failed");
        if (!res.headersSent) res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(o.port ?? 8080, resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : o.port;
    await bot.api.setWebhook(o.webhookUrl, { secret_token: secret, allowed_updates: ["message", "callback_query", "my_chat_member"] });
    o.logger.info({ url: o.webhookUrl, port }, "telegram bot listening for webhook updates");
    return {
      outbox,
      username: bot.botInfo.username,
      port,
      stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: ["message", "callback_query", "my_chat_member"] }, silent: true },
  });
  o.logger.info({ username: bot.botInfo.username }, "telegram bot polling for updates");
  return {
    outbox,
    username: bot.botInfo.username,
    stop: async () => {
      if (runner.isRunning()) await runner.stop();
    },
  };
}
