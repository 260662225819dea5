import type { Context } from "grammy";
import type { BotCore } from "../../core/bot-core.js";
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
