/**
 * A DingTalk robot message (the JSON `data` of a Stream frame on /v1.0/im/bot/messages/get) in
 * the channel contract's form. Fields as in DingTalk's docs "机器人接收消息" and the SDK's
 * RobotMessageBase (dingtalk-stream dist/constants.d.ts).
 */
import type { ChannelCapabilities, ChannelInbound, InboundFile } from "../../core/channel.js";

/** Where a DingTalk chat is reached; `target` is what the active-send APIs take. */
export interface DingTalkChat {
  chatId: string;
  chatType: "private" | "group";
  /**
   * A group's openConversationId (the conversationId of its messages; docs "机器人发送群聊消息")
   * or a private chat's user id (senderStaffId; docs "批量发送人与机器人会话中机器人消息" userIds).
   */
  target: string;
}

/** The fields of a robot message the channel reads. */
export interface DingTalkRobotMessage {
  msgId: string;
  msgtype: string;
  /** "1" private chat (人与机器人单聊), "2" group. */
  conversationType: string;
  conversationId: string;
  conversationTitle?: string;
  senderId?: string;
  senderStaffId?: string;
  senderNick?: string;
  /** Whether the sender is an administrator (DingTalk docs: effective once the robot is published). */
  isAdmin?: boolean;
  isInAtList?: boolean;
  sessionWebhook?: string;
  sessionWebhookExpiredTime?: number;
  robotCode?: string;
  createAt?: number;
  text?: { content?: string };
  /** file: { downloadCode, fileName }; audio: { recognition, downloadCode }; richText: { richText: [...] }. */
  content?: {
    downloadCode?: string;
    fileName?: string;
    recognition?: string;
    richText?: { text?: string; type?: string; downloadCode?: string }[];
  };
}

/** Chat ids of DingTalk chats carry this prefix, so they never meet another platform's ids. */
export const DINGTALK_PREFIX = "dingtalk:";

/** Parses a frame's data; undefined when it is not a usable robot message. */
export function parseRobotMessage(data: string): DingTalkRobotMessage | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(data);
  } catch {
    return undefined;
  }
  const m = raw as Partial<DingTalkRobotMessage> | null;
  if (!m || typeof m.msgId !== "string" || typeof m.conversationId !== "string" || typeof m.msgtype !== "string") return undefined;
  if (m.conversationType !== "1" && m.conversationType !== "2") return undefined;
  return m as DingTalkRobotMessage;
}

/** The text of a message: text content, the text parts of rich text, or the speech recognition of a voice message. */
export function messageText(m: DingTalkRobotMessage): string | undefined {
  switch (m.msgtype) {
    case "text":
      return m.text?.content;
    case "richText":
      return (m.content?.richText ?? []).flatMap((p) => (typeof p.text === "string" ? [p.text] : [])).join("");
    case "audio":
      return m.content?.recognition;
    default:
      return undefined;
  }
}

/** The chat of a message; undefined target when a private message carries no user id. */
export function chatOf(m: DingTalkRobotMessage): DingTalkChat {
  const group = m.conversationType === "2";
  return {
    chatId: `${DINGTALK_PREFIX}${m.conversationId}`,
    chatType: group ? "group" : "private",
    target: group ? m.conversationId : (m.senderStaffId ?? ""),
  };
}

/**
 * The contract's inbound message. In a group DingTalk delivers a message only when the robot is
 * @-mentioned (docs "机器人接收消息"), so every group message counts as mentioned. `isAdmin` is
 * DingTalk's own flag for the sender; in a private chat the sender owns the chat.
 */
export function toInbound(
  m: DingTalkRobotMessage,
  capabilities: ChannelCapabilities,
  download: (downloadCode: string) => Promise<Buffer>,
): ChannelInbound {
  const chat = chatOf(m);
  const group = chat.chatType === "group";
  const text = messageText(m)?.replace(/^[\s\u00a0\u2005]+|\s+$/g, "");
  const files: InboundFile[] = [];
  const code = m.content?.downloadCode;
  if (m.msgtype === "file" && code) {
    files.push({ name: m.content?.fileName ?? "未命名文件", fetch: () => download(code) });
  }
  return {
    channel: "dingtalk",
    capabilities,
    messageId: m.msgId,
    chatId: chat.chatId,
    chatType: chat.chatType,
    senderId: `${DINGTALK_PREFIX}${m.senderStaffId ?? m.senderId ?? "unknown"}`,
    senderName: m.senderNick,
    text: text === "" ? undefined : text,
    files,
    mentioned: group ? m.isInAtList !== false : false,
    replyToBot: false,
    isAdmin: group ? m.isAdmin === true : true,
  };
}
