import type { ChannelCapabilities, ChannelName } from "./channel.js";

/** A file travelling in or out of a chat. */
export interface ChatFile {
  name: string;
  data: Buffer;
}

/** One message from a channel, in channel-agnostic form. */
export interface InboundMessage {
  /** Stable chat id as text (Telegram ids and console ids alike). */
  chatId: string;
  chatType: "private" | "group";
  senderId: string;
  senderName?: string;
  /** The text, or a file's caption (a command caption addresses the file to the bot in a group). */
  text?: string;
  file?: ChatFile;
  /** The bot was @mentioned in the text. */
  mentioned: boolean;
  /** The message replies to one of the bot's own messages. */
  replyToBot: boolean;
  /** The sender administers the chat (always true in a private chat). */
  isAdmin: boolean;
  /** Data of a pressed button (a Choice.data), instead of text. */
  choice?: string;
  /** Clock, injectable for tests. */
  now?: Date;
  /** The platform it came from and what that platform can carry (see channel.ts); absent in core tests. */
  channel?: ChannelName;
  capabilities?: ChannelCapabilities;
}

/** A button offered with a reply. */
export interface Choice {
  label: string;
  data: string;
}

/** One reply to send. */
export interface Reply {
  text: string;
  /** Rows of buttons. */
  choices?: Choice[][];
  files?: ChatFile[];
  /** Replace the message whose button was pressed instead of sending a new one. */
  replacesPrevious?: boolean;
}

/** Sends replies to a chat on the bot's own initiative (nudges). Provided by the channel. */
export type Outbox = (chatId: string, replies: Reply[]) => Promise<void>;
