/**
 * A feature of the bot core (drafting, workbooks, Q&A, nudges …), registered in order like a
 * grammY composer: it declares its commands, the text it answers, its buttons, its files and
 * its part of /cancel. Routing, /help and the command menu are all derived from the features.
 */
import type { Migration } from "../store/migrations/index.js";
import type { ChatMovedHook } from "../store/migrate-chat.js";
import type { ParsedCommand } from "./intent.js";
import type { ChatFile, InboundMessage, Reply } from "./types.js";

/** A command with its short Chinese description (Telegram setMyCommands). */
export interface CommandInfo {
  command: string;
  description: string;
}

type Replies = Reply[] | Promise<Reply[]>;

/** One chat command of a feature. */
export interface FeatureCommand {
  /** Lower-case Latin name, without the slash. */
  name: string;
  /** Short Chinese description for the command menu. */
  description: string;
  /** The /help line(s); a function when private and group chats differ; omitted: not in /help. */
  help?: string | ((o: { group: boolean }) => string);
  /**
   * In groups only administrators may run it; the text completes "在群里只有管理员可以…"
   * (e.g. "删除目录事项"). The core checks it before `handle`.
   */
  adminOnly?: string;
  /** Runs the command; `cmd` is the parsed message (same rules for every feature). */
  handle(msg: InboundMessage, cmd: ParsedCommand): Replies;
}

/**
 * Which text a feature answers, and so in which pass it is asked: "sender" (a conversation
 * held with this sender, e.g. the ledger), then "chat" (the chat's shared work, e.g. its
 * draft), then "any" (the catch-all: questions). Within a pass, registration order.
 */
export type TextScope = "sender" | "chat" | "any";

export const TEXT_SCOPES: readonly TextScope[] = ["sender", "chat", "any"];

export interface Feature {
  name: string;
  /** Title of the feature's /help section (its commands' help lines follow). */
  helpTitle?: string;
  commands?: readonly FeatureCommand[];
  /**
   * Plain text addressed to the bot; null lets the next feature try. `verbatim`: the feature is
   * waiting for a data value from this sender (a cell of a form, such as a person's name), taken
   * as typed — the core's pinyin guard ("请用汉字") then does not apply, since a name or code may
   * rightly be written in Latin letters.
   */
  text?: { scope: TextScope; handle(msg: InboundMessage, text: string): Promise<Reply[] | null>; verbatim?(msg: InboundMessage): boolean };
  /** Pressed buttons whose data starts with `${prefix}:` (see ButtonCodec). */
  buttons?: { prefix: string; handle(msg: InboundMessage, data: string): Replies };
  /** Uploaded files. `awaiting` tells the core the chat asked for one (a group's next file counts). */
  files?: { awaiting(chatId: string): boolean; handle(msg: InboundMessage, file: ChatFile): Replies };
  /** When the chat starts again (a restart): its unfinished conversation in this feature, to continue; null when there is none. */
  resume?(chatId: string): Reply | null;
  /** On /cancel: ends this feature's part of the conversation, saying so; null when there was none. */
  cancel?(msg: InboundMessage): Reply[] | null;
  /** Schema migrations of the feature's own tables (applied after the core's, in order). */
  migrations?: readonly Migration[];
  /** Moves the feature's rows when a chat gets a new id (Telegram group → supergroup). */
  chatMoved?: ChatMovedHook;
}

/** Packs a feature's button data into Choice.data and back: `${prefix}:…`, at most 64 bytes. */
export interface ButtonCodec<T> {
  prefix: string;
  pack(value: T): string;
  /** The value, or null for data that is not this feature's or no longer valid. */
  unpack(data: string): T | null;
}

/**
 * A codec over colon-separated parts: `encode` gives the parts after the prefix, `decode` reads
 * them back (null when they do not form a valid value). Parts must not contain ":".
 */
export function colonCodec<T>(prefix: string, encode: (v: T) => readonly (string | number)[], decode: (parts: string[]) => T | null): ButtonCodec<T> {
  return {
    prefix,
    pack: (v) => [prefix, ...encode(v)].join(":"),
    unpack: (data) => {
      const [head, ...parts] = data.split(":");
      return head === prefix ? decode(parts) : null;
    },
  };
}

/** A whole, non-negative number written in ASCII digits, or null. */
export function wholeNumber(s: string | undefined): number | null {
  return s !== undefined && /^\d{1,6}$/.test(s) ? Number(s) : null;
}
