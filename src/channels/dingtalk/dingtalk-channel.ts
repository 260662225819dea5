/**
 * The DingTalk (钉钉) channel in Stream mode: an outbound WebSocket (dingtalk-stream), no public
 * URL. Each robot message is recorded when it arrives, handled in order with the other messages
 * of its chat, then marked handled and only then acknowledged (at least once: a stop before the
 * answer leaves it unacknowledged, DingTalk pushes it again and it is handled then); a
 * redelivery of a message already answered is acknowledged and ignored, also after a restart,
 * and one arriving while the message is still being handled waits for that. Replies go back through the
 * message's sessionWebhook or the active-send APIs (send.ts). The chats that wrote to the robot
 * are kept in a registry, which the nudges' outbox uses to reach them later.
 */
import type { DWClientDownStream } from "dingtalk-stream";
import type { BotCore } from "../../core/bot-core.js";
import { toCoreMessage, type ChannelCapabilities, type RunningChannel } from "../../core/channel.js";
import { rememberChoices, renderReplies } from "../../core/render.js";
import type { Outbox, Reply } from "../../core/types.js";
import type { Logger } from "../../log.js";
import { ChannelStore } from "../../store/channel-store.js";
import { ChatQueue } from "../chat-queue.js";
import { ChatStore } from "../../store/chat-store.js";
import type { Db } from "../../store/db.js";
import { DingTalkApi, DingTalkApiError, DingTalkNetworkError, FileTooLargeError } from "./api.js";
import { chatOf, DINGTALK_PREFIX, parseRobotMessage, toInbound, type DingTalkRobotMessage } from "./inbound.js";
import { DingTalkSender, type SessionHandle } from "./send.js";
import { DingTalkStream } from "./stream.js";
import { networkReason, stderrNotice } from "../connection-problems.js";

/**
 * What DingTalk carries. No buttons in plain markdown messages (choices become numbered lists);
 * files reach the robot only in private chats (docs "下载机器人接收消息的文件内容": in groups the
 * robot does not receive files); no documented per-chat daily quota for the robot send APIs.
 * The byte limit, about 4,000 Chinese characters, keeps each piece well under the group-send
 * API's 15,000-byte msgParam (docs "机器人发送群聊消息") after markdown line breaks and JSON escaping.
 */
export const DINGTALK_CAPABILITIES: ChannelCapabilities = {
  maxMessageBytes: 12_000,
  markdown: "dingtalk",
  buttons: false,
  filesInGroups: false,
};

export interface DingTalkChannelOptions {
  core: BotCore;
  db: Db;
  logger: Logger;
  clientId: string;
  clientSecret: string;
  /** Robot code; defaults to the client id (the robot of an enterprise internal app). */
  robotCode?: string;
  apiBase: string;
  oapiBase: string;
  maxUploadBytes: number;
  /** How long start-up waits for the first connection before going on (reconnecting in the background); default 15 s. */
  readyTimeoutMs?: number;
  /** Reconnect backoff (tests shorten it). */
  reconnect?: { initialDelayMs?: number; maxDelayMs?: number };
  /** Clock for sessionWebhook expiry (tests). */
  now?: () => number;
  /** Where a one-line Chinese notice for whoever runs the bot goes (not connected at start); default stderr. */
  notify?: (line: string) => void;
}

