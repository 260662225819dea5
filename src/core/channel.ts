/**
 * The one channel contract every platform adapter (console, Telegram, WeCom, DingTalk) follows.
 *
 * Inbound: an adapter turns a platform message into a {@link ChannelInbound} — the core's
 * {@link InboundMessage} (chatId, chatType, isAdmin, mentioned, text; userId/userName are its
 * `senderId`/`senderName`) plus the channel name, the platform message id, lazily fetched files
 * and an opaque reply handle. {@link toCoreMessage} turns it into what `BotCore.handle` takes.
 *
 * Outbound: the core answers with {@link Reply} values (text, choices, files); the adapter asks
 * `renderReplies` (render.ts) to shape them for its {@link ChannelCapabilities} — byte limit,
 * markdown dialect, buttons or a numbered list — and sends what comes back.
 *
 * Nudges: {@link routeOutbox} sends a proactive message through the channel that owns the chat
 * id, and {@link capabilitiesFor} gives the scheduler the per-chat proactive quota.
 */
import { renderReplies } from "./render.js";
import type { ChatFile, InboundMessage, Outbox, Reply } from "./types.js";

/** The platforms the bot runs on. A new platform adds its name here and one entry in main's channel table. */
export type ChannelName = "console" | "telegram" | "wecom" | "dingtalk";

/** How a channel renders markdown: "plain" shows the text as is; the others are platform subsets. */
export type MarkdownDialect = "plain" | "wecom" | "dingtalk";

/** What a platform can carry; the core renders replies for it. */
export interface ChannelCapabilities {
  /** Largest message text in UTF-8 bytes; longer replies are split. */
  maxMessageBytes: number;
  markdown: MarkdownDialect;
  /** Inline buttons; without them choices become a numbered list answered by number. */
  buttons: boolean;
  /** Whether files sent in a group reach the bot (else /check in a group asks for a private chat). */
  filesInGroups: boolean;
  /** Proactive (not replying) messages allowed per chat per day; undefined = no platform limit. */
  proactiveQuotaPerDay?: number;
}

/** A file that arrived with a message; fetched on demand (or early, when its URL expires). */
export interface InboundFile {
  name: string;
  /** Size in bytes when the platform announces it. */
  size?: number;
  fetch(): Promise<Buffer>;
}

/** The inbound side of the contract. */
export interface ChannelInbound extends InboundMessage {
  channel: ChannelName;
  /** The platform's id of this message (for de-duplication of redeliveries). */
  messageId: string;
  files?: InboundFile[];
  /** Whatever the adapter needs to answer this very message (e.g. WeCom's callback frame). */
  replyHandle?: unknown;
  capabilities: ChannelCapabilities;
}

/** The outbound side: one message as a channel sends it. */
export interface OutboundMessage {
  /** Text in the channel's markdown dialect, within its byte limit. */
  text: string;
  /** Rows of buttons (only for channels with buttons). */
  choices?: Reply["choices"];
  files?: ChatFile[];
  /** Replace the message whose button was pressed (channels with buttons). */
  replacesPrevious?: boolean;
}

/**
 * The core's message for an inbound one, with its first file fetched. The core checks one
 * file per message; further files are ignored.
 */
export async function toCoreMessage(msg: ChannelInbound): Promise<InboundMessage> {
  const first = msg.files?.[0];
  if (!first || msg.file) return msg;
  return { ...msg, file: { name: first.name, data: await first.fetch() } };
}

/** A running channel as main sees it. */
export interface RunningChannel {
  name: ChannelName;
  capabilities: ChannelCapabilities;
  /** Whether a stored chat id belongs to this channel. */
  owns(chatId: string): boolean;
  outbox: Outbox;
  stop(): Promise<void>;
}

/** An outbox sending each chat's nudges through the channel that owns the chat (unknown chats are refused). */
export function routeOutbox(channels: readonly RunningChannel[]): Outbox {
  return async (chatId, replies) => {
    const channel = channels.find((c) => c.owns(chatId));
    if (!channel) throw Object.assign(new Error(`no running channel owns chat ${chatId}`), { error_code: 404 });
    await channel.outbox(chatId, replies);
  };
}

/** The capabilities of the channel owning `chatId`, if one runs. */
export function capabilitiesFor(channels: readonly RunningChannel[], chatId: string): ChannelCapabilities | undefined {
  return channels.find((c) => c.owns(chatId))?.capabilities;
}

/**
 * How many platform messages `replies` make on the channel owning `chatId`, rendered as that
 * channel sends them (each text piece and each file is one): what a proactive quota counts.
 * One when no running channel owns the chat.
 */
export function platformMessagesFor(channels: readonly RunningChannel[], chatId: string, replies: Reply[]): number {
  const caps = capabilitiesFor(channels, chatId);
  if (!caps) return 1;
  return renderReplies(replies, caps).reduce((n, m) => n + (m.text.trim() !== "" ? 1 : 0) + (m.files?.length ?? 0), 0);
}
