/** Reading a WeCom message callback (the SDK's BaseMessage body) into the channel's terms. */
import type { BaseMessage } from "@wecom/aibot-node-sdk";

/** Prefix of every WeCom chat id in the store, so chats of different platforms never meet. */
export const WECOM_PREFIX = "wecom:";

/** A WeCom chat: its store id, its kind, and the address proactive messages go to. */
export interface WecomChat {
  chatId: string;
  chatType: "private" | "group";
  /**
   * `chatid` for a group, the user's `userid` for a private chat — SDK client.d.ts sendMessage:
   * "单聊填用户的 userid，群聊填对应群聊的 chatid"; BaseMessage.chatid "仅群聊类型时返回".
   */
  target: string;
}

/** One message as the channel handles it. */
export interface WecomMessage extends WecomChat {
  /** BaseMessage.msgid: "本次回调的唯一性标志，用于事件排重" (SDK types/message.d.ts). */
  messageId: string;
  userId: string;
  text: string;
  /** An attached file: its encrypted URL (valid about five minutes) and its key. */
  file?: { url: string; aeskey?: string };
}

/** The chat of a callback body. */
export function chatOf(body: Pick<BaseMessage, "chattype" | "chatid" | "from">): WecomChat {
  if (body.chattype === "group" && body.chatid) return { chatId: `${WECOM_PREFIX}group:${body.chatid}`, chatType: "group", target: body.chatid };
  const user = body.from?.userid ?? "";
  return { chatId: `${WECOM_PREFIX}user:${user}`, chatType: "private", target: user };
}

/**
 * Removes the leading @mentions of a group message ("@政务公开助手 公开时限怎么写？"). WeCom
 * separates a mention with a space, often U+2005; bot names may be Chinese, so anything up
 * to that space counts.
 */
export function stripLeadingMentions(text: string): string {
  return text.replace(/^(?:[\s\u2005\u3000]*@[^\s\u2005\u3000]+[\s\u2005\u3000]*)+/u, "").trim();
}

/**
 * The message of a callback body, or undefined for kinds the bot does not read (images,
 * video). Voice arrives already as text (SDK VoiceContent: "语音转换成文本的内容"); a mixed
 * message contributes its text items.
 */
export function readMessage(body: BaseMessage): WecomMessage | undefined {
  const chat = chatOf(body);
  let raw: string | undefined;
  let file: WecomMessage["file"];
  switch (body.msgtype) {
    case "text":
      raw = body.text?.content;
      break;
    case "voice":
      raw = body.voice?.content;
      break;
    case "mixed":
      raw = (body.mixed?.msg_item ?? [])
        .filter((i: { msgtype: string }) => i.msgtype === "text")
        .map((i: { text?: { content?: string } }) => i.text?.content ?? "")
        .join("\n");
      break;
    case "file":
      if (body.file?.url) file = { url: body.file.url, aeskey: body.file.aeskey };
      raw = "";
      break;
    default:
      return undefined;
  }
  if (raw === undefined) return undefined;
  const text = chat.chatType === "group" ? stripLeadingMentions(raw) : raw.trim();
  return { ...chat, messageId: String(body.msgid), userId: body.from?.userid ?? "", text, file };
}