export interface DingTalkChannel extends RunningChannel {
  stream: DingTalkStream;
  /** Resolves when every message taken in so far has been handled and answered. */
  idle(): Promise<void>;
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

const UNREADABLE = "这类消息我还读不了。请发文字提问，或私聊发送 .xlsx 目录表格；发送 /help 查看用法。";

/**
 * Starts the channel: resolves once connected, or after `readyTimeoutMs` (then it keeps
 * connecting in the background); rejects, in Chinese, when the gateway refuses the credentials.
 */
export async function startDingTalk(o: DingTalkChannelOptions): Promise<DingTalkChannel> {
  const api = new DingTalkApi({ clientId: o.clientId, clientSecret: o.clientSecret, robotCode: o.robotCode ?? o.clientId, apiBase: o.apiBase, oapiBase: o.oapiBase });
  const channels = new ChannelStore(o.db);
  const chats = new ChatStore(o.db);
  const sender = new DingTalkSender({ api, logger: o.logger, now: o.now });
  const queue = new ChatQueue((err, chatId) => o.logger.error({ err, chatId }, "dingtalk message handling failed"));

  const download = async (code: string) => api.downloadFile(code, o.maxUploadBytes);

  const handle = async (m: DingTalkRobotMessage): Promise<void> => {
    const chat = chatOf(m);
    const session: SessionHandle | undefined = m.sessionWebhook && m.sessionWebhookExpiredTime ? { webhook: m.sessionWebhook, expiresAt: m.sessionWebhookExpiredTime } : undefined;
    const inbound = { ...toInbound(m, DINGTALK_CAPABILITIES, download), replyHandle: session };
    const file = inbound.files?.[0];
    let replies: Reply[];
    // A file the core would ignore is not downloaded at all.
    if (file && !o.core.accepts({ ...inbound, file: { name: file.name, data: Buffer.alloc(0) } })) return;
    if (!file && inbound.text === undefined) {
      // A picture, video or empty message: nothing the core reads. Say so rather than stay silent.
      await sender.send(chat, [{ text: UNREADABLE }], session);
      return;
    }
    try {
      replies = await o.core.handle(await toCoreMessage(inbound));
    } catch (err) {
      if (err instanceof FileTooLargeError) replies = [{ text: `文件“${file?.name}”超过了 ${mb(o.maxUploadBytes)} MB 的上限，没有处理。` }];
      else if (err instanceof DingTalkApiError || err instanceof DingTalkNetworkError) {
        o.logger.warn({ err, chatId: chat.chatId }, "dingtalk file download failed");
        replies = [{ text: `没能从钉钉取回文件“${file?.name}”，请稍后重新发送。` }];
      } else throw err;
    }
    await sender.send(chat, renderReplies(replies, DINGTALK_CAPABILITIES), session);
  };

  /** Frames of the messages being handled (the first push and any redelivery), acknowledged once it is answered. */
  const inFlight = new Map<string, DWClientDownStream[]>();

  const onMessage = (frame: DWClientDownStream) => {
    const m = parseRobotMessage(frame.data);
    if (!m) {
      o.logger.warn({ messageId: frame.headers.messageId }, "dingtalk frame without a usable robot message; dropped");
      stream.ack(frame);
      return;
    }
    const chat = chatOf(m);
    const waiting = inFlight.get(m.msgId);
    if (waiting) {
      // pushed again because the first push is not acknowledged yet: it is, once answered
      waiting.push(frame);
      o.logger.info({ msgId: m.msgId, chatId: chat.chatId }, "dingtalk message redelivered while being handled; acknowledged when answered");
      return;
    }
    const state = channels.receive(m.msgId, { ...chat, channel: "dingtalk", user: m.senderStaffId });
    if (state === "handled") {
      o.logger.info({ msgId: m.msgId, chatId: chat.chatId }, "dingtalk message redelivered; already handled");
      stream.ack(frame);
      return;
    }
    if (state === "pending") o.logger.warn({ msgId: m.msgId, chatId: chat.chatId }, "dingtalk message received before a stop but never answered; handling it now");
    inFlight.set(m.msgId, [frame]);
    queue.push(chat.chatId, async () => {
      try {
        await handle(m);
      } finally {
        // Handled even when the reply could not be sent: the core has acted on it, and handling
        // it again would act twice (the failure is logged by the queue).
        channels.markHandled("dingtalk", m.msgId);
        for (const f of inFlight.get(m.msgId) ?? []) stream.ack(f);
        inFlight.delete(m.msgId);
      }
    });
  };

  let refuse: (err: Error) => void = () => undefined;
  const refused = new Promise<never>((_, reject) => (refuse = reject));
  // Refusals after start-up only get logged (by the stream); this keeps them from going unhandled.
  refused.catch(() => undefined);
  const stream = new DingTalkStream({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    logger: o.logger,
    onMessage,
    onRefused: (status, err) =>
      refuse(
        new Error(
          `钉钉拒绝了连接（HTTP ${status}）：请检查 DINGTALK_CLIENT_ID 和 DINGTALK_CLIENT_SECRET 是否与钉钉开发者后台“凭证与基础信息”中的一致，并确认机器人的消息接收模式为 Stream 模式且应用已发布。`,
          { cause: err },
        ),
      ),
    ...o.reconnect,
  });
  stream.start();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      o.logger.warn("dingtalk not connected yet; reconnecting in the background");
      const status = (stream.lastError as { response?: { status?: number } } | undefined)?.response?.status;
      const why = stream.lastError === undefined ? "在限定时间内没有连上" : status ? `网关返回 HTTP ${status}` : networkReason(stream.lastError);
      (o.notify ?? stderrNotice)(
        `钉钉暂未连上 Stream 网关 api.dingtalk.com：${why}。正在后台重试；请检查本机能否访问 api.dingtalk.com（防火墙、代理），以及 DINGTALK_CLIENT_ID、DINGTALK_CLIENT_SECRET 是否正确。`,
      );
      resolve();
    }, o.readyTimeoutMs ?? 15_000);
  });
  try {
    await Promise.race([stream.ready, refused, waited]);
  } catch (err) {
    stream.stop();
    throw err;
  } finally {
    clearTimeout(timer);
  }

  const outbox: Outbox = async (chatId, replies) => {
    const chat = channels.chat(chatId);
    if (!chat) throw new DingTalkApiError(`dingtalk chat ${chatId} never wrote to the robot`, 404);
    // A numbered answer to a nudge's choices must find them, as for a reply.
    rememberChoices(chats, chatId, replies);
    await sender.send(chat, renderReplies(replies, DINGTALK_CAPABILITIES));
  };

  return {
    name: "dingtalk",
    capabilities: DINGTALK_CAPABILITIES,
    owns: (chatId) => chatId.startsWith(DINGTALK_PREFIX),
    outbox,
    stream,
    idle: () => queue.idle(),
    stop: async () => {
      stream.stop();
      await queue.idle();
    },
  };
}
