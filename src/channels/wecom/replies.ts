/** Sending rendered replies through the SDK: as replies to a message, or proactively to a chat. */
import { generateReqId, type WSClient, type WsFrameHeaders } from "@wecom/aibot-node-sdk";
import type { OutboundMessage } from "../../core/channel.js";
import type { ChatFile } from "../../core/types.js";
import { WECOM_RATE_LIMIT_CODES, WECOM_REPLIES_PER_MESSAGE_WINDOW } from "./facts.js";

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
 * A send of several platform messages that failed after some of them went out. It carries no
 * `error_code`, so the nudge scheduler counts it "outcome unknown": neither delivered nor
 * failed, never sent again (the parts that went out would be duplicated), and it stays counted
 * against the chat's daily quota.
 */
export class WecomPartialSendError extends Error {
  constructor(
    readonly delivered: number,
    readonly total: number,
    options?: { cause?: unknown },
  ) {
    super(`WeCom send failed after ${delivered} of ${total} messages went out; outcome unknown`, options);
    this.name = "WecomPartialSendError";
  }
}

/**
 * The replies WeCom takes for one inbound message (WECOM_REPLIES_PER_MESSAGE_WINDOW within 24 h
 * of it), counted per platform message: each stream opened (a "working on it" placeholder
 * included, which the answer then finishes) and each file reply is one.
 */
export class ReplyBudget {
  used = 0;
  constructor(readonly limit = WECOM_REPLIES_PER_MESSAGE_WINDOW) {}

  /** Replies still allowed. */
  get left(): number {
    return Math.max(0, this.limit - this.used);
  }
}

/** Shown as the last reply when an answer needs more replies than WeCom allows for one message. */
export function overBudgetText(dropped: number, limit: number): string {
  return `回复内容过多，企业微信对每条消息最多回复 ${limit} 条，其余 ${dropped} 条未能发送。请缩小范围后再问，或用 /export 导出表格查看全部内容。`;
}

/** One platform message of a reply: a text (a stream, possibly the open one) or a file. */
type Part = { kind: "text"; text: string } | { kind: "file"; file: ChatFile };

/**
 * Runs the sends of several platform messages in order: a failure after at least one went out
 * becomes a WecomPartialSendError (outcome unknown); a failure of the first is rethrown as is.
 */
async function sendParts<T>(parts: readonly T[], send: (part: T) => Promise<void>): Promise<void> {
  let delivered = 0;
  for (const part of parts) {
    try {
      await send(part);
    } catch (err) {
      if (delivered > 0) throw new WecomPartialSendError(delivered, parts.length, { cause: err });
      throw err;
    }
    delivered += 1;
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
 * reusing `openStream` when a "working on it" stream was opened (already counted in `budget`);
 * files as file replies (SDK replyMedia after uploadMedia). Within `budget`: an answer needing
 * more replies sends what fits and, last, says how many were left out. A failure after part of
 * the answer went out is a WecomPartialSendError.
 */
export async function replyToFrame(client: WSClient, frame: WsFrameHeaders, messages: OutboundMessage[], openStream?: string, budget = new ReplyBudget()): Promise<void> {
  const parts: Part[] = messages.flatMap((m): Part[] => [
    ...(m.text.trim() !== "" ? [{ kind: "text" as const, text: m.text }] : []),
    ...(m.files ?? []).map((file) => ({ kind: "file" as const, file })),
  ]);
  if (parts[0]?.kind !== "text" && openStream) parts.unshift({ kind: "text", text: "（已处理）" });
  // the open stream is counted already: its text costs nothing more
  const cost = parts.length - (openStream ? 1 : 0);
  if (cost > budget.left) {
    // nothing left and no open stream to finish: WeCom would refuse any reply
    if (budget.left === 0 && !openStream) return;
    const room = budget.left > 0 ? budget.left - 1 + (openStream ? 1 : 0) : 0;
    parts.splice(room, parts.length, { kind: "text", text: overBudgetText(parts.length - room, budget.limit) });
  }
  let stream = openStream;
  await sendParts(parts, async (part) => {
    if (part.kind === "text") {
      const id = stream ?? generateReqId("stream");
      if (!stream) budget.used += 1;
      stream = undefined;
      await sdkSend(() => client.replyStream(frame, id, part.text, true));
      return;
    }
    budget.used += 1;
    const mediaId = await upload(client, part.file);
    await sdkSend(() => client.replyMedia(frame, "file", mediaId));
  });
}

/**
 * Sends messages to a chat on the bot's own initiative (SDK sendMessage markdown /
 * sendMediaMessage). A failure after part of them went out is a WecomPartialSendError (outcome
 * unknown: a nudge is then not sent again, which would repeat the parts that arrived).
 */
export async function sendToChat(client: WSClient, target: string, messages: OutboundMessage[]): Promise<void> {
  const parts: Part[] = messages.flatMap((m): Part[] => [
    ...(m.text.trim() !== "" ? [{ kind: "text" as const, text: m.text }] : []),
    ...(m.files ?? []).map((file) => ({ kind: "file" as const, file })),
  ]);
  await sendParts(parts, async (part) => {
    if (part.kind === "text") {
      await sdkSend(() => client.sendMessage(target, { msgtype: "markdown", markdown: { content: part.text } }));
      return;
    }
    const mediaId = await upload(client, part.file);
    await sdkSend(() => client.sendMediaMessage(target, "file", mediaId));
  });
}
