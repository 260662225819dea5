/** A malformed deadlines file: Chinese messages naming the file, the entry and the field, not a zod dump. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DeadlinesError, loadDeadlines } from "../../src/nudges/deadlines.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-deadlines-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The error loading `text` from a file named deadlines.yaml gives. */
function errorOf(text: string): DeadlinesError {
  const file = path.join(dir, "deadlines.yaml");
  fs.writeFileSync(file, text);
  try {
    loadDeadlines(file);
  } catch (err) {
    expect(err).toBeInstanceOf(DeadlinesError);
    return err as DeadlinesError;
  }
  throw new Error("no error");
}

const GOOD = "- id: monthly-report\n  title: 月报\n  source: 县政府办通知\n  schedule: {monthly: 5}\n";

describe("a malformed deadlines file", () => {
  it("names the line and the entry of a YAML syntax error, in Chinese", () => {
    const { message } = errorOf(`${GOOD}- id: yearly-report\n  title: "年报\n  source: 条例\n`);
    expect(message).toContain(`${path.join(dir, "deadlines.yaml")} 不是有效的 YAML：第 8 行第 1 列附近（第 2 项（yearly-report）内）格式有误`);
    expect(message).toContain("请检查缩进是否对齐、引号和括号是否成对");
    expect(message).not.toMatch(/at line \d+, column \d+/);
  });

  it("says a missing field is missing", () => {
    const { issues } = errorOf(`${GOOD}- id: yearly-report\n  source: 条例\n  schedule: {yearly: "03-31"}\n`);
    expect(issues).toEqual(["第 2 项（yearly-report）.title：缺少 title（必填）"]);
  });

  it("quotes a bad date and a value of the wrong type", () => {
    const { issues } = errorOf(`${GOOD}- id: half-year\n  title: 半年报\n  source: 通知\n  schedule: {date: 2026-02-30}\n  remind: [3, x]\n`);
    expect(issues).toEqual([
      '第 2 项（half-year）.schedule.date：date 应为真实日期 YYYY-MM-DD（现为 "2026-02-30"）',
      '第 2 项（half-year）.remind.1：remind 应为数字（现为 "x"）',
    ]);
  });

  it("says which months and keys are wrong, and what a whole file should be", () => {
    expect(errorOf(`- id: q\n  title: 季报\n  source: 通知\n  schedule: {monthly: 5, months: [13]}\n  remid: [1]\n`).issues).toEqual([
      "第 1 项（q）.schedule.months.0：months 的月份应为 1–12（现为 13）",
      "第 1 项（q）：不认识的字段 “remid”，请检查拼写",
    ]);
    expect(errorOf("title: 月报\n").issues).toEqual(["文件内容：应为列表（每项以“- ”开头）"]);
  });

  it("never shows zod's wording (无效输入, expected, undefined)", () => {
    for (const text of [`${GOOD}- id: x\n  title: [1\n`, "- id: a\n  title: 1\n  source: s\n  schedule: {monthly: 5}\n", "- {}\n"]) {
      expect(errorOf(text).message).not.toMatch(/无效输入|expected|received|undefined/i);
    }
  });
});
