/**
 * The console channel (the embedded default): each stdin line is one message from one private
 * user, replies go to stdout, files are written under DATA_DIR/files with their full paths
 * printed. Choices are numbered; typing the number presses the button — the numbers are kept in
 * the store like those of the other channels without buttons, so they still work after a restart.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import type { BotCore } from "../../core/bot-core.js";
import type { ChannelCapabilities } from "../../core/channel.js";
import { folderGivenMessage } from "../../catalogue/folder-path.js";
import { safeFileName } from "../../core/file-name.js";
import { chineseCommand } from "../../core/command-aliases.js";
import { parseCommand } from "../../core/intent.js";
import { rememberChoices, renderReplies } from "../../core/render.js";
import type { InboundMessage, Outbox, Reply } from "../../core/types.js";
import type { ChatStore } from "../../store/chat-store.js";

/** A terminal: no length limit, plain text, choices answered by number. */
export const CONSOLE_CAPABILITIES: ChannelCapabilities = {
  maxMessageBytes: Number.MAX_SAFE_INTEGER,
  markdown: "plain",
  buttons: false,
  filesInGroups: true,
};

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** The console's log file in DATA_DIR (the platform channels log to stderr). */
export const CONSOLE_LOG_FILE = "zwgk.log";

/** Chat and user id of the console's single private chat. */
export const CONSOLE_CHAT_ID = "console";
const CONSOLE_USER_ID = "console-user";

export interface ConsoleOptions {
  core: BotCore;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Folder for files the bot sends (DATA_DIR/files). */
  filesDir: string;
  /** Base for relative file paths typed by the user (default: the working directory). */
  cwd?: string;
  /** Largest file read for /check (checked with stat before reading; default 10 MB). */
  maxUploadBytes?: number;
}

/** Printed before each line the official types, so typed lines stand apart from the bot's. */
export const CONSOLE_PROMPT = "> ";

/**
 * Writes replies as text: choices numbered, files saved with their full paths. A typed number is
 * sent to the core as text; the core maps it to the choice it stands for from the store.
 */
export class ConsoleRenderer {
  private counter = 0;

  constructor(
    private readonly output: NodeJS.WritableStream,
    private readonly filesDir: string,
  ) {}

  /** Shows the input prompt. */
  prompt(): void {
    this.output.write(CONSOLE_PROMPT);
  }

  render(replies: Reply[]): void {
    const blocks: string[] = [];
    for (const message of renderReplies(replies, CONSOLE_CAPABILITIES, "  （输入编号即可选择）")) {
      const lines = [message.text];
      for (const file of message.files ?? []) lines.push(`📎 文件已保存：${this.saveFile(file.name, file.data)}`);
      blocks.push(lines.join("\n"));
    }
    if (blocks.length) this.output.write(`${blocks.join("\n\n")}\n\n`);
  }

  private saveFile(name: string, data: Buffer): string {
    fs.mkdirSync(this.filesDir, { recursive: true });
    // Beijing time, the time of the bot's own dates (今天 2026年12月4日), whatever the server's zone
    const stamp = new Date(Date.now() + BEIJING_OFFSET_MS).toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
    const file = path.resolve(this.filesDir, `${stamp}-${++this.counter}-${safeFileName(name)}`);
    fs.writeFileSync(file, data);
    return file;
  }
}

/**
 * An outbox printing nudges for the console chat. Their choices are kept in `store`, so a number
 * typed later — also after a restart — presses the reminder's button, as on WeCom and DingTalk.
 */
export function consoleOutbox(renderer: ConsoleRenderer, store: ChatStore): Outbox {
  return async (chatId, replies) => {
    if (chatId !== CONSOLE_CHAT_ID) return;
    rememberChoices(store, chatId, replies);
    renderer.render(replies);
  };
}

/** What a typed line that names a file leads to: the file to send, or a reply instead. */
type FileLine = { file: string; size: number } | { refusal: string };

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/**
 * A typed line that sends a file: "/check PATH" or "/upload PATH" (any file), or a bare path of
 * an existing workbook. A file that does not exist, a folder, or a file larger than `maxBytes` is
 * refused from its stat, before anything is read.
 */
function fileLine(line: string, cwd: string, maxBytes: number): FileLine | undefined {
  const typed = parseCommand(line);
  const cmd = typed && (chineseCommand(typed.name, typed.args) ?? typed);
  const command = cmd && (cmd.name === "check" || cmd.name === "upload") && cmd.args ? cmd.args : undefined;
  const bare = /^\s*(.+?\.(?:xlsx|xlsm|xls))\s*$/i.exec(line)?.[1];
  const given = command ?? bare;
  if (!given) return undefined;
  // "~/目录.xlsx" as a shell would read it: the console gets the line before any shell does.
  const unquoted = given.replace(/^["']|["']$/g, "").replace(/^~(?=$|[\\/])/, os.homedir());
  const candidate = path.resolve(cwd, unquoted);
  const stat = fs.statSync(candidate, { throwIfNoEntry: false });
  if (command && stat?.isDirectory()) return { refusal: folderGivenMessage(candidate, (file) => `/check ${file}`) };
  if (!stat?.isFile()) return command ? { refusal: `找不到文件：${candidate}\n用法：/check 文件路径（如 /check ./目录.xlsx）` } : undefined;
  if (stat.size > maxBytes) {
    return { refusal: `文件“${path.basename(candidate)}”有 ${mb(stat.size)} MB，超过了 ${mb(maxBytes)} MB 的上限，没有读取。请删去无关的工作表或图片后再试。` };
  }
  return { file: candidate, size: stat.size };
}

/**
 * Runs the console chat until the input ends: greets, then handles one line at a time.
 * @returns when every line has been answered after EOF.
 */
export async function runConsole(o: ConsoleOptions, renderer = new ConsoleRenderer(o.output, o.filesDir)): Promise<void> {
  const cwd = o.cwd ?? process.cwd();
  const maxBytes = o.maxUploadBytes ?? 10 * 1024 * 1024;
  renderer.render(o.core.greeting(CONSOLE_CHAT_ID, "private", { brief: true }));
  renderer.prompt();
  const base = {
    chatId: CONSOLE_CHAT_ID, chatType: "private", senderId: CONSOLE_USER_ID, senderName: "控制台用户",
    mentioned: false, replyToBot: false, isAdmin: true, channel: "console", capabilities: CONSOLE_CAPABILITIES,
  } as const;
  const rl = readline.createInterface({ input: o.input, crlfDelay: Infinity, terminal: false });
  for await (const rawLine of rl) {
    const line = rawLine.replace(/^\uFEFF/, "");
    if (line.trim() === "") {
      renderer.prompt();
      continue;
    }
    const file = fileLine(line, cwd, maxBytes);
    if (file && "refusal" in file) renderer.render([{ text: file.refusal }]);
    else {
      const msg: InboundMessage = file ? { ...base, file: { name: path.basename(file.file), data: fs.readFileSync(file.file) } } : { ...base, text: line };
      renderer.render(await o.core.handle(msg));
    }
    renderer.prompt();
  }
}
