/**
 * The WeCom intelligent-bot platform facts the channel relies on, each with where it comes
 * from. "SDK" means @wecom/aibot-node-sdk 1.0.7 (node_modules/@wecom/aibot-node-sdk/dist);
 * "issue 9" means WeCom's long-connection document (developer.work.weixin.qq.com/document/path/101463)
 * as summarised in issue 9, for facts the SDK does not state.
 */
import type { ChannelCapabilities } from "../../core/channel.js";

/**
 * A reply's markdown content is at most 20,480 UTF-8 bytes — SDK types/api.d.ts, StreamReplyBody
 * `content`: "最长不超过 20480 个字节，必须是 utf8 编码".
 */
export const WECOM_MAX_MESSAGE_BYTES = 20_480;

/** Proactive messages (aibot_send_msg) per chat per day — issue 9; the SDK sets no limit. */
export const WECOM_PROACTIVE_QUOTA_PER_DAY = 10;

/**
 * A streamed reply must finish within 6 minutes of the message — issue 9 (not in the SDK).
 * The channel finishes every stream it opens as soon as the answer is ready, and gives up on
 * a slow answer before this with an apology.
 */
export const WECOM_STREAM_DEADLINE_MS = 6 * 60_000;

/**
 * At most 30 replies per chat within 24 hours of a user's message — issue 9 (not in the SDK).
 * Enforced per inbound message by ReplyBudget (replies.ts), counting each platform message.
 */
export const WECOM_REPLIES_PER_MESSAGE_WINDOW = 30;

/**
 * WeCom as a channel:
 * - markdown replies (SDK: replyStream "回复内容（支持 Markdown）"; sendMessage msgtype "markdown"),
 *   WeCom's own subset — issue 9;
 * - no inline buttons for plain replies: choices are numbered (template cards exist in the SDK,
 *   but their clicks arrive as separate events that must be answered within 5 s, SDK
 *   updateTemplateCard; numbered answers keep drafting the same on every no-button platform);
 * - files reach the bot only in private chats — issue 9; the SDK's FileMessage carries no
 *   chat-type restriction of its own;
 * - proactive quota as above.
 */
export const WECOM_CAPABILITIES: ChannelCapabilities = {
  maxMessageBytes: WECOM_MAX_MESSAGE_BYTES,
  markdown: "wecom",
  buttons: false,
  filesInGroups: false,
  proactiveQuotaPerDay: WECOM_PROACTIVE_QUOTA_PER_DAY,
};

/**
 * WeCom error codes meaning "too often, try later" on a send. 45009 is WeCom's general
 * "接口调用超过限制" code (server API documentation; not in the SDK). Other non-zero codes are
 * refusals.
 */
export const WECOM_RATE_LIMIT_CODES: ReadonlySet<number> = new Set([45009]);
