/**
 * The WeCom (企业微信) intelligent-bot channel over its long connection, with the official SDK
 * @wecom/aibot-node-sdk: an outbound WebSocket, no public URL. Messages are taken in fast
 * (de-duplicated by message id in the store, files downloaded at once), handled one chat at a
 * time in arrival order, and answered as markdown replies; nudges go out proactively to the
 * chats that have spoken to the bot.
 */
import { generateReqId, WSClient, type BaseMessage, type WsFrame } from "@wecom/aibot-node-sdk";
import type { BotCore } from "../../core/bot-core.js";
import { toCoreMessage, type ChannelInbound, type RunningChannel } from "../../core/channel.js";
import { rememberChoices, renderReplies } from "../../core/render.js";
import type { Outbox } from "../../core/types.js";
import type { Logger } from "../../log.js";
import { ChannelStore } from "../../store/channel-store.js";
import { ChatQueue } from "../chat-queue.js";
import { ChatStore } from "../../store/chat-store.js";
import type { Db } from "../../store/db.js";
import { WECOM_CAPABILITIES, WECOM_STREAM_DEADLINE_MS } from "./facts.js";
import { readMessage, WECOM_PREFIX, type WecomMessage } from "./inbound.js";
import { ReplyBudget, replyToFrame, sendToChat, WecomPartialSendError, WecomSendError } from "./replies.js";
import { networkReason, stderrNotice } from "../connection-problems.js";

export interface WecomChannelOptions {
  core: BotCore;
  db: Db;
  logger: Logger;
  botId: string;
  secret: string;
  /** WebSocket address; the SDK's default is wss://openws.work.weixin.qq.com (SDK ws.ts DEFAULT_WS_URL). */
  wsUrl?: string;
  maxUploadBytes: number;
  /** Base of the SDK's exponential reconnect back-off (doubling up to 30 s; SDK ws.ts scheduleReconnect). Default 1000. */
  reconnectIntervalMs?: number;
  /** SDK heartbeat interval (default 30 s). */
  heartbeatIntervalMs?: number;
  /** How long start-up waits for the first authentication before going on (and reconnecting in the background). */
  readyTimeoutMs?: number;
  /** Delay before a "working on it" stream is opened for a slow answer (default 800 ms). */
  placeholderDelayMs?: number;
  /** Where a one-line Chinese notice for whoever runs the bot goes (not connected at start); default stderr. */
  notify?: (line: string) => void;
}

export interface WecomChannel extends RunningChannel {
  /** Resolves once every message taken in so far has been answered. */
  idle(): Promise<void>;
}

const APOLOGY = "抱歉，处理这条消息时出错了。您的草稿和目录都已保存，没有丢失；请稍后再试。";
const WORKING = "⏳ 正在处理，请稍候……";

