import { createRequire } from "node:module";
import { statutoryHoliday } from "./statutory-holidays.js";

/**
 * Working-day calendar maths for mainland China, over the holiday data shipped with
 * chinese-days (holidays and 调休 weekend workdays). Dates are "YYYY-MM-DD" strings of the
 * Asia/Shanghai calendar; all arithmetic is done on UTC day numbers, so the machine's TZ
 * never matters. Past the years the data covers, Monday–Friday is used with the statutory
 * holidays computed from the rule (statutory-holidays.ts; no 调休), and results say so.
 */

/** A calendar date, "YYYY-MM-DD". */
export type IsoDate = string;

/** Raised for a malformed or impossible date, with a Chinese message. */
export class CalendarError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CalendarError";
  }
}

interface HolidayData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // China has kept UTC+8 without DST since 1991.
const WEEKDAY_CN = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"] as const;

let data: { holidays: Map<string, string>; workdays: Map<string, string>; years: Set<number>; first: number; last: number } | undefined;

/** Loads (once) the chinese-days data and derives its year coverage from the data itself. */
function calendarData(): NonNullable<typeof data> {
  if (data) return data;
  const require = createRequire(import.meta.url);
  const raw = require("chinese-days/dist/chinese-days.json") as HolidayData;
  const holidays = new Map<string, string>();
  const workdays = new Map<string, string>();
  const years = new Set<number>();
  for (const [d, v] of Object.entries(raw.holidays)) {
    holidays.set(d, chineseName(v));
    years.add(Number(d.slice(0, 4)));
  }
  for (const [d, v] of Object.entries(raw.workdays)) workdays.set(d, chineseName(v));
  const sorted = [...years].sort((a, b) => a - b);
  data = { holidays, workdays, years, first: sorted[0] ?? 0, last: sorted.at(-1) ?? 0 };
  return data;
}

/** "National Day,国庆节,3" → "国庆节". */
function chineseName(value: string): string {
  return value.split(",")[1]?.trim() || value;
}

/** The years whose official holiday schedule the data holds, e.g. { firstYear: 2004, lastYear: 2026 }. */
export function calendarCoverage(): { firstYear: number; lastYear: number } {
  const d = calendarData();
  return { firstYear: d.first, lastYear: d.last };
}

/**
 * Years past the holiday data for which dates are still computed (Mon–Fri assumed): beyond
 * them an answer would mean nothing, so the user is told the range instead.
 */
export const YEARS_PAST_DATA = 10;

/**
 * A Chinese explanation when `date` lies beyond the range the calendar computes (the holiday
 * data's last year + YEARS_PAST_DATA), else undefined.
 */
export function dateRangeIssue(date: IsoDate): string | undefined {
  const { lastYear } = calendarCoverage();
  const limit = lastYear + YEARS_PAST_DATA;
  if (Number(date.slice(0, 4)) <= limit) return undefined;
  return `${formatDateCn(date)}超出可计算的范围：国务院节假日安排目前只公布到${lastYear}年，之后按周一至周五和法定节日日期推算，最远只计算到${limit}年底。请换一个不晚于${limit}年12月31日的日期。`;
}

/** True when `s` is a real calendar date written "YYYY-MM-DD". */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** Throws CalendarError unless `s` is a real "YYYY-MM-DD" date. */
export function assertIsoDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw new CalendarError(`日期格式不正确：“${s}”，应为 YYYY-MM-DD（如 2026-09-28）`);
  return s;
}

