import { daysInMonth, isIsoDate, type IsoDate } from "./calendar.js";
import { deadlineSchema, type Deadline } from "./deadlines.js";

/** Splits arguments on ASCII and full-width spaces. */
export function splitArgs(args: string): string[] {
  return args.split(/[\s\u3000]+/).filter(Boolean);
}

/**
 * Reads a date written 2026-09-28, 2026/9/28, 2026.9.28 or 2026年9月28日; given `today`, also
 * 9月28日 / 9月28号 (this year) and 今天. Undefined if invalid.
 */
export function parseDateArg(s: string, today?: IsoDate): IsoDate | undefined {
  const t = s.trim();
  if (today && /^(今天|今日)$/.test(t)) return today;
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*(?:日|号)?$/.exec(t) ?? (today ? /^()(\d{1,2})\s*月\s*(\d{1,2})\s*(?:日|号)$/.exec(t) : null);
  if (!m) return undefined;
  const iso = `${m[1] || today!.slice(0, 4)}-${(m[2] as string).padStart(2, "0")}-${(m[3] as string).padStart(2, "0")}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** "2026-06" or "2026年6月" → "2026-06"; undefined if invalid. */
export function parseMonthArg(s: string): string | undefined {
  const m = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*月?$/.exec(s.trim());
  if (!m) return undefined;
  const mo = Number(m[2]);
  return mo >= 1 && mo <= 12 ? `${m[1]}-${String(mo).padStart(2, "0")}` : undefined;
}

const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

/** Reads a schedule token: 2026-06-30 | 每月5日 | 每月月底 | 每季度末 | 每年3月31日 | 每年1、4、7、10月5日. */
export function parseScheduleArg(token: string): Deadline["schedule"] | undefined {
  const date = parseDateArg(token);
  if (date) return { date };
  const t = token.replace(/号/g, "日");
  if (/^每月(月底|月末|最后一天)$/.test(t)) return { monthly: 31 };
  if (/^每季度(末|最后一天)$/.test(t)) return { monthly: 31, months: [3, 6, 9, 12] };
  let m = /^每月(\d{1,2})日$/.exec(t);
  if (m) {
    const day = Number(m[1]);
    return day >= 1 && day <= 31 ? { monthly: day } : undefined;
  }
  m = /^每年(\d{1,2})月(\d{1,2}|底|末)日?$/.exec(t);
  if (m) {
    const month = Number(m[1]);
    if (month < 1 || month > 12) return undefined;
    const day = m[2] === "底" || m[2] === "末" ? daysInMonth(2024, month) : Number(m[2]);
    if (day < 1 || day > daysInMonth(2024, month)) return undefined;
    return { yearly: `${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
  }
  m = /^每年([\d、,，一二三四五六七八九十]+)月(\d{1,2}|底|末)日?$/.exec(t);
  if (m) {
    const months = (m[1] as string).split(/[、,，]/).map((x) => CN_DIGITS[x] ?? Number(x));
    if (months.length < 2 || months.some((x) => !Number.isInteger(x) || x < 1 || x > 12)) return undefined;
    const day = m[2] === "底" || m[2] === "末" ? 31 : Number(m[2]);
    return day >= 1 && day <= 31 ? { monthly: day, months } : undefined;
  }
  return undefined;
}

/** Syntax of /deadline add, for help and error messages. */
export const DEADLINE_ADD_SYNTAX =
  "/deadline add 时间 事项名称 [提前3,1,0] [09:00] [依据：出处]\n" +
  "  时间可写：2026-06-30 | 每月5日 | 每月月底 | 每季度末 | 每年3月31日 | 每年1、4、7、10月5日\n" +
  "  例：/deadline add 每月5日 报送工作台账 提前3,1,0 09:00 依据：粤府办通知附件2";

