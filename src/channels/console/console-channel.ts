/**
 * The console channel (the embedded default): each stdin line is one message from one private
 * user, replies go to stdout, files are written under DATA_DIR/files with their full paths
 * printed. Choices are numbered; typing the number presses the button.
 */
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import type { BotCore } from "../../core/bot-core.js";
import type { ChannelCapabilities } from "../../core/channel.js";
import { renderReplies } from "../../core/render.js";
import type { Choice, InboundMessage, Outbox, Reply } from "../../core/types.js";

/** A terminal: no length limit, plain text, choices answered by number. */
export const CONSOLE_CAPABILITIES: ChannelCapabilities = {
  maxMessageBytes: Number.MAX_SAFE_INTEGER,
  markdown: "plain",
  buttons: false,
  filesInGroups: true,
};

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
}

/** Writes replies as text: choices numbered, files saved with their full paths. */
export class ConsoleRenderer {
  private lastChoices: Choice[] = [];
  private counter = 0;

  constructor(
    private readonly output: NodeJS.WritableStream,
    private readonly filesDir: string,
  ) {}

  /** The choice a typed number stands for, from the last replies shown. */
  choiceFor(line: string): Choice | undefined {
    const m = /^\s*(\d{1,3})\s*$/.exec(line.normalize("NFKC"));
    return m ? this.lastChoices[Number(m[1]) - 1] : undefined;
  }

  render(replies: Reply[]): void {
    const blocks: string[] = [];
    const choices = replies.filter((r) => r.choices?.length).at(-1)?.choices?.flat() ?? [];
    for (const message of renderReplies(replies, CONSOLE_CAPABILITIES, "  （输入编号即可选择）")) {
      const lines = [message.text];
      for (const file of message.files ?? []) lines.push(`📎 文件已保存：${this.saveFile(file.name, file.data)}`);
      blocks.push(lines.join("\n"));
    }
    if (replies.length) this.lastChoices = choices;
    if (blocks.length) this.output.write(`${blocks.join("\n\n")}\n\n`);
  }

  private saveFile(name: string, data: Buffer): string {
    fs.mkdirSync(this.filesDir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[-:]/g, "").replace(/\..*$/, "").replace("T", "-");
    const safe = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, "_");
    const file = path.resolve(this.filesDir, `${stamp}-${++this.counter}-${safe}`);
    fs.writeFileSync(file, data);
    return file;
  }
}

/** An outbox printing nudges for the console chat. */
export function consoleOutbox(renderer: ConsoleRenderer): Outbox {
  return async (chatId, replies) => {
    if (chatId === CONSOLE_CHAT_ID) renderer.render(replies);
  };
}

/**
 * A typed line that sends a file: "/upload PATH" or "/check PATH" (any file), or a bare path of
 * an existing workbook. `missing` when the command names a file that does not exist.
 */
function fileLine(line: string, cwd: string): { file: string } | { missing: string } | undefined {
  const command = /^\s*[/／](?:check|upload)\s+(.+?)\s*$/i.exec(line);
  const bare = /^\s*(.+?\.(?:xlsx|xlsm|xls))\s*$/i.exec(line);
  const given = command?.[1] ?? bare?.[1];
  if (!given) return undefined;
  const candidate = path.resolve(cwd, given.replace(/^["']|["']$/g, ""));
  if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return { file: candidate };
  return command ? { missing: candidate } : undefined;
}

/**
 * Runs the console chat until the input ends: greets, then handles one line at a time.
 * @returns when every line has been answered after EOF.
 */
export async function runConsole(o: ConsoleOptions, renderer = new ConsoleRenderer(o.output, o.filesDir)): Promise<void> {
  const cwd = o.cwd ?? process.cwd();
  renderer.render(o.core.greeting(CONSOLE_CHAT_ID, "private"));
  const base = {
    chatId: CONSOLE_CHAT_ID, chatType: "private", senderId: CONSOLE_USER_ID, senderName: "控制台用户",
    mentioned: false, replyToBot: false, isAdmin: true, channel: "console", capabilities: CONSOLE_CAPABILITIES,
  } as const;
  const rl = readline.createInterface({ input: o.input, crlfDelay: Infinity, terminal: false });
  for await (const rawLine of rl) {
    const line = rawLine.replace(/^\uFEFF/, "");
    if (line.trim() === "") continue;
    let msg: InboundMessage;
    const choice = renderer.choiceFor(line);
    const file = choice ? undefined : fileLine(line, cwd);
    if (file && "missing" in file) {
      renderer.render([{ text: `找不到文件：${file.missing}\n用法：/check 文件路径（如 /check ./目录.xlsx）` }]);
      continue;
    }
    if (choice) msg = { ...base, choice: choice.data };
    else if (file) msg = { ...base, file: { name: path.basename(file.file), data: fs.readFileSync(file.file) } };
    else msg = { ...base, text: line };
    renderer.render(await o.core.handle(msg));
  }
}
