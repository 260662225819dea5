/** Start-up checks of DATA_DIR, KNOWLEDGE_DIR and PROMPTS_DIR: one Chinese line each, with the other problems. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../src/config.js";
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

describe("loadStartupConfig: the folders are checked at start", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-folders-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("creates a missing DATA_DIR and leaves no probe file behind", () => {
    const dataDir = path.join(dir, "new", "data");
    loadStartupConfig({ DATA_DIR: dataDir });
    expect(fs.readdirSync(dataDir)).toEqual([]);
  });

  it("reports a DATA_DIR that is a file, instead of a system error once the bot starts", () => {
    const file = path.join(dir, "a-file");
    fs.writeFileSync(file, "");
    const issues = issuesOf({ DATA_DIR: file });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^DATA_DIR：数据目录 \S+a-file 无法使用（这是一个文件，应为文件夹）。.*如 DATA_DIR=/);
  });

  it.runIf(fs.existsSync("/proc/self"))("reports a DATA_DIR that cannot be created (it used to hang the console chat)", () => {
    const issues = issuesOf({ DATA_DIR: "/proc/zwgk-data" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^DATA_DIR：数据目录 \/proc\/zwgk-data 无法使用（/);
  });

  it("reports a KNOWLEDGE_DIR that does not exist once, not as a missing deadlines file", () => {
    const issues = issuesOf({ DATA_DIR: path.join(dir, "data"), KNOWLEDGE_DIR: path.join(dir, "no-knowledge") });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^KNOWLEDGE_DIR：知识库目录 \S+no-knowledge 无法使用（文件夹不存在），.*如 KNOWLEDGE_DIR=/);
  });

  it("asks for the prompts only when a model is configured", () => {
    const empty = path.join(dir, "no-prompts");
    fs.mkdirSync(empty);
    const base = { DATA_DIR: path.join(dir, "data"), PROMPTS_DIR: empty };
    expect(() => loadStartupConfig(base)).not.toThrow();
    const issues = issuesOf({ ...base, LLM_PROVIDER: "openai", LLM_BASE_URL: "http://127.0.0.1:1/v1", LLM_MODEL: "m" });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/^PROMPTS_DIR：使用大模型时需要提示词文件，\S+no-prompts 中缺少 answer\.md、rewrite\.md、rerank\.md、extract-row\.md/);
  });

  it("lists folder problems together with the wrong variables, in one report", () => {
    const file = path.join(dir, "another-file");
    fs.writeFileSync(file, "");
    const issues = issuesOf({ DATA_DIR: file, LOG_LEVEL: "loud", KNOWLEDGE_DIR: path.join(dir, "missing") });
    expect(issues.map((i) => i.slice(0, i.indexOf("：")))).toEqual(["LOG_LEVEL", "DATA_DIR", "KNOWLEDGE_DIR"]);
  });
});