/** Parses the arguments of /deadline add into a deadline (without id), or a Chinese error. */
export function parseDeadlineAdd(args: string, defaultSource: string): { spec: Omit<Deadline, "id"> } | { error: string } {
  let rest = args.trim();
  let source = defaultSource;
  const src = /(?:^|[\s\u3000])(?:依据|出处)[:：]?\s*(.+)$/.exec(rest);
  if (src) {
    source = `${(src[1] as string).trim()}（${defaultSource}）`;
    rest = rest.slice(0, src.index).trim();
  }
  const [first, ...tokens] = splitArgs(rest);
  if (!first) return { error: `请写明截止时间和事项名称。用法：\n${DEADLINE_ADD_SYNTAX}` };
  const schedule = parseScheduleArg(first);
  if (!schedule) return { error: `无法识别截止时间“${first}”。用法：\n${DEADLINE_ADD_SYNTAX}` };
  let remind: number[] | undefined;
  let time: string | undefined;
  const title: string[] = [];
  for (const tok of tokens) {
    const r = /^提前([\d,，、]+)(?:个工作日|天)?$/.exec(tok);
    const tm = /^(\d{1,2})[:：](\d{2})$/.exec(tok);
    if (r) remind = (r[1] as string).split(/[,，、]/).filter(Boolean).map(Number);
    else if (tm) time = `${(tm[1] as string).padStart(2, "0")}:${tm[2]}`;
    else title.push(tok);
  }
  if (!title.length) return { error: `请写明事项名称。用法：\n${DEADLINE_ADD_SYNTAX}` };
  const parsed = deadlineSchema.omit({ id: true }).safeParse({ title: title.join(" "), source, schedule, remind, time });
  if (!parsed.success) return { error: parsed.error.issues.map((i) => i.message).join("；") };
  return { spec: parsed.data };
}

/**
 * What /ack or /snooze names: the latest reminder (nothing written), a number (序号) of the
 * chat's latest numbered reminder or list, or a deadline id (事项编号, e.g. monthly-ledger).
 */
export type ItemRef = { kind: "latest" } | { kind: "number"; n: number } | { kind: "id"; id: string };

/** How every text writes /ack and /snooze (help, reminders, /deadlines, errors): one syntax. */
export const ACK_SYNTAX = "/ack 序号";
export const SNOOZE_SYNTAX = "/snooze 工作日数 序号";
export const ACK_EXAMPLE = "/ack 1";
export const SNOOZE_EXAMPLE = "/snooze 2 1";
/** What SNOOZE_EXAMPLE does, in words. */
export const SNOOZE_EXAMPLE_MEANS = "第 1 项推迟 2 个工作日";

const DAYS = /^\d+$/;
/** "2", "第2项", "第2", "2项": an item number (ids start with a letter, so never match). */
const ITEM_NUMBER = /^第?(\d+)项?$/;

function itemRef(arg: string): ItemRef {
  const m = ITEM_NUMBER.exec(arg);
  return m ? { kind: "number", n: Number(m[1]) } : { kind: "id", id: arg };
}

/**
 * Reads the arguments of `/ack [序号|事项编号]` and `/snooze [工作日数] [序号|事项编号]`
 * (full-width digits too). For /snooze a lone number is the working days and two numbers are
 * the days then the item; an id or 第N项 may also come before the days (/snooze monthly-ledger 2).
 * `days` is 0 for /ack and defaults to 1 for /snooze.
 */
export function parseAckArgs(command: "ack" | "snooze", args: readonly string[]): { days: number; ref: ItemRef } | { error: string } {
  const [x, y, ...more] = args.map((a) => a.normalize("NFKC"));
  const latest: ItemRef = { kind: "latest" };
  if (command === "ack") {
    if (y !== undefined) return { error: `用法：/ack [序号或事项编号]，如 ${ACK_EXAMPLE} 或 /ack monthly-ledger；不写时指最近一条提醒。` };
    return { days: 0, ref: x === undefined ? latest : itemRef(x) };
  }
  if (x === undefined) return { days: 1, ref: latest };
  if (y === undefined) return DAYS.test(x) ? { days: Number(x), ref: latest } : { days: 1, ref: itemRef(x) };
  if (!more.length && DAYS.test(x)) return { days: Number(x), ref: itemRef(y) };
  if (!more.length && DAYS.test(y)) return { days: Number(y), ref: itemRef(x) };
  return { error: `用法：/snooze [工作日数] [序号或事项编号]，如 ${SNOOZE_EXAMPLE}（${SNOOZE_EXAMPLE_MEANS}）；不写序号时指最近一条提醒。` };
}
