import chineseDays from "chinese-days";

/**
 * The statutory holidays of a year computed from the rule itself, for the years whose
 * holiday schedule the State Council has not published yet. 《全国年节及纪念日放假办法》 as
 * revised on 2024-11-10 (国务院令第795号, in force from 2025), 第二条: 元旦 1 day (1月1日);
 * 春节 4 days (农历除夕、正月初一至初三); 清明节 1 day (农历清明当日); 劳动节 2 days (5月1日、2日);
 * 端午节 1 day (农历端午当日); 中秋节 1 day (农历中秋当日); 国庆节 3 days (10月1日至3日).
 * The lunar dates and 清明 come from chinese-days. The 调休 weekends and the 补假 of a holiday on
 * a weekend (第六条) are fixed only by each year's schedule, so they are not computed.
 * Dates are "YYYY-MM-DD"; names are those of chinese-days' data (春节, 清明, 端午, 中秋 …).
 */

const DAY_MS = 86_400_000;

function iso(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The day of lunar month/day (not of a leap month) between two dates of `year` (month, day). */
function lunarDay(year: number, month: number, day: number, from: [number, number], to: [number, number]): number {
  for (let t = Date.UTC(year, from[0] - 1, from[1]); t <= Date.UTC(year, to[0] - 1, to[1]); t += DAY_MS) {
    const l = chineseDays.getLunarDate(iso(t));
    if (l.lunarMon === month && l.lunarDay === day && !l.isLeap) return t;
  }
  throw new Error(`no lunar ${month}-${day} in ${year}`);
}

/** 清明 (the solar term) of `year`. */
function qingming(year: number): number {
  const d = chineseDays.getSolarTermDate(year, 4, "pure_brightness");
  const t = Date.parse(`${d}T00:00:00Z`);
  // chinese-days builds the day at UTC midnight and formats it with the machine's local clock,
  // which west of UTC reads as the evening before: take the next day back in that case
  return new Date(t + DAY_MS).getTimezoneOffset() > 0 ? t + DAY_MS : t;
}

/**
 * The statutory holidays of `year` under the 2024 rule, by date. Where 中秋 falls within
 * 国庆节 (10月1日至3日) the day is named 国庆节, as the longer holiday it lies in.
 */
export function statutoryHolidays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  const add = (t: number, name: string, n = 1) => {
    for (let i = 0; i < n; i++) days.set(iso(t + i * DAY_MS), name);
  };
  // 正月初一 lies between 1月21日 and 2月20日; 端午 and 中秋 within these windows
  const newYear = lunarDay(year, 1, 1, [1, 19], [2, 21]);
  add(newYear - DAY_MS, "春节", 4); // 除夕, 初一, 初二, 初三
  add(qingming(year), "清明");
  add(lunarDay(year, 5, 5, [5, 20], [7, 1]), "端午");
  add(lunarDay(year, 8, 15, [9, 1], [10, 12]), "中秋");
  add(Date.UTC(year, 0, 1), "元旦");
  add(Date.UTC(year, 4, 1), "劳动节", 2);
  add(Date.UTC(year, 9, 1), "国庆节", 3);
  return days;
}

const byYear = new Map<number, Map<string, string>>();

/** The statutory holiday a date ("YYYY-MM-DD") belongs to under the rule, if any (computed once per year). */
export function statutoryHoliday(date: string): string | undefined {
  const year = Number(date.slice(0, 4));
  let days = byYear.get(year);
  if (!days) byYear.set(year, (days = statutoryHolidays(year)));
  return days.get(date);
}