/** Number of days in month `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Days since 1970-01-01 for an ISO date. */
export function toDayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** The ISO date of a day number. */
export function fromDayNumber(n: number): IsoDate {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days. */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Day of week, 0 = Sunday … 6 = Saturday. */
export function weekday(date: IsoDate): number {
  return (((toDayNumber(date) + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

/** 周一 … 周日 for a date. */
export function weekdayName(date: IsoDate): string {
  return WEEKDAY_CN[weekday(date)] ?? "";
}

/** "2026-10-01" → "2026年10月1日". */
export function formatDateCn(date: IsoDate): string {
  return `${Number(date.slice(0, 4))}年${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** True when the holiday schedule of the date's year is in the data. */
export function isCovered(date: IsoDate): boolean {
  return calendarData().years.has(Number(date.slice(0, 4)));
}

/** What the calendar says about one day. */
export interface DayInfo {
  workday: boolean;
  /** The holiday schedule of this year is in the data; otherwise Mon–Fri was assumed. */
  covered: boolean;
  /** Name of the statutory holiday the day belongs to (国庆节, 中秋 …), if any. */
  holiday?: string;
  /** A weekend day made a working day by 调休 (named after the holiday it compensates). */
  adjustedWorkday?: string;
}

/** Everything known about one day (see DayInfo). */
export function dayInfo(date: IsoDate): DayInfo {
  const d = calendarData();
  const wd = weekday(date);
  const monFri = wd >= 1 && wd <= 5;
  if (!d.years.has(Number(date.slice(0, 4)))) {
    // the revised rule holds from 2025 on: only years after the data
    const holiday = Number(date.slice(0, 4)) > d.last ? statutoryHoliday(date) : undefined;
    return holiday ? { workday: false, covered: false, holiday } : { workday: monFri, covered: false };
  }
  const adjusted = d.workdays.get(date);
  if (adjusted) return { workday: true, covered: true, adjustedWorkday: adjusted };
  const holiday = d.holidays.get(date);
  if (holiday) return { workday: false, covered: true, holiday };
  return { workday: monFri, covered: true };
}

/** Whether `date` is a working day (调休 weekend workdays count), and whether the data covers it. */
export function isWorkday(date: IsoDate): { workday: boolean; covered: boolean } {
  const { workday, covered } = dayInfo(date);
  return { workday, covered };
}

/** A computed date plus whether every day looked at lies inside the calendar data. */
export interface CalendarResult {
  date: IsoDate;
  covered: boolean;
}

/** W0: `due` itself if it is a working day, else the last working day before it. */
export function lastWorkdayOnOrBefore(due: IsoDate): CalendarResult {
  let n = toDayNumber(due);
  let covered = true;
  for (;;) {
    const day = fromDayNumber(n);
    const info = dayInfo(day);
    covered &&= info.covered;
    if (info.workday) return { date: day, covered };
    n -= 1;
  }
}

/** The n-th working day before the working day `w0` (n = 0 gives `w0`). */
export function workdaysBefore(w0: IsoDate, n: number): CalendarResult {
  let day = toDayNumber(w0);
  let covered = isCovered(w0);
  let left = n;
  while (left > 0) {
    day -= 1;
    const info = dayInfo(fromDayNumber(day));
    covered &&= info.covered;
    if (info.workday) left -= 1;
  }
  return { date: fromDayNumber(day), covered };
}

/** The send day of reminder offset `n` for a due date: n-th working day before W0. */
export function reminderDay(due: IsoDate, n: number): CalendarResult {
  const w0 = lastWorkdayOnOrBefore(due);
  const r = workdaysBefore(w0.date, n);
  return { date: r.date, covered: w0.covered && r.covered };
}

/**
 * "自 from 之日起 n 个工作日内": the n-th working day after `from`, the start day not counted
 * (n = 0 gives `from`). `covered` is false when any day counted lies past the calendar data.
 * @throws CalendarError (with a Chinese message) when `from` or the result lies beyond dateRangeIssue's range.
 */
export function addWorkdays(from: IsoDate, n: number): { due: IsoDate; covered: boolean } {
  const issue = dateRangeIssue(from);
  if (issue) throw new CalendarError(issue);
  let day = toDayNumber(from);
  let covered = true;
  let left = n;
  while (left > 0) {
    day += 1;
    const info = dayInfo(fromDayNumber(day));
    covered &&= info.covered;
    if (info.workday) left -= 1;
  }
  const due = fromDayNumber(day);
  const past = dateRangeIssue(due);
  if (past) throw new CalendarError(`推算出的截止日${past}`);
  return { due, covered };
}

/**
 * Working days left before a due date, as the nudges count them: the working days after
 * `today` up to and including W0. 0 on W0 itself (and after it).
 */
export function workdaysUntil(today: IsoDate, due: IsoDate): { days: number; covered: boolean } {
  const w0 = lastWorkdayOnOrBefore(due);
  let covered = w0.covered;
  let days = 0;
  for (let n = toDayNumber(today) + 1, end = toDayNumber(w0.date); n <= end; n++) {
    const info = dayInfo(fromDayNumber(n));
    covered &&= info.covered;
    if (info.workday) days += 1;
  }
  return { days, covered };
}

/** The Asia/Shanghai calendar date and wall-clock time ("HH:MM") of an instant. */
export function shanghaiNow(now: Date): { date: IsoDate; time: string } {
  const iso = new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The instant of a wall-clock time ("HH:MM") on a date in Asia/Shanghai. */
export function shanghaiInstant(date: IsoDate, time: string): Date {
  const [h, m] = time.split(":").map(Number);
  return new Date(toDayNumber(date) * DAY_MS + ((h ?? 0) * 60 + (m ?? 0)) * 60_000 - SHANGHAI_OFFSET_MS);
}

/** Chinese note for a day that is not a working day: "国庆节假期" or "周六". */
export function nonWorkdayLabel(date: IsoDate): string {
  const info = dayInfo(date);
  return info.holiday ? `${info.holiday}假期` : weekdayName(date);
}
