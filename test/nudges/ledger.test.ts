/** The ledger's phone-number check (trial finding 10: a 12-digit mobile number was accepted). */
import { describe, expect, it } from "vitest";
import { phoneIssue } from "../../src/nudges/ledger.js";

describe("phoneIssue", () => {
  it.each([
    ["13800138000", undefined],
    ["+86 138 0013 8000", undefined],
    ["0393-7221234", undefined],
    ["（0393）7221234", undefined],
    ["7221234", undefined],
    ["13800001111、0393-7221234", undefined],
    ["138001380000", "手机号码应为 11 位数字，“138001380000”是 12 位"],
    ["1380013800", "手机号码应为 11 位数字，“1380013800”是 10 位"],
    ["0393-72212", "带区号的固定电话应为 10–12 位数字"],
    ["打电话给我", "联系方式应为电话号码（至少 7 位数字）"],
    ["123", "联系方式应为电话号码（至少 7 位数字）"],
  ])("%s", (value, issue) => {
    if (issue === undefined) expect(phoneIssue(value)).toBeUndefined();
    else expect(phoneIssue(value)).toContain(issue);
  });
});
