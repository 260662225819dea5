import { describe, expect, it } from "vitest";
import { calendarCoverage, dayInfo, lastWorkdayOnOrBefore, reminderDay } from "../../src/nudges/calendar.js";
import { dueView } from "../../src/nudges/command-views.js";
import { statutoryHolidays } from "../../src/nudges/statutory-holidays.js";
import { dueNotes } from "../../src/nudges/text.js";

/** The days of `name` in a computed year, sorted. */
const daysOf = (year: number, name: string) => [...statutoryHolidays(year)].filter(([, n]) => n === name).map(([d]) => d).sort();

describe("statutory holidays computed from the 2024 rule (years past the published schedules)", () => {
  // 2027, checked against chinese-days' lunar calendar and solar terms: 正月初一 is 2月6日 (除夕 2月5日)
  it.each([
    ["元旦", ["2027-01-01"]],
    ["春节", ["2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08"]], // 除夕、正月初一至初三
    ["清明", ["2027-04-05"]],
    ["劳动节", ["2027-05-01", "2027-05-02"]],
    ["端午", ["2027-06-09"]],
    ["中秋", ["2027-09-15"]],
    ["国庆节", ["2027-10-01", "2027-10-02", "2027-10-03"]],
  ])("2027 %s: %j", (name, days) => {
    expect(daysOf(2027, name)).toEqual(days);
  });

  it.each([
    [2028, "春节", ["2028-01-25", "2028-01-26", "2028-01-27", "2028-01-28"]],
    [2028, "端午", ["2028-05-28"]], // 2028 has a leap fifth month: the first 五月初五 counts
    [2028, "中秋", []], // 10月3日, within 国庆节: named so
    [2028, "国庆节", ["2028-10-01", "2028-10-02", "2028-10-03"]],
    [2036, "中秋", ["2036-10-04"]], // right after 国庆节: a fourth day off
  ])("%i %s: %j", (year, name, days) => {
    expect(daysOf(year, name)).toEqual(days);
  });

  it("gives 13 days a year (春节 4, 劳动节 2, 国庆节 3, the others 1), 12 when 中秋 falls within 国庆节", () => {
    for (let year = 2027; year <= calendarCoverage().lastYear + 10; year++) {
      const holidays = statutoryHolidays(year);
      expect(holidays.size, String(year)).toBe(daysOf(year, "中秋").length ? 13 : 12);
    }
  });

  it("agrees with the State Council's published schedules for every year the data covers", () => {
    const { lastYear } = calendarCoverage();
    const mismatches: string[] = [];
    // 清明、端午、中秋 are holidays since 2008; before the 2024 rule 除夕 and 5月2日 were not statutory
    for (let year = 2008; year <= lastYear; year++) {
      for (const [date, name] of statutoryHolidays(year)) {
        if (year < 2025 && ((name === "春节" && daysOf(year, "春节")[0] === date) || date === `${year}-05-02`)) continue;
        const info = dayInfo(date);
        // the data leaves out some holidays falling on a weekend; 中秋 and 国庆节 may share a day
        const named = info.holiday === undefined || info.holiday === name || (["中秋", "国庆节"].includes(name) && ["中秋", "国庆节"].includes(info.holiday));
        if (info.workday || !named) mismatches.push(`${date}: computed ${name}, published ${info.holiday ?? (info.workday ? "working day" : "weekend")}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("is the same whatever the machine's time zone", () => {
    const saved = process.env.TZ;
    const expected = [...statutoryHolidays(2027)];
    try {
      for (const tz of ["America/New_York", "Pacific/Honolulu", "Asia/Shanghai", "Pacific/Kiritimati", "UTC"]) {
        process.env.TZ = tz;
        expect([...statutoryHolidays(2027)], tz).toEqual(expected);
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });
});

describe("the working-day calendar past the published schedules", () => {
  it.each<[string, boolean, string | undefined, string]>([
    ["2027-02-04", true, undefined, "Thursday before 除夕"],
    ["2027-02-05", false, "春节", "除夕 (Friday)"],
    ["2027-02-08", false, "春节", "正月初三 (Monday)"],
    ["2027-02-09", true, undefined, "first working day after 春节 (调休 unknown)"],
    ["2027-04-05", false, "清明", "清明 (Monday)"],
    ["2027-06-09", false, "端午", "端午 (Wednesday)"],
    ["2027-09-15", false, "中秋", "中秋 (Wednesday)"],
  ])("%s: workday %s, %s (%s)", (date, workday, holiday) => {
    expect(dayInfo(date)).toEqual({ workday, covered: false, ...(holiday ? { holiday } : {}) });
  });

  it("2026 still uses the published schedule: 春节 from 2月15日, the 调休 Saturday 2月14日 a working day", () => {
    expect(dayInfo("2026-02-15")).toEqual({ workday: false, covered: true, holiday: "春节" }); // 腊月廿八: in the schedule, not in the rule
    expect(dayInfo("2026-02-23")).toEqual({ workday: false, covered: true, holiday: "春节" });
    expect(dayInfo("2026-02-14")).toEqual({ workday: true, covered: true, adjustedWorkday: "春节" });
    expect(dayInfo("2026-04-06")).toEqual({ workday: false, covered: true, holiday: "清明" }); // the day after 清明 by the schedule
  });

  it("no reminder falls on 除夕 or in 春节: the last working day before them is Thursday 2月4日", () => {
    expect(lastWorkdayOnOrBefore("2027-02-08")).toEqual({ date: "2027-02-04", covered: false });
    expect(reminderDay("2027-02-10", 1)).toEqual({ date: "2027-02-09", covered: false });
    expect(reminderDay("2027-02-10", 2)).toEqual({ date: "2027-02-04", covered: false });
    expect(dueNotes("2027-01-20", "2027-02-06")[0]).toBe("截止日 2027年2月6日 适逢春节假期，请在2027年2月4日（周四）前办结。");
  });

  it.each([
    ["2027-02-03", 3, "2027年2月10日（周三）", ["已跳过春节假期 02-05—02-08（4 天）。"]],
    ["2027-02-03", 1, "2027年2月4日（周四）", []],
    ["2027-04-01", 2, "2027年4月6日（周二）", ["已跳过清明假期 04-05（1 天）。"]],
    ["2027-09-30", 1, "2027年10月4日（周一）", ["已跳过国庆节假期 10-01—10-03（3 天）。"]],
  ])("/due %s %i → %s", (from, n, due, skipped) => {
    const text = dueView(from, n);
    expect(text).toContain(`截止日为 ${due}。`);
    for (const line of skipped) expect(text).toContain(line);
    expect(text).toContain("⚠️ 注意：2027年节假日安排尚未公布，按周一至周五推算（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节按法定日期推算，调休未计），请以国务院办公厅通知为准。");
  });
});
