/**
 * The platform channels `npm start` can run, picked from the configuration: each entry says
 * whether it is configured and how to start it. Several run side by side in one process,
 * sharing the store and the nudges; with none configured, main runs the console. A new
 * platform is one more entry here.
 */
import type { Config } from "../config.js";
import type { BotCore } from "../core/bot-core.js";
import type { ChannelName, RunningChannel } from "../core/channel.js";
import type { Logger } from "../log.js";
import type { Db } from "../store/db.js";
import type { ChatMigrationResult } from "../store/migrate-chat.js";
import { TELEGRAM_CAPABILITIES } from "./telegram/context.js";
import { telegramProblem } from "./telegram/reachability.js";
import { startTelegram } from "./telegram/start-telegram.js";
import { startWecom } from "./wecom/start-wecom.js";
import { startDingTalk } from "./dingtalk/dingtalk-channel.js";

/** What a channel gets to start with. */
export interface ChannelContext {
  config: Config;
  core: BotCore;
  db: Db;
  logger: Logger;
  /** Moves a chat's saved data to a new chat id (every feature's tables). */
  chatMoved: (fromChatId: string, toChatId: string) => ChatMigrationResult;
}

/** A platform channel main can start. */
export interface PlatformChannel {
  name: ChannelName;
  /** Chinese name for start-up messages. */
  title: string;
  configured(config: Config): boolean;
  /** A quick check run at once at start (e.g. is the platform reachable); a Chinese problem, or undefined. */
  preflight?(config: Config): Promise<string | undefined>;
  /** Starts the channel; rejects with a Chinese message when it cannot run. */
  start(ctx: ChannelContext): Promise<RunningChannel>;
}

/** A channel that cannot start; `message` is Chinese, for the operator. */
export class ChannelStartError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ChannelStartError";
  }
}

const telegram: PlatformChannel = {
  name: "telegram",
  title: "Telegram",
  configured: (c) => !!c.telegram,
  preflight: (c) => telegramProblem({ apiRoot: c.telegram!.apiRoot, token: c.telegram!.token }),
  async start({ config, core, logger, chatMoved }) {
    const t = config.telegram!;
    const channel = await startTelegram({
      core, logger, token: t.token, apiRoot: t.apiRoot, maxUploadBytes: config.maxUploadBytes,
      webhookUrl: t.webhookUrl, webhookSecret: t.webhookSecret, port: t.port,
      onChatMigrated: (from, to) => {
        const { moved, dropped } = chatMoved(from, to);
        logger.info({ from, to, moved, dropped }, "chat data moved to the new chat id");
      },
    });
    return {
      name: "telegram",
      capabilities: TELEGRAM_CAPABILITIES,
      // Telegram chat ids are integers (negative for groups); other channels prefix theirs.
      owns: (chatId) => /^-?\d+$/.test(chatId),
      outbox: channel.outbox,
      stop: channel.stop,
    };
  },
};

const wecom: PlatformChannel = {
  name: "wecom",
  title: "企业微信",
  configured: (c) => !!c.wecom,
  start: ({ config, core, db, logger }) => {
    const w = config.wecom!;
    return startWecom({ core, db, logger, botId: w.botId, secret: w.secret, wsUrl: w.wsUrl, maxUploadBytes: config.maxUploadBytes }).catch((err: unknown) => {
      throw new ChannelStartError(err instanceof Error ? err.message : String(err), { cause: err });
    });
  },
};

const dingtalk: PlatformChannel = {
  name: "dingtalk",
  title: "钉钉",
  configured: (c) => !!c.dingtalk,
  start: ({ config, core, db, logger }) =>
    startDingTalk({ core, db, logger, ...config.dingtalk!, maxUploadBytes: config.maxUploadBytes }).catch((err: unknown) => {
      throw new ChannelStartError(err instanceof Error ? err.message : String(err), { cause: err });
    }),
};

/** Every platform channel, in start order. */
export const PLATFORM_CHANNELS: readonly PlatformChannel[] = [telegram, wecom, dingtalk];

/** The configured platform channels (none: the console runs). */
export function configuredChannels(config: Config): PlatformChannel[] {
  return PLATFORM_CHANNELS.filter((c) => c.configured(config));
}
