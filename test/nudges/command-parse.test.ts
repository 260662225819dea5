import { describe, expect, it } from "vitest";
import { parseCommand } from "../../src/core/intent.js";
import { parseAckArgs, parseDateArg, parseDeadlineAdd, parseMonthArg, parseScheduleArg } from "../../src/nudges/command-parse.js";

describe("parseCommand", () => {
  it.each([
    ["/snooze 2", { name: "snooze", args: "2" }],
    ["/Snooze@zwgk_bot  2  monthly-ledger", { name: "snooze", args: "2  monthly-ledger" }],
    ["／ack", { name: "ack", args: "" }],
    ["/due\u30002026-09-28 7", { name: "due", args: "2026-09-28 7" }],
    ["请 /ack", null],
    ["hello", null],
    [undefined, null],
  ])("%j → %j", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});

describe("parseDateArg / parseMonthArg", () => {
  it.each([
    ["2026-09-28", "2026-09-28"],
    ["2026/9/28", "2026-09-28"],
    ["2026.9.8", "2026-09-08"],
    ["2026年9月28日", "2026-09-28"],
    ["2026年9月28号", "2026-09-28"],
    ["2026-02-29", undefined],
    ["9月28日", undefined],
  ])("date %j → %j", (s, expected) => {
    expect(parseDateArg(s)).toBe(expected);
  });

  it.each([
    ["12月3号", "2026-12-03"],
    ["9月28日", "2026-09-28"],
    ["今天", "2026-12-03"],
    ["2月30日", undefined],
    ["12月3", undefined],
    ["2027年1月5日", "2027-01-05"],
  ])("date %j, today 2026-12-03 → %j (no year: this year)", (s, expected) => {
    expect(parseDateArg(s, "2026-12-03")).toBe(expected);
  });

  it.each([
    ["2026-06", "2026-06"],
    ["2026年6月", "2026-06"],
    ["2026-13", undefined],
    ["fill", undefined],
  ])("month %j → %j", (s, expected) => {
    expect(parseMonthArg(s)).toBe(expected);
  });
});

describe("parseScheduleArg", () => {
  it.each([
    ["2026-06-30", { date: "2026-06-30" }],
    ["每月5日", { monthly: 5 }],
    ["每月5号", { monthly: 5 }],
    ["每月月底", { monthly: 31 }],
    ["每月最后一天", { monthly: 31 }],
    ["每季度末", { monthly: 31, months: [3, 6, 9, 12] }],
    ["每年3月31日", { yearly: "03-31" }],
    ["每年2月底", { yearly: "02-29" }],
    ["每年1、4、7、10月5日", { monthly: 5, months: [1, 4, 7, 10] }],
    ["每年一、四、七、十月5日", { monthly: 5, months: [1, 4, 7, 10] }],
    ["每年6,12月底", { monthly: 31, months: [6, 12] }],
    ["每月32日", undefined],
    ["每年2月30日", undefined],
    ["每年13月1日", undefined],
    ["每周五", undefined],
  ])("%j → %j", (s, expected) => {
    expect(parseScheduleArg(s)).toEqual(expected);
  });
});

describe("parseDeadlineAdd", () => {
  it("reads the schedule, title, offsets, time and source", () => {
    expect(parseDeadlineAdd("每月5日 报送 工作台账 提前3、1 8:30 依据：粤府办通知附件2", "群内添加")).toEqual({
      spec: { title: "报送 工作台账", source: "粤府办通知附件2（群内添加）", schedule: { monthly: 5 }, remind: [3, 1], time: "08:30" },
    });
  });

  it("defaults offsets, time and source", () => {
    expect(parseDeadlineAdd("2026-12-31 年度总结", "群内添加")).toEqual({
      spec: { title: "年度总结", source: "群内添加", schedule: { date: "2026-12-31" }, remind: [3, 1, 0], time: "09:00" },
    });
  });

  it.each([
    ["", "请写明截止时间"],
    ["每周五 周报", "无法识别截止时间"],
    ["每月5日", "请写明事项名称"],
    ["每月5日 台账 25:00", "time 应为北京时间"],
    ["每月5日 台账 提前99", "最多 60 个工作日"],
  ])("%j → error containing %j", (args, fragment) => {
    const r = parseDeadlineAdd(args, "群内添加");
    expect("error" in r && r.error).toContain(fragment);
  });
});

describe("parseAckArgs", () => {
  const latest = { kind: "latest" };
  const num = (n: number) => ({ kind: "number", n });
  const id = (x: string) => ({ kind: "id", id: x });
  it.each([
    ["ack", [], { days: 0, ref: latest }],
    ["ack", ["2"], { days: 0, ref: num(2) }],
    ["ack", ["第2项"], { days: 0, ref: num(2) }],
    ["ack", ["２"], { days: 0, ref: num(2) }],
    ["ack", ["monthly-ledger"], { days: 0, ref: id("monthly-ledger") }],
    ["ack", ["c12"], { days: 0, ref: id("c12") }],
    ["snooze", [], { days: 1, ref: latest }],
    ["snooze", ["3"], { days: 3, ref: latest }],
    ["snooze", ["monthly-ledger"], { days: 1, ref: id("monthly-ledger") }],
    ["snooze", ["第2项"], { days: 1, ref: num(2) }],
    ["snooze", ["2", "1"], { days: 2, ref: num(1) }],
    ["snooze", ["２", "１"], { days: 2, ref: num(1) }],
    ["snooze", ["2", "monthly-ledger"], { days: 2, ref: id("monthly-ledger") }],
    ["snooze", ["monthly-ledger", "2"], { days: 2, ref: id("monthly-ledger") }],
    ["snooze", ["第1项", "2"], { days: 2, ref: num(1) }],
  ] as const)("/%s %j → %j", (command, args, expected) => {
    expect(parseAckArgs(command, args)).toEqual(expected);
  });

  it.each([
    ["ack", ["1", "2"], "用法：/ack [序号或事项编号]"],
    ["snooze", ["a", "b"], "用法：/snooze [工作日数] [序号或事项编号]，如 /snooze 2 1（第 1 项推迟 2 个工作日）"],
    ["snooze", ["1", "2", "3"], "用法：/snooze"],
  ] as const)("/%s %j is a usage error", (command, args, error) => {
    const r = parseAckArgs(command, args);
    expect("error" in r && r.error).toContain(error);
  });
});
