import type { Context } from "grammy";
import type { BotCore } from "../../core/bot-core.js";
import type { ChannelCapabilities } from "../../core/channel.js";
import type { Logger } from "../../log.js";

/** What the Telegram feature composers need. */
export interface TelegramDeps {
  core: BotCore;
  logger: Logger;
  /** Bot API root (https://api.telegram.org, or the fake server in tests). */
  apiRoot: string;
  token: string;
  /** Largest document accepted for download. */
  maxUploadBytes: number;
  /**
   * Called when Telegram moves a group to a new chat id (upgrade to a supergroup), so the
   * chat's saved data can follow it. Called for both of Telegram's messages; must be idempotent.
   */
  onChatMigrated?: (fromChatId: string, toChatId: string) => void | Promise<void>;
}

export type BotContext = Context;

/**
 * What Telegram carries: inline buttons, files in groups, no proactive quota per chat. The Bot
 * API limit is 4096 characters per message; the byte limit here (4096 three-byte characters)
 * only makes the core cut very long replies at a table or list boundary first, and
 * `chunkText` still enforces the character limit.
 */
export const TELEGRAM_CAPABILITIES: ChannelCapabilities = {
  maxMessageBytes: 4096 * 3,
  markdown: "plain",
  buttons: true,
  filesInGroups: true,
};
