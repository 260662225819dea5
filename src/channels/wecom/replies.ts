/** Sending rendered replies through the SDK: as replies to a message, or proactively to a chat. */
import { generateReqId, type WSClient, type WsFrameHeaders } from "@wecom/aibot-node-sdk";
import type { OutboundMessage } from "../../core/channel.js";
import type { ChatFile } from "../../core/types.js";
import { WECOM_RATE_LIMIT_CODES } from "./facts.js";

/**
 * A send the platform refused or could not take, in the shape the nudge scheduler classifies
 * (`error_code`: 429 and 5xx may be retried, other codes are final; see classifyDeliveryError).
 */
export class WecomSendError extends Error {
  constructor(
    message: string,
    readonly error_code: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "WecomSendError";
  }
}

/**
 * Runs one SDK send, turning its failures into WecomSendError where the outcome is known: an
 * ack frame with a non-zero errcode (the SDK rejects with the frame itself, ws.ts
 * handleReplyAck) was surely not delivered; "WebSocket not connected" (ws.ts send) was never
 * sent. Anything else (an ack timeout) may have been delivered and is rethrown as is.
 */
export async function sdkSend<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (err) {
    const frame = err as { errcode?: unknown; errmsg?: unknown };
    if (typeof frame?.errcode === "number") {
      const code = WECOM_RATE_LIMIT_CODES.has(frame.errcode) ? 429 : 400;
      throw new WecomSendError(`WeCom refused the message: ${String(frame.errmsg)} (errcode ${frame.errcode})`, code, { cause: err });
    }
    if (err instanceof Error && /not connected/i.test(err.message)) throw new WecomSendError("WeCom connection is down", 503, { cause: err });
    throw err;
  }
}

/** Uploads a file as temporary media (SDK uploadMedia: init → chunks → finish) and returns its media_id. */
async function upload(client: WSClient, file: ChatFile): Promise<string> {
  const result = await sdkSend(() => client.uploadMedia(file.data, { type: "file", filename: file.name }));
  return result.media_id;
}

/**
 * Answers a message: each text as its own finished stream (SDK replyStream), the first one
 * reusing `openStream` when a "working on it" stream was opened; files as file replies
 * (SDK replyMedia after uploadMedia).
 */
export async function replyToFrame(client: WSClient, frame: WsFrameHeaders, messages: OutboundMessage[], openStream?: string): Promise<void> {
  let stream = openStream;
  for (const m of messages) {
    if (m.text.trim() !== "" || stream) {
      const id = stream ?? generateReqId("stream");
      stream = undefined;
      await sdkSend(() => client.replyStream(frame, id, m.text.trim() === "" ? "（已处理）" : m.text, true));
    }
    for (const file of m.files ?? []) {
      const mediaId = await upload(client, file);
      await sdkSend(() => client.replyMedia(frame, "file", mediaId));
    }
  }
  if (stream) await sdkSend(() => client.replyStream(frame, stream as string, "（已处理）", true));
}

/** Sends messages to a chat on the bot's own initiative (SDK sendMessage markdown / sendMediaMessage). */
export async function sendToChat(client: WSClient, target: string, messages: OutboundMessage[]): Promise<void> {
  for (const m of messages) {
    if (m.text.trim() !== "") await sdkSend(() => client.sendMessage(target, { msgtype: "markdown", markdown: { content: m.text } }));
    for (const file of m.files ?? []) {
      const mediaId = await upload(client, file);
      await sdkSend(() => client.sendMediaMessage(target, "file", mediaId));
    }
  }
}
