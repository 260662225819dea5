import chineseDays from "chinese-days";
import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  addWorkdays,
  assertIsoDate,
  calendarCoverage,
  CalendarError,
  dayInfo,
  fromDayNumber,
  isIsoDate,
  isWorkday,
  lastWorkdayOnOrBefore,
  reminderDay,
  shanghaiInstant,
  shanghaiNow,
  toDayNumber,
  weekday,
  workdaysBefore,
  workdaysUntil,
} from "../../src/nudges/calendar.js";

const past = calendarCoverage().lastYear + 1; // first year without a published schedule

describe("calendar coverage", () => {
  it("is derived from the chinese-days data and reaches through 2026", () => {
    const c = calendarCoverage();
    expect(c.firstYear).toBe(2004);
    expect(c.lastYear).toBeGreaterThanOrEqual(2026);
  });

  it("agrees with chinese-days' own isWorkday on every covered day", () => {
    const saved = process.env.TZ;
    process.env.TZ = "Asia/Shanghai"; // the library reads weekdays in local time
    try {
      const { firstYear, lastYear } = calendarCoverage();
      const mismatches: string[] = [];
      for (let n = toDayNumber(`${firstYear}-01-01`); n <= toDayNumber(`${lastYear}-12-31`); n++) {
        const d = fromDayNumber(n);
        if (isWorkday(d).workday !== chineseDays.isWorkday(d)) mismatches.push(d);
      }
      expect(mismatches).toEqual([]);
    } finally {
      process.env.TZ = saved;
    }
  });
});

describe("isWorkday", () => {
  it.each([
    ["2026-09-24", true, true, "Thursday before 中秋"],
    ["2026-09-25", false, true, "中秋 (Friday)"],
    ["2026-09-27", false, true, "中秋 (Sunday)"],
    ["2026-09-20", true, true, "调休 Sunday before 国庆"],
    ["2026-10-01", false, true, "国庆"],
    ["2026-10-07", false, true, "last day of 国庆"],
    ["2026-10-08", true, true, "first working day after 国庆"],
    ["2026-10-10", true, true, "调休 Saturday after 国庆"],
    ["2026-10-11", false, true, "ordinary Sunday"],
    ["2026-02-14", true, true, "调休 Saturday before 春节"],
    ["2026-02-16", false, true, "春节 (Monday)"],
    ["2026-06-01", true, true, "ordinary Monday"],
    [`${past}-10-01`, false, false, "past the data: 国庆节 on its fixed date"],
    [`${past}-10-08`, weekday(`${past}-10-08`) >= 1 && weekday(`${past}-10-08`) <= 5, false, "past the data: Mon–Fri"],
    [`${past}-01-02`, weekday(`${past}-01-02`) >= 1 && weekday(`${past}-01-02`) <= 5, false, "past the data: Mon–Fri"],
    ["2003-10-01", true, false, "before the data (a Wednesday)"],
  ])("%s → workday %s, covered %s (%s)", (date, workday, covered) => {
    expect(isWorkday(date)).toEqual({ workday, covered });
  });

  it("names holidays and 调休 workdays", () => {
    expect(dayInfo("2026-10-03")).toMatchObject({ workday: false, holiday: "国庆节" });
    expect(dayInfo("2026-09-26")).toMatchObject({ workday: false, holiday: "中秋" });
    expect(dayInfo("2026-10-10")).toMatchObject({ workday: true, adjustedWorkday: "国庆节" });
    // past the data the statutory holidays are computed from the rule (statutory-holidays.test.ts), 调休 not
    expect(dayInfo(`${past}-01-01`)).toEqual({ workday: false, covered: false, holiday: "元旦" });
    expect(dayInfo(`${past}-05-02`)).toEqual({ workday: false, covered: false, holiday: "劳动节" });
    expect(dayInfo(`${past}-10-03`)).toEqual({ workday: false, covered: false, holiday: "国庆节" });
    expect(dayInfo(`${past}-10-08`).holiday).toBeUndefined();
  });
});

describe("W0 (last working day on or before the due date)", () => {
  it.each([
    ["2026-10-05", "2026-09-30", true, "due on a 国庆 holiday"],
    ["2026-10-10", "2026-10-10", true, "due on the 调休 Saturday"],
    ["2026-10-08", "2026-10-08", true, "due on a working day"],
    ["2026-09-27", "2026-09-24", true, "due on 中秋"],
    ["2026-05-31", "2026-05-29", true, "month end on a Sunday"],
    ["2026-01-31", "2026-01-30", true, "month end on a Saturday"],
    ["2026-02-28", "2026-02-28", true, "month end on a 调休 Saturday"],
    ["2026-02-22", "2026-02-14", true, "due inside 春节: back to the 调休 Saturday"],
    ["2027-01-31", "2027-01-29", false, "past the data"],
  ])("due %s → W0 %s (covered %s, %s)", (due, w0, covered) => {
    expect(lastWorkdayOnOrBefore(due)).toEqual({ date: w0, covered });
  });
});

