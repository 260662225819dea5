/**
 * Sending rendered messages to a DingTalk chat: text as markdown through the message's
 * sessionWebhook while it is valid, otherwise (and for nudges) through the active-send APIs;
 * files always through the active-send APIs, since a sessionWebhook cannot carry files
 * (DingTalk docs "机器人发送消息的类型": File is "send via API" only).
 */
import type { OutboundMessage } from "../../core/channel.js";
import type { Logger } from "../../log.js";
import { DingTalkApiError, MAX_MEDIA_BYTES, type DingTalkApi, type RobotMessage } from "./api.js";
import type { DingTalkChat } from "./inbound.js";

/** The reply address of one inbound message. */
export interface SessionHandle {
  webhook: string;
  /** Epoch milliseconds (sessionWebhookExpiredTime). */
  expiresAt: number;
}

/** A sessionWebhook is not used in its last minute, so a reply never races its expiry. */
const SESSION_MARGIN_MS = 60_000;

/** Markdown title (shown in the chat list and notifications): the first line without marks, at most 20 characters. */
export function markdownTitle(text: string): string {
  const first = text.split("\n").find((l) => l.trim() !== "") ?? "政务公开目录助手";
  const plain = first.replace(/[#>*_`[\]()!|-]+/g, " ").replace(/\s+/g, " ").trim() || "政务公开目录助手";
  return [...plain].slice(0, 20).join("");
}

/**
 * DingTalk's markdown wants two spaces before a line break inside a paragraph (docs "自定义机器人"
 * markdown: "换行 … 建议\n前后分别加2个空格"); blank lines are left alone.
 */
export function dingtalkMarkdown(text: string): string {
  return text
    .split("\n")
    .map((line) => (line.trim() === "" || / {2}$/.test(line) ? line : `${line}  `))
    .join("\n");
}

/** Raised when a send failed after part of the messages had been delivered: never retried (see classifyDeliveryError). */
export class PartlyDeliveredError extends Error {
  constructor(delivered: number, options: { cause: unknown }) {
    super(`delivery failed after ${delivered} message(s) had been sent`, options);
    this.name = "PartlyDeliveredError";
  }
}

export interface SenderOptions {
  api: DingTalkApi;
  logger: Logger;
  now?: () => number;
}

/** Sends to chats of the registry. */
export class DingTalkSender {
  constructor(private readonly o: SenderOptions) {}

  private active(chat: DingTalkChat, message: RobotMessage): Promise<void> {
    if (!chat.target) throw new DingTalkApiError(`no address known for chat ${chat.chatId}`, 404);
    if (chat.chatType === "group") return this.o.api.sendToGroup(chat.target, message);
    return this.o.api.sendToUsers([chat.target], message);
  }

  private async text(chat: DingTalkChat, text: string, session: SessionHandle | undefined): Promise<void> {
    const markdown = { title: markdownTitle(text), text: dingtalkMarkdown(text) };
    const now = (this.o.now ?? Date.now)();
    if (session && session.expiresAt - SESSION_MARGIN_MS > now) {
      try {
        await this.o.api.replyBySession(session.webhook, markdown);
        return;
      } catch (err) {
        // Refused (e.g. the session ended early): the active API still reaches the chat.
        if (!(err instanceof DingTalkApiError)) throw err;
        this.o.logger.warn({ err, chatId: chat.chatId }, "sessionWebhook refused the reply; using the active-send API");
      }
    }
    await this.active(chat, { msgKey: "sampleMarkdown", msgParam: markdown });
  }

  private async file(chat: DingTalkChat, name: string, data: Buffer, session: SessionHandle | undefined): Promise<void> {
    if (data.length > MAX_MEDIA_BYTES) {
      const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
      await this.text(chat, `文件“${name}”有 ${mb(data.length)} MB，超过钉钉 ${mb(MAX_MEDIA_BYTES)} MB 的上限，没能发送。请缩小范围后再导出。`, session);
      return;
    }
    const mediaId = await this.o.api.uploadFile(name, data);
    const fileType = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "xlsx";
    await this.active(chat, { msgKey: "sampleFile", msgParam: { mediaId, fileName: name, fileType } });
  }

  /**
   * Sends the messages in order. A failure after something was delivered becomes a
   * PartlyDeliveredError (outcome partly known: must not be repeated); a failure before
   * anything was delivered is rethrown as is.
   */
  async send(chat: DingTalkChat, messages: readonly OutboundMessage[], session?: SessionHandle): Promise<void> {
    let delivered = 0;
    try {
      for (const m of messages) {
        if (m.text.trim() !== "") {
          await this.text(chat, m.text, session);
          delivered += 1;
        }
        for (const f of m.files ?? []) {
          await this.file(chat, f.name, f.data, session);
          delivered += 1;
        }
      }
    } catch (err) {
      if (delivered > 0) throw new PartlyDeliveredError(delivered, { cause: err });
      throw err;
    }
  }
}
