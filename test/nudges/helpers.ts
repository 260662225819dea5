import fs from "node:fs";
import { afterEach, beforeEach } from "vitest";
import os from "node:os";
import path from "node:path";
import type { InboundMessage, Outbox, Reply } from "../../src/core/types.js";
import { createLogger } from "../../src/log.js";
import { shanghaiInstant } from "../../src/nudges/calendar.js";
import { handleNudgeCommand } from "../../src/nudges/commands.js";
import type { Deadline } from "../../src/nudges/deadlines.js";
import { nudgesMigrations } from "../../src/nudges/migration.js";
import { openDb, type Db } from "../../src/store/db.js";

export const silentLogger = createLogger("silent");

/** A temp directory with a database file path; `cleanup` removes it. */
export function tempDbFile(): { file: string; open: () => Db; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nudges-"));
  const file = path.join(dir, "bot.sqlite");
  return { file, open: () => openDb(file, nudgesMigrations), cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh migrated SQLite file for each test of the enclosing suite: opened before each test,
 * closed and removed after it. Reassign `db` (e.g. `t.db = t.tmp.open()`) to reopen after a restart.
 */
export function useTempDb(): { tmp: ReturnType<typeof tempDbFile>; db: Db } {
  const t = {} as { tmp: ReturnType<typeof tempDbFile>; db: Db };
  beforeEach(() => {
    t.tmp = tempDbFile();
    t.db = t.tmp.open();
  });
  afterEach(() => {
    if (t.db.open) t.db.close();
    t.tmp.cleanup();
  });
  return t;
}

/** Beijing wall-clock time as an instant: bj("2026-09-24", "09:00"). */
export function bj(date: string, time = "00:00"): Date {
  return shanghaiInstant(date, time);
}

/** An error as the Bot API client throws for an answered-but-refused call (duck-typed `error_code`). */
export function apiError(code: number, description = "测试错误"): Error {
  return Object.assign(new Error(`Call to 'sendMessage' failed! (${code}: ${description})`), { error_code: code, description });
}

/** An outbox recording what it sends; `failNext` makes the next n sends throw (a network error unless `error` is given). */
export function recordingOutbox(): {
  outbox: Outbox;
  sent: { chatId: string; replies: Reply[] }[];
  failNext: (n: number, error?: () => Error) => void;
} {
  const sent: { chatId: string; replies: Reply[] }[] = [];
  let failures = 0;
  let makeError = () => new Error("网络错误（测试）");
  return {
    sent,
    failNext: (n, error) => {
      failures = n;
      makeError = error ?? (() => new Error("网络错误（测试）"));
    },
    outbox: async (chatId, replies) => {
      await new Promise((r) => setTimeout(r, 1));
      if (failures > 0) {
        failures -= 1;
        throw makeError();
      }
      sent.push({ chatId, replies });
    },
  };
}

export const LEDGER: Deadline = {
  id: "monthly-ledger",
  title: "基层政务公开事项标准目录编制工作台账",
  source: "粤府办通知：于每月5日前将上一月份的工作进展情况及当月工作计划按照附件2格式填报",
  schedule: { monthly: 5 },
  remind: [3, 1, 0],
  time: "09:00",
};

export const QUARTERLY: Deadline = {
  id: "quarterly",
  title: "季度进展情况上报",
  source: "清政办〔2020〕10号",
  schedule: { monthly: 31, months: [3, 6, 9, 12] },
  remind: [2, 0],
  time: "09:00",
};

/** A group chat talking to the nudge commands over a temp database (see `useCommandChat`). */
export interface CommandChat {
  tmp: ReturnType<typeof tempDbFile>;
  db: Db;
  /** The time of every message `msg` builds; 2026-09-24 09:30 Beijing time at the start of each test. */
  clock: Date;
  /** The coordinators `say` passes (none at the start of each test). */
  coordinators: string[];
  /** A message from admin 张三 (u1) in group -100 at `clock`; `over` changes any field. */
  msg(text: string, over?: Partial<InboundMessage>): InboundMessage;
  /** Sends `msg(text, over)` to the nudge commands with the deadlines LEDGER and QUARTERLY. */
  say(text: string, over?: Partial<InboundMessage>): Promise<Reply[] | null>;
  /** `say`, its replies' texts joined by newlines ("" when the commands pass). */
  sayText(text: string, over?: Partial<InboundMessage>): Promise<string>;
}

/**
 * `useTempDb` with a clock and a group chat for the nudge commands' tests: each test starts with a
 * fresh database, the clock at 2026-09-24 09:30 and no coordinators. Set `h.clock` or
 * `h.coordinators` in a test to change what later messages carry.
 */
export function useCommandChat(): CommandChat {
  const h: CommandChat = Object.assign(useTempDb(), {
    clock: bj("2026-09-24", "09:30"),
    coordinators: [] as string[],
    msg: (text: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
      chatId: "-100",
      chatType: "group",
      senderId: "u1",
      senderName: "张三",
      text,
      mentioned: false,
      replyToBot: false,
      isAdmin: true,
      now: h.clock,
      ...over,
    }),
    say: (text: string, over: Partial<InboundMessage> = {}) =>
      handleNudgeCommand(h.msg(text, over), { db: h.db, deadlines: [LEDGER, QUARTERLY], coordinators: h.coordinators }),
    sayText: async (text: string, over: Partial<InboundMessage> = {}) => ((await h.say(text, over)) ?? []).map((x) => x.text).join("\n"),
  });
  beforeEach(() => {
    h.clock = bj("2026-09-24", "09:30");
    h.coordinators = [];
  });
  return h;
}
