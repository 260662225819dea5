/** A group upgraded to a supergroup gets a new chat id: move the chat's saved data along. */
import { Composer } from "grammy";
import type { BotContext, TelegramDeps } from "../context.js";

/**
 * Reacts to both service messages of a group upgrade: `migrate_to_chat_id` (in the old chat)
 * and `migrate_from_chat_id` (in the new one). Either one moves the data; the other finds
 * nothing left to move.
 */
export function migrationFeature(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const migrate = async (from: number, to: number) => {
    if (!deps.onChatMigrated) return;
    await deps.onChatMigrated(String(from), String(to));
    deps.logger.info({ from, to }, "telegram chat migrated to a new id");
  };
  composer.on("message:migrate_to_chat_id", (ctx) => migrate(ctx.chat.id, ctx.message.migrate_to_chat_id));
  composer.on("message:migrate_from_chat_id", (ctx) => migrate(ctx.message.migrate_from_chat_id, ctx.chat.id));
  return composer;
}
