import path from "node:path";
import { describe, expect, it } from "vitest";
import { calendarCoverage, weekday } from "../../src/nudges/calendar.js";
import { DeadlinesError, describeSchedule, loadDeadlines, parseDeadlines, type Deadline } from "../../src/nudges/deadlines.js";
import { occurrences, planSends } from "../../src/nudges/plan.js";
import { LEDGER_DEADLINE_ID } from "../../src/nudges/scheduler.js";

const SHIPPED = path.resolve(import.meta.dirname, "../../knowledge/deadlines.yaml");

function dl(partial: Partial<Deadline> & Pick<Deadline, "schedule">): Deadline {
  return { id: "t", title: "测试事项", source: "测试", remind: [3, 1, 0], time: "09:00", ...partial };
}

describe("knowledge/deadlines.yaml", () => {
  const list = loadDeadlines(SHIPPED);

  it("loads, cites a source for every entry and includes the monthly ledger", () => {
    expect(list.length).toBeGreaterThanOrEqual(4);
    for (const d of list) expect(d.source.length, d.id).toBeGreaterThan(10);
    expect(new Set(list.map((d) => d.id)).size).toBe(list.length);
    expect(list.find((d) => d.id === LEDGER_DEADLINE_ID)?.schedule).toEqual({ monthly: 5 });
  });

  it("has the yearly report deadlines of 条例第四十九条", () => {
    const yearly = list.filter((d) => "yearly" in d.schedule).map((d) => (d.schedule as { yearly: string }).yearly);
    expect(yearly).toEqual(expect.arrayContaining(["01-31", "03-31"]));
    expect(list.filter((d) => d.source.includes("第四十九条"))).toHaveLength(2);
  });
});

describe("deadline schema", () => {
  it("fills defaults and normalises remind (descending, unique)", () => {
    const [d] = parseDeadlines("- {id: a, title: 标题, source: 出处, schedule: {monthly: 5}, remind: [0, 3, 1, 3]}");
    expect(d).toEqual({ id: "a", title: "标题", source: "出处", schedule: { monthly: 5 }, remind: [3, 1, 0], time: "09:00" });
  });

  it("accepts {deadlines: [...]} and an empty file", () => {
    expect(parseDeadlines("deadlines:\n  - {id: a, title: 标题, source: 出处, schedule: {yearly: '03-31'}}")).toHaveLength(1);
    expect(parseDeadlines("")).toEqual([]);
  });

  it.each([
    ["- {id: a, title: t, source: s, schedule: {monthly: 32}}", "monthly 应为 1–31"],
    ["- {id: a, title: t, source: s, schedule: {weekly: 3}}", "schedule 应为以下之一"],
    ["- {id: a, title: t, source: s, schedule: {yearly: '02-30'}}", "不是真实的月日"],
    ["- {id: a, title: t, source: s, schedule: {date: '2026-02-30'}}", "date 应为真实日期"],
    ["- {id: a, title: t, source: s, schedule: {monthly: 5}, time: '9:00'}", "time 应为北京时间"],
    ["- {id: a, title: t, schedule: {monthly: 5}}", "source"],
    ["- {id: a, title: t, source: s, schedule: {monthly: 5}, remindd: [1]}", "remindd"],
    ["- {id: c12, title: t, source: s, schedule: {monthly: 5}}", "保留给群内添加"],
    ["- {id: a, title: t, source: s, schedule: {monthly: 5}}\n- {id: a, title: u, source: s, schedule: {monthly: 6}}", "重复"],
    ["- {id: a, title: [unclosed", "不是有效的 YAML"],
  ])("rejects %j with a Chinese message", (yaml, fragment) => {
    expect(() => parseDeadlines(yaml, "x.yaml")).toThrow(DeadlinesError);
    expect(() => parseDeadlines(yaml, "x.yaml")).toThrow(fragment);
  });

  it("reports a missing file in Chinese", () => {
    expect(() => loadDeadlines("/nonexistent/deadlines.yaml")).toThrow("无法读取截止事项文件");
  });

  it.each([
    [{ monthly: 5 }, "每月5日"],
    [{ monthly: 31 }, "每月最后一天"],
    [{ monthly: 31, months: [3, 6, 9, 12] }, "每年3、6、9、12月最后一天"],
    [{ yearly: "03-31" }, "每年3月31日"],
    [{ date: "2026-06-30" }, "2026年6月30日"],
  ])("describes %j as %s", (schedule, text) => {
    expect(describeSchedule(schedule as Deadline["schedule"])).toBe(text);
  });
});

