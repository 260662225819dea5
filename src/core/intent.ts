/**
 * What an inbound message asks for, before any state is touched. Pure: private chats hear
 * everything; groups only commands, @mentions, replies to the bot and pressed buttons.
 */
import type { ChatFile, InboundMessage } from "./types.js";

/** Longest text accepted in one message (a Telegram message holds 4096). */
export const MAX_TEXT_CHARS = 4000;

export type Intent =
  | { kind: "ignore" }
  | { kind: "tooLong"; chars: number }
  | { kind: "choice"; data: string }
  | { kind: "command"; name: string; args: string }
  | { kind: "file"; file: ChatFile }
  | { kind: "text"; text: string };

/** A chat command: its lower-case name (without "/" and "@bot") and its argument text. */
export interface ParsedCommand {
  name: string;
  args: string;
}

/**
 * The one command parser, for every feature: "/draft@zwgk_bot 农村集体土地征收" → draft +
 * 农村集体土地征收. Accepts the full-width slash and space, an @botname suffix, and an
 * argument glued to the name when it does not start with a Latin letter ("/ledger导出",
 * "/snooze2", "/draft农村集体土地征收"). A name in Chinese characters ("/导出") is returned as typed,
 * its argument glued to it: chineseCommand reads it. Null when the text is not a command.
 */
export function parseCommand(text: string | undefined): ParsedCommand | null {
  // A Chinese IME in full-width mode types ／ｒｏｗｓ＠ｂｏｔ: the command part is read after NFKC
  // (the argument is left as typed).
  const raw = (text ?? "").replace(/^\s*[/／][A-Za-z_Ａ-Ｚａ-ｚ＿]+(?:[@＠][\w０-９Ａ-Ｚａ-ｚ＿]+)?/, (head) => head.normalize("NFKC"));
  const m = /^\s*[/／]([A-Za-z_]+)(?:@\w+)?(?:[\s\u3000]+([\s\S]*)|([^\sA-Za-z_@][\s\S]*))?$/.exec(raw);
  if (m) return { name: (m[1] as string).toLowerCase(), args: (m[2] ?? m[3] ?? "").trim() };
  // a Chinese command name ("/导出", "/起草 征地"): the Chinese names themselves are the core's (command-aliases.ts)
  const han = /^\s*[/／]([\p{Script=Han}]+)(?:[\s\u3000]+([\s\S]*))?$/u.exec(text ?? "");
  return han ? { name: han[1] as string, args: (han[2] ?? "").trim() } : null;
}

/** Removes leading @mentions ("@zwgk_bot 问题" → "问题"). */
export function stripMentions(text: string): string {
  return text.replace(/^(?:\s*@\w+[\s\u3000,，:：]*)+/, "").trim();
}

/**
 * Classifies a message.
 * @param awaitingWorkbook the chat asked to check a workbook (/check): a group's next file counts.
 */
export function classify(msg: InboundMessage, awaitingWorkbook: boolean): Intent {
  if (msg.choice !== undefined) return { kind: "choice", data: msg.choice };
  const addressed = msg.chatType === "private" || msg.mentioned || msg.replyToBot;
  if (msg.file) {
    // A caption that is a command ("/check", "/check@zwgk_bot") addresses the bot like a mention.
    const captionCommand = parseCommand(msg.text ?? "") !== null;
    return addressed || awaitingWorkbook || captionCommand ? { kind: "file", file: msg.file } : { kind: "ignore" };
  }
  const raw = msg.text ?? "";
  const cmd = parseCommand(raw);
  if (!cmd && !addressed) return { kind: "ignore" };
  const chars = [...raw].length;
  if (chars > MAX_TEXT_CHARS) return { kind: "tooLong", chars };
  if (cmd) return { kind: "command", ...cmd };
  const text = stripMentions(raw);
  if (text === "") return msg.chatType === "private" ? { kind: "ignore" } : { kind: "command", name: "help", args: "" };
  if (ASKS_FOR_HELP.test(text)) return { kind: "command", name: "help", args: "" };
  return { kind: "text", text };
}

/** A message that only asks what the bot can do ("帮助", "怎么用"): a new user's first words, not a question for the documents. */
const ASKS_FOR_HELP = /^(帮助|求助|菜单|功能|使用说明|说明书|怎么用|咋用|如何使用|你能干什么|你能做什么|你会什么|help)[呢吗啊呀？?！!。.\s]*$/i;

/** Question particles at the end of a text (吗, 呢, 么, 不 as in 能写不 / 写到条款不, and ？). */
const ENDS_AS_QUESTION = /(?:[？?]|[吗呢么嘛][？?。.！!]*|.不[？?。.]*)$/;
/**
 * Interrogative words (colloquial forms included) that make a short text a question even without
 * a particle ("公开时限咋填", "主体写啥", "要不要写条款"). 是否 only counts at the start: 公开内容 may
 * legitimately say 是否通过审核.
 */
const ASKS = /咋|怎么|怎样|如何|啥|什么|为什么|为何|能不能|能否|可不可以|可否|要不要|需不需要|用不用|是不是|对不对|行不行|中不中|得不得|要得不|成不成|妥不妥|哪些|哪个|哪里|哪儿|多少|几个|几天|几号|^(?:请问|是否|问一下|问下)/;

/** Texts longer than this are an answer (or prose) even when they contain an interrogative word. */
const QUESTION_MAX_CHARS = 40;

/** A text that asks something rather than answering a drafting step. */
export function looksLikeQuestion(text: string): boolean {
  const t = text.trim();
  if (ENDS_AS_QUESTION.test(t)) return true;
  return [...t].length <= QUESTION_MAX_CHARS && ASKS.test(t);
}
