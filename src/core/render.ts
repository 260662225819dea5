/**
 * Rendering the core's replies for a channel's capabilities (see channel.ts): long texts split
 * on UTF-8 bytes without breaking a table or a list, and choices as a numbered list where the
 * platform has no buttons. The numbers offered to a chat are kept in the store, so a numbered
 * answer still maps back to its choice after a restart.
 */
import type { ChatStore } from "../store/chat-store.js";
import type { ChannelCapabilities, OutboundMessage } from "./channel.js";
import { forDialect } from "./markdown-dialect.js";
import type { Choice, InboundMessage, Reply } from "./types.js";

/** Size of a text in UTF-8 bytes. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

const TABLE_LINE = /^\s*\|/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}/;
/** A list item: "- x", "• x", "1. x", "1、x", "(1) x", "（一）x", "一、x", "R07 警告｜…" lines are not items. */
const LIST_ITEM = /^\s*(?:[-*+•·▪◦]\s|\d{1,3}[.、)）]\s?|[（(][\d一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]{1,3}、)/;

interface Block {
  kind: "table" | "list" | "line";
  /** Lines of a table (header first) or items of a list (each possibly several lines). */
  units: string[];
  /** Lines repeated at the top of each piece when a table must be cut (header and rule). */
  header: string[];
}

/** Groups lines into tables, lists (items with their indented continuation lines) and single lines. */
function blocksOf(text: string): Block[] {
  const blocks: Block[] = [];
  for (const line of text.split("\n")) {
    const last = blocks.at(-1);
    if (TABLE_LINE.test(line)) {
      if (last?.kind === "table") last.units.push(line);
      else blocks.push({ kind: "table", units: [line], header: [] });
      continue;
    }
    if (LIST_ITEM.test(line)) {
      if (last?.kind === "list") last.units.push(line);
      else blocks.push({ kind: "list", units: [line], header: [] });
      continue;
    }
    if (last?.kind === "list" && /^\s+\S/.test(line)) {
      last.units[last.units.length - 1] += `\n${line}`;
      continue;
    }
    blocks.push({ kind: "line", units: [line], header: [] });
  }
  for (const b of blocks) {
    if (b.kind === "table" && b.units.length >= 2 && TABLE_RULE.test(b.units[1] as string)) b.header = b.units.splice(0, 2);
  }
  return blocks;
}

/** Cuts one overlong line into pieces of at most `maxBytes`, never inside a character. */
function cutLine(line: string, maxBytes: number): string[] {
  const pieces: string[] = [];
  let piece = "";
  let size = 0;
  for (const ch of line) {
    const n = utf8Bytes(ch);
    if (size + n > maxBytes && piece) {
      pieces.push(piece);
      piece = "";
      size = 0;
    }
    piece += ch;
    size += n;
  }
  if (piece || pieces.length === 0) pieces.push(piece);
  return pieces;
}

/**
 * Splits a text into messages of at most `maxBytes` UTF-8 bytes. Cuts fall between lines, and
 * a table or list stays in one message unless it alone is longer than a message: then it is
 * cut between rows (repeating a table's header) or between items. Only a single line longer
 * than a message is cut inside the line.
 */
export function splitMessage(text: string, maxBytes: number): string[] {
  if (utf8Bytes(text) <= maxBytes) return [text];
  const chunks: string[] = [];
  let current: string[] = [];
  const size = (lines: string[]) => utf8Bytes(lines.join("\n"));
  const flush = () => {
    while (current.length && current.at(-1)?.trim() === "") current.pop();
    if (current.length) chunks.push(current.join("\n"));
    current = [];
  };
  const add = (unit: string) => {
    if (current.length === 0 && unit.trim() === "") return;
    if (size([...current, unit]) <= maxBytes) {
      current.push(unit);
      return;
    }
    flush();
    if (utf8Bytes(unit) <= maxBytes) current.push(unit);
    else for (const line of unit.split("\n")) for (const piece of cutLine(line, maxBytes)) add(piece);
  };
  for (const block of blocksOf(text)) {
    const whole = [...block.header, ...block.units].join("\n");
    if (size([...current, whole]) <= maxBytes) {
      current.push(whole);
      continue;
    }
    if (utf8Bytes(whole) <= maxBytes) {
      flush();
      current.push(whole);
      continue;
    }
    flush();
    const header = block.header.join("\n");
    const headerFits = header !== "" && utf8Bytes(header) * 2 < maxBytes;
    for (const unit of block.units) {
      if (headerFits && current.length === 0) current.push(header);
      if (headerFits && size([...current, unit]) > maxBytes && current.length > 1) {
        flush();
        current.push(header);
      }
      add(unit);
    }
  }
  flush();
  return chunks.length ? chunks : [""];
}

/** Setting under which a chat's numbered choices are kept (chat_settings). */
const CHOICES_KEY = "numberedChoices";

