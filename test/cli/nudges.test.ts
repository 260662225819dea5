import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runNudgesCli } from "../../src/cli/nudges.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
let dir: string;
let config: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "nudges-cli-"));
  config = path.join(dir, "deadlines.yaml");
  fs.writeFileSync(
    config,
    [
      "- id: ledger",
      "  title: 工作台账",
      "  source: 测试出处",
      "  schedule: { monthly: 5 }",
      "  remind: [3, 1, 0]",
      '  time: "09:00"',
      "- id: quarterly",
      "  title: 季度报告",
      "  source: 测试出处",
      "  schedule: { monthly: 31, months: [3, 6, 9, 12] }",
      "  remind: [2]",
      '  time: "08:30"',
    ].join("\n"),
  );
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function cli(...argv: string[]): { code: number; out: string; err: string } {
  let out = "";
  let err = "";
  const code = runNudgesCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}

describe("nudges plan", () => {
  it("prints every send in the range as JSON, sorted by sendOn, with exactly the documented keys", () => {
    const r = cli("plan", "--config", config, "--from", "2026-09-24", "--to", "2026-10-05", "--json");
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(JSON.parse(r.out)).toEqual([
      { deadline: "ledger", due: "2026-10-05", sendOn: "2026-09-24", offset: 3, time: "09:00" },
      { deadline: "quarterly", due: "2026-09-30", sendOn: "2026-09-28", offset: 2, time: "08:30" },
      { deadline: "ledger", due: "2026-10-05", sendOn: "2026-09-29", offset: 1, time: "09:00" },
      { deadline: "ledger", due: "2026-10-05", sendOn: "2026-09-30", offset: 0, time: "09:00" },
    ]);
  });

  it("accepts --flag=value and prints a Chinese table without --json", () => {
    const r = cli("plan", `--config=${config}`, "--from=2026-09-24", "--to=2026-09-24");
    expect(r.code).toBe(0);
    expect(r.out).toContain("共 1 条提醒");
    expect(r.out).toContain("截止日非工作日");
  });

  it.each([
    [["plan", "--config", "CONFIG", "--from", "2026-09-31", "--to", "2026-10-05", "--json"], "--from 应为真实日期"],
    [["plan", "--config", "CONFIG", "--from", "2026-10-05", "--to", "2026-09-01", "--json"], "早于"],
    [["plan", "--from", "2026-09-01", "--to", "2026-10-05", "--json"], "缺少 --config"],
    [["plan", "--config", "/nonexistent.yaml", "--from", "2026-09-01", "--to", "2026-10-05"], "无法读取截止事项文件"],
    [["plan", "--config", "CONFIG", "--from", "2026-09-01", "--to", "2040-10-05"], "区间过长"],
    [["plan", "--config", "CONFIG", "--from", "2026-09-01", "--until", "2026-10-05"], "未知选项"],
    [["plan", "--config", "CONFIG", "--from", "--to", "2026-10-05"], "缺少取值"],
    [["due", "--from", "2026-09-28", "--workdays", "-1", "--json"], "--workdays 应为"],
    [["due", "--from", "2026-09-28", "--workdays", "seven"], "--workdays 应为"],
    [["due", "--workdays", "7"], "缺少 --from"],
    [["frobnicate"], "未知子命令"],
    [[], "缺少子命令"],
  ])("%j → exit 2 with a Chinese message on stderr", (argv, message) => {
    const r = cli(...argv.map((a) => (a === "CONFIG" ? config : a)));
    expect(r.code).toBe(2);
    expect(r.out).toBe("");
    expect(r.err).toContain("错误：");
    expect(r.err).toContain(message);
  });

  it("rejects an invalid deadlines file with every problem listed", () => {
    const bad = path.join(dir, "bad.yaml");
    fs.writeFileSync(bad, "- {id: a, title: t, schedule: {monthly: 40}, time: '25:00'}");
    const r = cli("plan", "--config", bad, "--from", "2026-09-01", "--to", "2026-10-05", "--json");
    expect(r.code).toBe(2);
    expect(r.err).toContain("monthly 应为 1–31");
    expect(r.err).toContain("time 应为北京时间");
    expect(r.err).toContain("source");
  });
});

describe("nudges due", () => {
  it.each([
    ["2026-09-28", "7", { due: "2026-10-13", covered: true }],
    ["2026-09-24", "1", { due: "2026-09-28", covered: true }],
    ["2026-12-31", "1", { due: "2027-01-04", covered: false }], // 元旦 on its fixed date, Mon–Fri otherwise
  ])("from %s + %s working days", (from, n, expected) => {
    const r = cli("due", "--from", from, "--workdays", n, "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(expected);
  });

  it("explains the result in Chinese without --json", () => {
    const r = cli("due", "--from", "2026-09-28", "--workdays", "7");
    expect(r.out).toContain("截止日为 2026年10月13日（周二）");
  });
});

describe("through npm run (a real process)", () => {
  it("plan --json and due --json print JSON on stdout; bad arguments exit 2", async () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const plan = await run(npm, ["run", "--silent", "nudges", "--", "plan", "--config", config, "--from", "2026-09-24", "--to", "2026-09-24", "--json"], { cwd: ROOT });
    expect(JSON.parse(plan.stdout)).toEqual([{ deadline: "ledger", due: "2026-10-05", sendOn: "2026-09-24", offset: 3, time: "09:00" }]);
    const due = await run(npm, ["run", "--silent", "nudges", "--", "due", "--from", "2026-09-28", "--workdays", "7", "--json"], { cwd: ROOT });
    expect(JSON.parse(due.stdout)).toEqual({ due: "2026-10-13", covered: true });
    const bad = await run(npm, ["run", "--silent", "nudges", "--", "due", "--from", "2026-02-30", "--workdays", "7"], { cwd: ROOT }).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--from 应为真实日期");
  });
});
