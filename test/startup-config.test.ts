import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, PACKAGE_ROOT } from "../src/config.js";
import { loadStartupConfig } from "../src/startup-config.js";

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadStartupConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error("expected a ConfigError");
}

describe("loadStartupConfig: the deadlines file is checked at start, with the other settings", () => {
  let dir: string;
  const file = (name: string, text: string) => {
    const f = path.join(dir, name);
    fs.writeFileSync(f, text);
    return f;
  };
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-startup-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("reads the shipped deadlines by default, and the named file when DEADLINES_FILE is set", () => {
    const shipped = loadStartupConfig({});
    expect(shipped.config.deadlinesFile).toBe(path.join(PACKAGE_ROOT, "knowledge", "deadlines.yaml"));
    expect(shipped.deadlines.map((d) => d.id)).toContain("monthly-ledger");
    const own = file("own.yaml", "- id: county-report\n  title: 县级报送\n  source: 县政府办通知\n  schedule: {monthly: 10}\n");
    const named = loadStartupConfig({ DEADLINES_FILE: own });
    expect(named.deadlines.map((d) => d.id)).toEqual(["county-report"]);
    expect(named.config.deadlinesFile).toBe(own);
  });

  const cases: { name: string; env: () => Record<string, string>; expected: RegExp[] }[] = [
    {
      name: "a DEADLINES_FILE that does not exist",
      env: () => ({ DEADLINES_FILE: path.join(dir, "nope", "deadlines.yaml") }),
      expected: [/^DEADLINES_FILE：无法读取截止事项文件 \S+nope\/deadlines\.yaml（文件不存在），应为截止事项 YAML 文件的路径，如 DEADLINES_FILE=/],
    },
    {
      name: "a DEADLINES_FILE that is a folder",
      env: () => ({ DEADLINES_FILE: dir }),
      expected: [/^DEADLINES_FILE：无法读取截止事项文件 .*（这是一个文件夹，应为文件）/],
    },
    {
      name: "a KNOWLEDGE_DIR without deadlines.yaml (DEADLINES_FILE not set)",
      env: () => {
        fs.mkdirSync(path.join(dir, "empty-knowledge"), { recursive: true });
        return { KNOWLEDGE_DIR: path.join(dir, "empty-knowledge") };
      },
      expected: [/^DEADLINES_FILE：未设置，默认的截止事项文件 \S+empty-knowledge\/deadlines\.yaml 无法读取（文件不存在）；请检查 KNOWLEDGE_DIR/],
    },
    {
      name: "a file that is not YAML",
      env: () => ({ DEADLINES_FILE: file("bad.yaml", "- id: a\n  title: [未闭合\n") }),
      expected: [/^DEADLINES_FILE：截止事项文件 \S+bad\.yaml 不是有效的 YAML/],
    },
    {
      name: "entries that do not match the schema",
      env: () => ({ DEADLINES_FILE: file("wrong.yaml", "- id: Bad_Id\n  title: 甲\n  source: 乙\n  schedule: {monthly: 40}\n") }),
      expected: [/^DEADLINES_FILE：截止事项文件 \S+wrong\.yaml 有 2 处错误：\n {4}- 第 1 项（Bad_Id）\.id：.*\n {4}- 第 1 项（Bad_Id）\.schedule/],
    },
  ];
  it.each(cases)("reports $name as a configuration problem", ({ env, expected }) => {
    const issues = issuesOf(env());
    expect(issues).toHaveLength(1);
    for (const re of expected) expect(issues[0]).toMatch(re);
  });

  it("lists the deadlines file's problem together with every other one, in one report", () => {
    try {
      loadStartupConfig({ MAX_UPLOAD_MB: "lots", WECOM_BOT_ID: "aib1", DEADLINES_FILE: path.join(dir, "missing.yaml") });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const e = err as ConfigError;
      expect(e.issues.map((i) => i.slice(0, i.indexOf("：")))).toEqual(["MAX_UPLOAD_MB", "WECOM_BOT_SECRET", "DEADLINES_FILE"]);
      expect(e.message).toMatch(/^配置有误（共 3 处）：\n {2}- MAX_UPLOAD_MB：.*\n {2}- WECOM_BOT_SECRET：.*\n {2}- DEADLINES_FILE：无法读取截止事项文件/);
    }
  });
});