/** Choices offered by number, and to whom: a sender's id, or "" for a proactive message to the chat. */
interface OfferedChoices {
  to: string;
  choices: Choice[];
}

const isChoice = (c: unknown): c is Choice =>
  typeof (c as Choice | undefined)?.label === "string" && typeof (c as Choice | undefined)?.data === "string";

function readOffered(store: ChatStore, chatId: string): OfferedChoices | undefined {
  const raw = store.getSetting(chatId, CHOICES_KEY);
  if (!raw) return undefined;
  try {
    const parsed = JSON.parse(raw) as unknown;
    // Before choices were tied to a sender the setting held a bare array.
    const { to, choices } = Array.isArray(parsed) ? { to: "", choices: parsed } : (parsed as Partial<OfferedChoices>);
    return Array.isArray(choices) ? { to: typeof to === "string" ? to : "", choices: choices.filter(isChoice) } : undefined;
  } catch {
    return undefined;
  }
}

/** The choices last offered to a chat by number (empty when none). */
export function numberedChoices(store: ChatStore, chatId: string): Choice[] {
  return readOffered(store, chatId)?.choices ?? [];
}

/** The choice a numbered answer ("2", "２", "第2个") stands for, from what the chat was last offered. */
export function choiceForText(store: ChatStore, chatId: string, text: string | undefined): Choice | undefined {
  const m = /^\s*(?:第\s*)?(\d{1,3})\s*(?:个|项|号)?\s*[。.]?\s*$/.exec((text ?? "").normalize("NFKC"));
  return m ? numberedChoices(store, chatId)[Number(m[1]) - 1] : undefined;
}

/** Whether a message comes from a channel that shows choices as numbers. */
function numbered(msg: InboundMessage): boolean {
  return msg.capabilities !== undefined && !msg.capabilities.buttons;
}

/** A numbered answer on a channel without buttons, turned into the choice it stands for. */
export function resolveNumberedChoice(store: ChatStore, msg: InboundMessage): InboundMessage {
  if (!numbered(msg) || msg.choice !== undefined || msg.file) return msg;
  const choice = choiceForText(store, msg.chatId, msg.text);
  return choice ? { ...msg, text: undefined, choice: choice.data } : msg;
}

/**
 * Remembers the choices the chat is offered by number: those of the last reply with choices.
 * Like buttons, anyone in the chat may answer them. A reply without choices forgets a proactive list
 * or one offered to the same person, not one offered to someone else: another member's message —
 * say a refused "1" from someone who may not confirm — leaves an admin's pending question open.
 * @param to the sender the replies answer; omitted for a proactive message.
 */
export function rememberChoices(store: ChatStore, chatId: string, replies: Reply[], to = ""): void {
  if (replies.length === 0) return;
  const offered = replies.filter((r) => r.choices?.length).at(-1)?.choices?.flat();
  const current = readOffered(store, chatId);
  if (!offered && current?.to && current.to !== to) return;
  const value = offered ? JSON.stringify({ to, choices: offered } satisfies OfferedChoices) : undefined;
  if (store.getSetting(chatId, CHOICES_KEY) !== value) store.setSetting(chatId, CHOICES_KEY, value);
}

/** For the core: remembers a reply's numbered choices when the message's channel has no buttons. */
export function rememberChoicesFor(store: ChatStore, msg: InboundMessage, replies: Reply[]): void {
  if (numbered(msg)) rememberChoices(store, msg.chatId, replies, msg.senderId);
}

/** How a numbered choice is written in a dialect. */
function choiceLine(index: number, label: string, caps: ChannelCapabilities): string {
  return caps.markdown === "plain" ? `  [${index}] ${label}` : `${index}. ${label}`;
}

/**
 * Shapes replies for a channel: text adapted to its markdown dialect (tables as lists where
 * there are none); without buttons, a reply's choices become a numbered list followed by
 * `choiceHint`; every text is split to the byte limit; files travel with the last piece of
 * their reply.
 */
export function renderReplies(replies: Reply[], caps: ChannelCapabilities, choiceHint = "（回复编号即可选择）"): OutboundMessage[] {
  const out: OutboundMessage[] = [];
  for (const reply of replies) {
    let text = forDialect(reply.text, caps.markdown);
    let choices = reply.choices;
    if (!caps.buttons && choices?.length) {
      const list = choices.flat().map((c, i) => choiceLine(i + 1, c.label, caps)).join("\n");
      text = `${text}\n${list}\n${choiceHint}`;
      choices = undefined;
    }
    const pieces = splitMessage(text, caps.maxMessageBytes);
    pieces.forEach((piece, i) => {
      const last = i === pieces.length - 1;
      out.push({
        text: piece,
        ...(last && choices?.length ? { choices } : {}),
        ...(last && reply.files?.length ? { files: reply.files } : {}),
        ...(reply.replacesPrevious && pieces.length === 1 ? { replacesPrevious: true } : {}),
      });
    });
  }
  return out;
}
