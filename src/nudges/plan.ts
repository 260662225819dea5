import {
  addDays,
  daysInMonth,
  dayInfo,
  lastWorkdayOnOrBefore,
  workdaysBefore,
  type IsoDate,
} from "./calendar.js";
import type { Deadline, Schedule } from "./deadlines.js";

/** One scheduled reminder: deadline `deadline` due on `due`, sent on `sendOn` at `time` (Asia/Shanghai). */
export interface PlannedSend {
  deadline: string;
  due: IsoDate;
  sendOn: IsoDate;
  /** Working days before W0 (the due date, or the last working day before it). */
  offset: number;
  time: string;
  /** The due date is not a working day (a holiday or a weekend). */
  dueOnHoliday: boolean;
  /** Every day from sendOn to due lies inside the holiday data (else Mon–Fri was assumed). */
  covered: boolean;
}

/**
 * The due dates of a schedule falling in [from, to] (inclusive), ascending. For `monthly`, a
 * day past the month's end means the month's last day.
 */
export function occurrences(schedule: Schedule, from: IsoDate, to: IsoDate): IsoDate[] {
  if (to < from) return [];
  if ("date" in schedule) return schedule.date >= from && schedule.date <= to ? [schedule.date] : [];
  const out: IsoDate[] = [];
  const y0 = Number(from.slice(0, 4));
  const y1 = Number(to.slice(0, 4));
  for (let y = y0; y <= y1; y++) {
    if ("yearly" in schedule) {
      let md = schedule.yearly;
      if (md === "02-29" && daysInMonth(y, 2) === 28) md = "02-28";
      push(out, `${y}-${md}`, from, to);
      continue;
    }
    for (let m = 1; m <= 12; m++) {
      if (schedule.months && !schedule.months.includes(m)) continue;
      const d = Math.min(schedule.monthly, daysInMonth(y, m));
      push(out, `${y}-${pad(m)}-${pad(d)}`, from, to);
    }
  }
  return out;
}

function push(out: IsoDate[], date: IsoDate, from: IsoDate, to: IsoDate): void {
  if (date >= from && date <= to) out.push(date);
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * Calendar days to look past a range so that every due date with a send inside the range is
 * found: enough for `maxOffset` working days plus the longest run of holidays.
 */
export function lookahead(maxOffset: number): number {
  return Math.ceil((maxOffset * 7) / 5) + 21;
}

/** The sends of one occurrence of a deadline, largest offset first. */
export function sendsFor(deadline: Deadline, due: IsoDate): PlannedSend[] {
  const w0 = lastWorkdayOnOrBefore(due);
  const dueOnHoliday = !dayInfo(due).workday;
  return deadline.remind.map((offset) => {
    const day = workdaysBefore(w0.date, offset);
    return {
      deadline: deadline.id,
      due,
      sendOn: day.date,
      offset,
      time: deadline.time,
      dueOnHoliday,
      covered: w0.covered && day.covered,
    };
  });
}

/** Orders sends by sendOn, time, deadline id, due date, then larger offset first. */
export function compareSends(a: PlannedSend, b: PlannedSend): number {
  return (
    cmp(a.sendOn, b.sendOn) || cmp(a.time, b.time) || cmp(a.deadline, b.deadline) || cmp(a.due, b.due) || b.offset - a.offset
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Every reminder of `deadlines` whose send day lies in [from, to] (inclusive), sorted by
 * send day (see compareSends). Offset n is sent on the n-th working day before W0, W0 being
 * the due date if it is a working day, else the last working day before it.
 */
export function planSends(deadlines: readonly Deadline[], from: IsoDate, to: IsoDate): PlannedSend[] {
  const out: PlannedSend[] = [];
  for (const d of deadlines) {
    const horizon = addDays(to, lookahead(Math.max(0, ...d.remind)));
    for (const due of occurrences(d.schedule, from, horizon)) {
      for (const s of sendsFor(d, due)) if (s.sendOn >= from && s.sendOn <= to) out.push(s);
    }
  }
  return out.sort(compareSends);
}

/** The next due date of a deadline on or after `today`, if any (a one-off date however far; recurring ones within two years). */
export function nextDue(deadline: Deadline, today: IsoDate): IsoDate | undefined {
  if ("date" in deadline.schedule) return deadline.schedule.date >= today ? deadline.schedule.date : undefined;
  return occurrences(deadline.schedule, today, addDays(today, 800))[0];
}
