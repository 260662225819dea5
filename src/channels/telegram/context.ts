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
}

export type BotContext = Context;