/** Connects to WeCom; resolves once authenticated (or, without a connection, after `readyTimeoutMs`, reconnecting on). */
export async function startWecom(o: WecomChannelOptions): Promise<WecomChannel> {
  const log = o.logger.child({ channel: "wecom" });
  const channels = new ChannelStore(o.db);
  const chats = new ChatStore(o.db);
  const client = new WSClient({
    botId: o.botId,
    secret: o.secret,
    wsUrl: o.wsUrl,
    // Reconnect for ever: the SDK's default gives up after 10 attempts (ws.ts scheduleReconnect).
    maxReconnectAttempts: -1,
    reconnectInterval: o.reconnectIntervalMs ?? 1000,
    heartbeatInterval: o.heartbeatIntervalMs ?? 30_000,
    logger: { debug: (m) => log.trace(m), info: (m) => log.debug(m), warn: (m, ...a) => log.debug({ detail: a }, m), error: (m, ...a) => log.debug({ detail: a }, m) },
  });

  const queue = new ChatQueue((err, chatId) => log.error({ err, chatId }, "wecom message failed"));

  /** Downloads and decrypts a file at once: its URL is valid about five minutes (SDK FileContent.url "五分钟内有效，已加密"). */
  const download = async (file: NonNullable<WecomMessage["file"]>): Promise<{ name: string; data: Buffer } | { error: string }> => {
    try {
      // The SDK decrypts with the message's own key: AES-256-CBC, IV = first 16 key bytes, PKCS#7 to 32 (SDK crypto.ts decryptFile).
      const { buffer, filename } = await client.downloadFile(file.url, file.aeskey);
      if (buffer.length > o.maxUploadBytes) return { error: `文件超过 ${(o.maxUploadBytes / 1024 / 1024).toFixed(0)} MB 的上限。` };
      return { name: filename ?? "未命名文件", data: buffer };
    } catch (err) {
      log.warn({ err }, "wecom file download failed");
      return { error: "下载文件失败（链接可能已过期），请重新发送。" };
    }
  };

  const onMessage = (frame: WsFrame<BaseMessage>) => {
    const body = frame.body;
    if (!body) return;
    const m = readMessage(body);
    if (!m || !m.userId) return;
    // WeCom may deliver a message again (e.g. after a reconnect); msgid is its de-duplication key.
    if (!channels.takeIn(m.messageId, { chatId: m.chatId, channel: "wecom", chatType: m.chatType, target: m.target, user: m.userId })) {
      log.info({ messageId: m.messageId, chatId: m.chatId }, "redelivered wecom message ignored");
      return;
    }
    const file = m.file ? download(m.file) : undefined;
    queue.push(m.chatId, () => answer(frame, m, file));
  };

  const answer = async (frame: WsFrame<BaseMessage>, m: WecomMessage, file: ReturnType<typeof download> | undefined) => {
    let stream: string | undefined;
    let finished = false;
    // replies to this message, counted per platform message (WeCom takes a limited number)
    const budget = new ReplyBudget();
    const placeholder = setTimeout(() => {
      if (budget.left === 0) return;
      budget.used += 1;
      stream = generateReqId("stream");
      client.replyStream(frame, stream, WORKING, false).catch((err: unknown) => log.debug({ err }, "wecom placeholder failed"));
    }, o.placeholderDelayMs ?? 800);
    // A stream left open must be finished within six minutes (issue 9): close it in time and
    // let the answer follow as new replies.
    const deadline = setTimeout(() => {
      if (!stream || finished) return;
      const open = stream;
      stream = undefined;
      client.replyStream(frame, open, "仍在处理中，结果稍后发送。", true).catch(() => undefined);
    }, WECOM_STREAM_DEADLINE_MS - 30_000);
    try {
      const received = file ? await file : undefined;
      if (received && "error" in received) {
        await replyToFrame(client, frame, [{ text: `没能收到文件：${received.error}` }], stream, budget);
        return;
      }
      const inbound: ChannelInbound = {
        channel: "wecom",
        capabilities: WECOM_CAPABILITIES,
        messageId: m.messageId,
        replyHandle: frame,
        chatId: m.chatId,
        chatType: m.chatType,
        senderId: `${WECOM_PREFIX}${m.userId}`,
        senderName: m.userId,
        text: m.text,
        // In a group the bot hears only messages that @-mention it (issue 9).
        mentioned: m.chatType === "group",
        replyToBot: false,
        // WeCom does not tell who administers a group: the core reads ADMIN_USER_IDS (wecom:userid)
        isAdmin: m.chatType === "private",
        files: received ? [{ name: received.name, size: received.data.length, fetch: async () => received.data }] : undefined,
      };
      const replies = await o.core.handle(await toCoreMessage(inbound));
      clearTimeout(placeholder);
      await replyToFrame(client, frame, renderReplies(replies, WECOM_CAPABILITIES), stream, budget);
    } catch (err) {
      log.error({ err, chatId: m.chatId }, "wecom message handling failed");
      // not after part of the answer went out: the apology would read as if nothing had
      if (!(err instanceof WecomPartialSendError)) await replyToFrame(client, frame, [{ text: APOLOGY }], stream, budget).catch(() => undefined);
    } finally {
      finished = true;
      clearTimeout(placeholder);
      clearTimeout(deadline);
    }
  };

  client.on("message", onMessage);
  client.on("event.enter_chat", (frame) => {
    const chat = frame.body?.from?.userid;
    if (!chat) return;
    const text = o.core.greeting(`${WECOM_PREFIX}user:${chat}`, "private")[0]?.text ?? "";
    // A welcome must be sent within 5 s of the event (SDK client.d.ts replyWelcome).
    client.replyWelcome(frame, { msgtype: "text", text: { content: text } }).catch((err: unknown) => log.debug({ err }, "wecom welcome failed"));
  });
  client.on("connected", () => log.info("wecom connection open, authenticating"));
  client.on("disconnected", (reason) => log.warn({ reason }, "wecom connection lost"));
  client.on("reconnecting", (attempt) => log.warn({ attempt }, "wecom reconnecting (back-off doubles up to 30 s)"));
  // One live connection per bot: a new one makes WeCom send disconnected_event to the old one,
  // and the SDK then stops reconnecting it (SDK ws.ts handleFrame, EventType.Disconnected).
  client.on("event.disconnected_event", () => log.error("another connection of this WeCom bot replaced this one; this process no longer receives messages"));

  const ready = new Promise<void>((resolve, reject) => {
    let settled = false;
    let lastError: Error | undefined;
    const timer = setTimeout(() => {
      settled = true;
      const wsUrl = o.wsUrl ?? "wss://openws.work.weixin.qq.com";
      log.warn({ wsUrl, err: lastError?.message }, "wecom not connected yet; reconnecting in the background");
      const why = lastError ? networkReason(lastError) : "在限定时间内没有完成连接和认证";
      (o.notify ?? stderrNotice)(
        `企业微信暂未连上 ${wsUrl}：${why}。正在后台重试；请检查本机能否访问该地址（防火墙、代理）、WECOM_WS_URL 是否正确（一般不用设置），以及 WECOM_BOT_ID、WECOM_BOT_SECRET。`,
      );
      resolve();
    }, o.readyTimeoutMs ?? 15_000);
    client.once("authenticated", () => {
      clearTimeout(timer);
      if (!settled) resolve();
      settled = true;
    });
    client.on("error", (err) => {
      lastError = err;
      log.error({ err: err.message }, "wecom connection error");
      if (!settled && /Authentication failed/.test(err.message)) {
        settled = true;
        clearTimeout(timer);
        client.disconnect();
        reject(new Error(`企业微信认证失败（${err.message}）：请检查 WECOM_BOT_ID 和 WECOM_BOT_SECRET 是否与管理后台“智能机器人”中的一致。`, { cause: err }));
      }
    });
  });
  client.on("authenticated", () => log.info("wecom connection ready"));
  client.connect();
  await ready;

  const outbox: Outbox = async (chatId, replies) => {
    const chat = channels.chat(chatId);
    if (!chat) throw new WecomSendError(`chat ${chatId} has never spoken to the bot`, 404);
    rememberChoices(chats, chatId, replies);
    await sendToChat(client, chat.target, renderReplies(replies, WECOM_CAPABILITIES));
  };

  return {
    name: "wecom",
    capabilities: WECOM_CAPABILITIES,
    owns: (chatId) => chatId.startsWith(WECOM_PREFIX),
    outbox,
    idle: () => queue.idle(),
    stop: async () => {
      await queue.idle();
      client.removeAllListeners();
      client.disconnect();
    },
  };
}