describe("reminder days (n-th working day before W0)", () => {
  it.each([
    ["2026-10-05", 0, "2026-09-30"],
    ["2026-10-05", 1, "2026-09-29"],
    ["2026-10-05", 3, "2026-09-24"], // skips 中秋 25–27
    ["2026-10-12", 1, "2026-10-10"], // sent on the 调休 Saturday
    ["2026-10-12", 4, "2026-09-30"], // skips all of 国庆
    ["2026-10-10", 0, "2026-10-10"],
    ["2026-10-10", 1, "2026-10-09"],
    ["2026-09-21", 1, "2026-09-20"], // the 调休 Sunday counts
    ["2026-03-02", 1, "2026-02-28"], // the 调休 Saturday at the month end
    ["2026-03-02", 2, "2026-02-27"],
  ])("due %s, offset %i → %s", (due, n, day) => {
    expect(reminderDay(due, n)).toEqual({ date: day, covered: true });
  });

  it("falls back to Mon–Fri past the data and says so", () => {
    const r = reminderDay(`${past}-03-05`, 3);
    expect(r.covered).toBe(false);
    expect([1, 2, 3, 4, 5]).toContain(weekday(r.date));
  });

  it("is uncovered when the walk back crosses into an unpublished year", () => {
    expect(workdaysBefore(`${past}-01-04`, 0).covered).toBe(false);
    expect(workdaysBefore("2026-12-31", 3)).toEqual({ date: "2026-12-28", covered: true });
  });
});

describe("addWorkdays (自…之日起N个工作日内, start day not counted)", () => {
  it.each([
    ["2026-09-28", 7, "2026-10-13", true, "across 国庆, counting the 调休 Saturday"],
    ["2026-09-24", 1, "2026-09-28", true, "across 中秋"],
    ["2026-09-15", 20, "2026-10-19", true, "the 20-working-day disclosure limit across both holidays"],
    ["2026-06-05", 0, "2026-06-05", true, "zero days"],
    ["2026-06-05", 1, "2026-06-08", true, "Friday + 1"],
    ["2026-02-13", 1, "2026-02-14", true, "onto the 调休 Saturday"],
    ["2026-12-28", 3, "2026-12-31", true, "up to the last covered day"],
    ["2026-10-01", 1, "2026-10-08", true, "starting on a holiday"],
  ])("%s + %i → %s (covered %s, %s)", (from, n, due, covered) => {
    expect(addWorkdays(from, n)).toEqual({ due, covered });
  });

  it("is uncovered when any counted day lies past the data", () => {
    const r = addWorkdays(`${past - 1}-12-31`, 1);
    expect(r.covered).toBe(false);
    expect([1, 2, 3, 4, 5]).toContain(weekday(r.due));
    expect(addWorkdays(`${past}-03-02`, 5).covered).toBe(false);
  });
});

describe("workdaysUntil", () => {
  it.each([
    ["2026-09-28", "2026-10-13", 7],
    ["2026-09-24", "2026-10-05", 3], // W0 is 09-30
    ["2026-09-30", "2026-10-05", 0],
    ["2026-10-02", "2026-10-05", 0], // after W0, before the due date
    ["2026-06-04", "2026-06-05", 1],
  ])("from %s to due %s → %i", (today, due, days) => {
    expect(workdaysUntil(today, due).days).toBe(days);
  });
});

describe("dates and time zones", () => {
  const saved = process.env.TZ;
  afterEach(() => {
    process.env.TZ = saved;
  });

  it.each(["America/Los_Angeles", "Pacific/Kiritimati", "UTC", "Asia/Shanghai"])("gives the same answers with TZ=%s", (tz) => {
    process.env.TZ = tz;
    expect(weekday("2026-10-10")).toBe(6);
    expect(addWorkdays("2026-09-28", 7).due).toBe("2026-10-13");
    expect(lastWorkdayOnOrBefore("2026-10-05").date).toBe("2026-09-30");
    expect(shanghaiNow(new Date("2026-06-04T16:30:00Z"))).toEqual({ date: "2026-06-05", time: "00:30" });
    expect(shanghaiInstant("2026-06-05", "09:00").toISOString()).toBe("2026-06-05T01:00:00.000Z");
  });

  it("validates ISO dates", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("2026-9-1")).toBe(false);
    expect(() => assertIsoDate("2026-13-01")).toThrow(CalendarError);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
