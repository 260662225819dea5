/** Sending the core's replies through the Bot API: text chunks, inline keyboards, edits, documents. */
import { GrammyError, InlineKeyboard, InputFile, type Api } from "grammy";
import { renderReplies } from "../../core/render.js";
import type { Choice, Reply } from "../../core/types.js";
import { TELEGRAM_CAPABILITIES } from "./context.js";

/** Longest text sent in one message (the Bot API allows 4096). */
const CHUNK = 4000;

/** Splits long text at line breaks into messages the Bot API accepts. */
export function chunkText(text: string, size = CHUNK): string[] {
  const body = text.trim() === "" ? "（空）" : text;
  if (body.length <= size) return [body];
  const chunks: string[] = [];
  let rest = body;
  while (rest.length > size) {
    let cut = rest.lastIndexOf("\n", size);
    if (cut < size / 2) cut = size;
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\n/, "");
  }
  if (rest) chunks.push(rest);
  return chunks;
}

/** Rows of choices as an inline keyboard. */
export function keyboard(choices: Choice[][] | undefined): InlineKeyboard | undefined {
  if (!choices || choices.length === 0) return undefined;
  return InlineKeyboard.from(choices.map((row) => row.map((c) => InlineKeyboard.text(c.label, c.data))));
}

/**
 * Sends replies to a chat. A reply with `replacesPrevious` edits `editMessageId` (the message
 * whose button was pressed) instead of sending a new message.
 */
export async function sendReplies(api: Api, chatId: number | string, replies: Reply[], editMessageId?: number): Promise<void> {
  for (const reply of renderReplies(replies, TELEGRAM_CAPABILITIES)) {
    const markup = keyboard(reply.choices);
    const chunks = chunkText(reply.text);
    if (reply.replacesPrevious && editMessageId !== undefined && chunks.length === 1) {
      try {
        await api.editMessageText(chatId, editMessageId, chunks[0] as string, { reply_markup: markup });
      } catch (err) {
        if (!(err instanceof GrammyError && /not modified/i.test(err.description))) throw err;
      }
    } else {
      for (let i = 0; i < chunks.length; i++) {
        const last = i === chunks.length - 1;
        await api.sendMessage(chatId, chunks[i] as string, last && markup ? { reply_markup: markup } : {});
      }
    }
    for (const file of reply.files ?? []) {
      await api.sendDocument(chatId, new InputFile(file.data, file.name));
    }
  }
}