describe("occurrences", () => {
  it.each([
    [{ monthly: 31 }, "2026-01-01", "2026-06-30", ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31", "2026-06-30"]],
    [{ monthly: 30, months: [2] }, "2028-01-01", "2028-12-31", ["2028-02-29"]],
    [{ monthly: 5, months: [1, 4, 7, 10] }, "2026-03-01", "2026-12-31", ["2026-04-05", "2026-07-05", "2026-10-05"]],
    [{ yearly: "02-29" }, "2026-01-01", "2028-12-31", ["2026-02-28", "2027-02-28", "2028-02-29"]],
    [{ date: "2026-06-30" }, "2026-06-30", "2026-06-30", ["2026-06-30"]],
    [{ date: "2026-06-30" }, "2026-07-01", "2026-12-31", []],
  ])("%j in [%s, %s]", (schedule, from, to, expected) => {
    expect(occurrences(schedule as Deadline["schedule"], from, to)).toEqual(expected);
  });
});

describe("planSends", () => {
  it("plans the monthly ledger around 中秋 and 国庆 2026", () => {
    const sends = planSends([dl({ id: "ledger", schedule: { monthly: 5 } })], "2026-09-01", "2026-10-31");
    expect(sends.map((s) => [s.due, s.offset, s.sendOn])).toEqual([
      ["2026-09-05", 3, "2026-09-01"],
      ["2026-09-05", 1, "2026-09-03"],
      ["2026-09-05", 0, "2026-09-04"], // 09-05 is a Saturday
      ["2026-10-05", 3, "2026-09-24"], // before 中秋 (09-25..27)
      ["2026-10-05", 1, "2026-09-29"],
      ["2026-10-05", 0, "2026-09-30"], // 10-05 is inside 国庆
    ]);
    expect(sends.filter((s) => s.due === "2026-10-05").every((s) => s.dueOnHoliday && s.covered)).toBe(true);
    expect(sends.find((s) => s.due === "2026-09-05")?.dueOnHoliday).toBe(true); // a weekend
  });

  it("sends on a 调休 Saturday and keeps a 调休 Saturday due date", () => {
    const sends = planSends([dl({ schedule: { date: "2026-10-10" }, remind: [1, 0] })], "2026-10-01", "2026-10-31");
    expect(sends.map((s) => [s.sendOn, s.offset, s.dueOnHoliday])).toEqual([
      ["2026-10-09", 1, false],
      ["2026-10-10", 0, false],
    ]);
    const sat = planSends([dl({ schedule: { date: "2026-10-12" }, remind: [1] })], "2026-10-01", "2026-10-31");
    expect(sat.map((s) => s.sendOn)).toEqual(["2026-10-10"]);
  });

  it("handles monthly: 31 at month ends (Feb 28 2026 is a 调休 Saturday)", () => {
    const sends = planSends([dl({ schedule: { monthly: 31 }, remind: [0] })], "2026-02-01", "2026-05-31");
    expect(sends.map((s) => [s.due, s.sendOn])).toEqual([
      ["2026-02-28", "2026-02-28"],
      ["2026-03-31", "2026-03-31"],
      ["2026-04-30", "2026-04-30"],
      ["2026-05-31", "2026-05-29"],
    ]);
  });

  it("is inclusive at both ends and includes sends whose due date lies after the range", () => {
    const d = [dl({ schedule: { monthly: 5 } })];
    expect(planSends(d, "2026-09-24", "2026-09-24").map((s) => [s.due, s.offset])).toEqual([["2026-10-05", 3]]);
    expect(planSends(d, "2026-09-04", "2026-09-04").map((s) => s.offset)).toEqual([0]);
    expect(planSends(d, "2026-09-05", "2026-09-23")).toEqual([]);
  });

  it("sorts by send day, then time, then deadline", () => {
    const sends = planSends(
      [
        dl({ id: "b", schedule: { date: "2026-06-10" }, remind: [0], time: "08:30" }),
        dl({ id: "a", schedule: { date: "2026-06-10" }, remind: [0], time: "08:30" }),
        dl({ id: "c", schedule: { date: "2026-06-10" }, remind: [0, 1], time: "08:00" }),
      ],
      "2026-06-01",
      "2026-06-30",
    );
    expect(sends.map((s) => `${s.sendOn} ${s.time} ${s.deadline}`)).toEqual([
      "2026-06-09 08:00 c",
      "2026-06-10 08:00 c",
      "2026-06-10 08:30 a",
      "2026-06-10 08:30 b",
    ]);
  });

  it("plans on Mon–Fri past the calendar data and marks it uncovered", () => {
    const year = calendarCoverage().lastYear + 1;
    const sends = planSends([dl({ schedule: { monthly: 31 } })], `${year}-01-01`, `${year}-12-31`);
    expect(sends).toHaveLength(36);
    expect(sends.every((s) => !s.covered && weekday(s.sendOn) >= 1 && weekday(s.sendOn) <= 5)).toBe(true);
    const dec = planSends([dl({ schedule: { monthly: 5 } })], `${year - 1}-12-01`, `${year - 1}-12-31`);
    expect(dec.find((s) => s.due === `${year}-01-05`)?.covered).toBe(false); // offset 3 on 12-31 counts back from January
  });
});
