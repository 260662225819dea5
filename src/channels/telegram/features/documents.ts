/** Documents sent to the bot: downloaded from the Bot API and checked by the core. */
import { Composer } from "grammy";
import type { BotContext, TelegramDeps } from "../context.js";
import { DownloadError, downloadFile } from "../download.js";
import { commandForOtherBot, toInbound } from "../inbound.js";
import { sendReplies } from "../replies.js";
import { withTyping } from "../typing.js";

/** Handles documents (with their caption as text); refuses oversized ones before downloading. */
export function documentsFeature(deps: TelegramDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.on("message:document", async (ctx) => {
    const doc = ctx.message.document;
    const caption = ctx.message.caption ?? "";
    const inbound = await toInbound(ctx, caption, ctx.message.caption_entities);
    if (!inbound) return;
    // The caption goes along: "/check" (or "/check@this_bot") addresses the file in a group.
    const msg = { ...inbound, text: commandForOtherBot(ctx, caption) ? undefined : inbound.text };
    const name = doc.file_name ?? "未命名文件";
    // A group document not addressed to the bot (and not after /check) is not downloaded at all.
    if (!deps.core.accepts({ ...msg, file: { name, data: Buffer.alloc(0) } })) return;
    if (doc.file_size !== undefined && doc.file_size > deps.maxUploadBytes) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      await ctx.reply(`文件“${name}”有 ${mb(doc.file_size)} MB，超过了 ${mb(deps.maxUploadBytes)} MB 的上限，没有下载。`);
      return;
    }
    const replies = await withTyping(ctx.api, ctx.chat.id, async () => {
      let data: Buffer;
      try {
        data = await downloadFile({ api: ctx.api, apiRoot: deps.apiRoot, token: deps.token, fileId: doc.file_id, maxBytes: deps.maxUploadBytes });
      } catch (err) {
        if (err instanceof DownloadError) return [{ text: `没能收到“${name}”：${err.message}` }];
        throw err;
      }
      return deps.core.handle({ ...msg, file: { name, data } });
    });
    await sendReplies(ctx.api, ctx.chat.id, replies);
  });
  return composer;
}
