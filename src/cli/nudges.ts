import { pathToFileURL } from "node:url";
import { addWorkdays, CalendarError, formatDateCn, isIsoDate, weekdayName } from "../nudges/calendar.js";
import { DeadlinesError, loadDeadlines } from "../nudges/deadlines.js";
import { planSends } from "../nudges/plan.js";
import { UNCOVERED_NOTE } from "../nudges/text.js";

/**
 * nudges CLI:
 *   plan --config FILE --from YYYY-MM-DD --to YYYY-MM-DD [--json]
 *   due  --from YYYY-MM-DD --workdays N [--json]
 */

const USAGE = `用法：
  npm run --silent nudges -- plan --config 文件 --from YYYY-MM-DD --to YYYY-MM-DD [--json]
      列出区间内（含首尾）计划发送的全部截止提醒，按发送日期排序
  npm run --silent nudges -- due --from YYYY-MM-DD --workdays N [--json]
      计算“自某日起 N 个工作日内”的截止日（起始日不计入）`;

/** Maximum span of `plan`, in days (about ten years). */
const MAX_PLAN_DAYS = 3700;

/** A bad command line; the CLI prints the message and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

/**
 * Runs the nudges CLI with `argv` (without node and script) and returns the exit code:
 * 0 on success, 2 on bad arguments or a bad deadlines file.
 */
export function runNudgesCli(argv: readonly string[], io: CliIo): number {
  try {
    const [command, ...rest] = argv;
    if (command === undefined || command === "--help" || command === "-h" || command === "help") {
      if (command === undefined) throw new UsageError("缺少子命令（plan 或 due）");
      io.stdout(USAGE + "\n");
      return 0;
    }
    const flags = parseFlags(rest, command === "plan" ? ["config", "from", "to"] : ["from", "workdays"]);
    if (command === "plan") return plan(flags, io);
    if (command === "due") return due(flags, io);
    throw new UsageError(`未知子命令“${command}”（可用：plan、due）`);
  } catch (err) {
    if (err instanceof UsageError || err instanceof DeadlinesError || err instanceof CalendarError) {
      io.stderr(`错误：${err.message}\n\n${err instanceof DeadlinesError ? "" : USAGE + "\n"}`);
      return 2;
    }
    throw err;
  }
}

type Flags = Map<string, string | true>;

function parseFlags(args: readonly string[], valued: readonly string[]): Flags {
  const flags: Flags = new Map();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new UsageError(`无法识别的参数“${arg}”`);
    const name = m[1] as string;
    if (name === "json") {
      flags.set("json", true);
      continue;
    }
    if (!valued.includes(name)) throw new UsageError(`未知选项“--${name}”`);
    if (flags.has(name)) throw new UsageError(`选项 --${name} 重复`);
    const value = m[2] ?? args[++i];
    if (value === undefined || value === "" || (m[2] === undefined && value.startsWith("--"))) {
      throw new UsageError(`选项 --${name} 缺少取值`);
    }
    flags.set(name, value);
  }
  return flags;
}

function required(flags: Flags, name: string): string {
  const v = flags.get(name);
  if (typeof v !== "string") throw new UsageError(`缺少 --${name}`);
  return v;
}

function date(flags: Flags, name: string): string {
  const v = required(flags, name);
  if (!isIsoDate(v)) throw new UsageError(`--${name} 应为真实日期 YYYY-MM-DD，收到“${v}”`);
  return v;
}

function plan(flags: Flags, io: CliIo): number {
  const from = date(flags, "from");
  const to = date(flags, "to");
  if (to < from) throw new UsageError(`--to（${to}）早于 --from（${from}）`);
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 > MAX_PLAN_DAYS) {
    throw new UsageError(`区间过长：最多约 10 年（${MAX_PLAN_DAYS} 天）`);
  }
  const deadlines = loadDeadlines(required(flags, "config"));
  const sends = planSends(deadlines, from, to);
  if (flags.has("json")) {
    const out = sends.map((s) => ({ deadline: s.deadline, due: s.due, sendOn: s.sendOn, offset: s.offset, time: s.time }));
    io.stdout(JSON.stringify(out) + "\n");
    return 0;
  }
  const titles = new Map(deadlines.map((d) => [d.id, d.title]));
  const lines = sends.map((s) => {
    const notes = [s.dueOnHoliday ? "截止日非工作日" : "", s.covered ? "" : "节假日安排尚未公布，按周一至周五和法定节日日期推算，调休未计"].filter(Boolean);
    return `${s.sendOn}（${weekdayName(s.sendOn)}）${s.time}  提前${s.offset}个工作日  截止 ${s.due}  ${titles.get(s.deadline) ?? s.deadline}${notes.length ? `  [${notes.join("；")}]` : ""}`;
  });
  io.stdout(`${from} 至 ${to} 共 ${sends.length} 条提醒\n${lines.join("\n")}${lines.length ? "\n" : ""}`);
  return 0;
}

function due(flags: Flags, io: CliIo): number {
  const from = date(flags, "from");
  const raw = required(flags, "workdays");
  if (!/^\d+$/.test(raw) || Number(raw) > 1000) throw new UsageError(`--workdays 应为 0–1000 的整数，收到“${raw}”`);
  const r = addWorkdays(from, Number(raw));
  if (flags.has("json")) {
    io.stdout(JSON.stringify({ due: r.due, covered: r.covered }) + "\n");
    return 0;
  }
  const warn = r.covered ? "" : `\n注意：部分日期的${UNCOVERED_NOTE}。`;
  io.stdout(`自 ${formatDateCn(from)} 起 ${raw} 个工作日内（起始日不计入），截止日为 ${formatDateCn(r.due)}（${weekdayName(r.due)}）。${warn}\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = runNudgesCli(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
  });
}
