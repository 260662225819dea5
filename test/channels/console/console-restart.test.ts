/** The console keeps a reminder's numbered buttons in SQLite: a number typed after a restart presses them (trial finding 8). */
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_CHAT_ID, ConsoleRenderer, consoleOutbox, runConsole } from "../../../src/channels/console/console-channel.js";
import type { KnowledgeBase } from "../../../src/knowledge/types.js";
import type { Deadline } from "../../../src/nudges/deadlines.js";
import { ReminderStore } from "../../../src/nudges/reminder-store.js";
import { nudgeReplies } from "../../../src/nudges/text.js";
import { makeCoreWithNudges, realKnowledgeBase, tempDir } from "../../core/helpers.js";
import { bj } from "../../nudges/helpers.js";

const REVIEW: Deadline = {
  id: "catalogue-review",
  title: "政务公开事项标准目录年度复核与动态更新",
  source: "《中华人民共和国政府信息公开条例》第十二条",
  schedule: { yearly: "12-31" },
  remind: [10, 3, 1, 0],
  time: "09:00",
};
const DUE = "2026-12-31";

describe("console: numbered reminder buttons survive a restart", () => {
  let tmp: ReturnType<typeof tempDir>;
  let kb: KnowledgeBase;
  beforeAll(async () => {
    tmp = tempDir("zwgk-cons-restart-");
    kb = await realKnowledgeBase(tmp.dir);
  });
  afterAll(() => tmp.cleanup());

  const open = (now: Date) => makeCoreWithNudges({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, nudges: { deadlines: [REVIEW], now: () => now } });

  async function type(h: ReturnType<typeof open>, line: string): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (c: Buffer) => (out += c.toString("utf8")));
    const done = runConsole({ core: h.core, input, output, filesDir: path.join(tmp.dir, "files"), cwd: tmp.dir });
    input.end(`${line}\n`);
    await done;
    return out;
  }

  it("reads “2” after a restart as the reminder's 推迟 button, and “1” as 已完成", async () => {
    // Wednesday 30 Dec: the reminder 1 working day before; the next one is on Thursday 31 Dec, so 推迟1个工作日 is offered.
    const now = bj("2026-12-30", "09:00");
    for (const [typed, expected] of [["2", "💤 已推迟「政务公开事项标准目录年度复核与动态更新」的提醒"], ["1", "✅ 已记录：本群已完成"]] as const) {
      const before = open(now);
      const shown = new PassThrough();
      let printed = "";
      shown.on("data", (c: Buffer) => (printed += c.toString("utf8")));
      await consoleOutbox(new ConsoleRenderer(shown, path.join(tmp.dir, "files")), before.store)(CONSOLE_CHAT_ID, nudgeReplies({ deadline: REVIEW, due: DUE, now }));
      expect(printed).toContain("[1] ✅ 已完成");
      expect(printed).toContain("[2] ⏰ 推迟1个工作日");
      before.close();

      const after = open(now); // a new process on the same SQLite file
      const out = await type(after, typed);
      expect(out).toContain(expected);
      expect(out).not.toContain("超出了我掌握的文件范围");
      after.close();
    }
    const check = open(now);
    expect(new ReminderStore(check.db).isAcked(CONSOLE_CHAT_ID, REVIEW.id, DUE)).toBe(true);
    check.close();
  });
});
