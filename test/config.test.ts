import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, withDotEnv } from "../src/config.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

function issuesOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).issues;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("works offline with no variables at all", () => {
    const c = loadConfig({});
    expect(c.llm).toEqual({ provider: "none" });
    expect(c.embeddings).toEqual({ provider: "local" });
    expect(c.telegram).toBeUndefined();
    expect(c.maxUploadBytes).toBe(10 * 1024 * 1024);
  });

  it("reports every problem at once, in Chinese", () => {
    try {
      loadConfig({ LLM_PROVIDER: "openai", EMBEDDINGS_PROVIDER: "openai", MAX_UPLOAD_MB: "-3", LOG_LEVEL: "loud" });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const issues = (err as ConfigError).issues.join("\n");
      for (const name of ["LLM_BASE_URL", "LLM_MODEL", "EMBEDDINGS_MODEL", "MAX_UPLOAD_MB", "LOG_LEVEL"]) expect(issues).toContain(name);
      expect((err as ConfigError).message).toMatch(/配置有误/);
    }
  });

  it("treats empty strings from .env files as unset", () => {
    const c = loadConfig({ LLM_BASE_URL: "", TELEGRAM_BOT_TOKEN: "", LLM_PROVIDER: "none" });
    expect(c.telegram).toBeUndefined();
  });

  it("reads a variable left blank as not set: the default, never the current directory or an invalid value", () => {
    const c = loadConfig({ DATA_DIR: "", KNOWLEDGE_DIR: " ", PROMPTS_DIR: "", LOG_LEVEL: "", MAX_UPLOAD_MB: "", PORT: "", LLM_PROVIDER: "", NUDGE_RECOVERY: "" });
    const defaults = loadConfig({});
    expect(c.dataDir).toBe(path.resolve("data"));
    expect(c.dataDir).not.toBe(process.cwd());
    expect(c).toEqual(defaults);
  });

  it("builds the Telegram and LLM settings", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: "http://127.0.0.1:9/", LLM_PROVIDER: "ollama", LLM_MODEL: "qwen2.5:7b" });
    expect(c.telegram).toMatchObject({ token: TOKEN, apiRoot: "http://127.0.0.1:9", port: 8080 });
    expect(c.llm).toMatchObject({ provider: "ollama", model: "qwen2.5:7b", timeoutMs: 20000 });
  });

  it("parses NUDGE_COORDINATORS as Telegram user and chat ids, and rejects anything else in Chinese", () => {
    expect(loadConfig({}).nudgeCoordinators).toEqual([]);
    expect(loadConfig({ NUDGE_COORDINATORS: " 123456789, -1001234567890，42 ,, 42" }).nudgeCoordinators).toEqual(["123456789", "-1001234567890", "42"]);
    try {
      loadConfig({ NUDGE_COORDINATORS: "123,@zhangsan" });
      expect.unreachable();
    } catch (err) {
      expect((err as ConfigError).issues.join("\n")).toMatch(/NUDGE_COORDINATORS.*Telegram 用户 ID 或群 ID/);
    }
  });

  it("documents every variable of the schema in .env.example", () => {
    const example = fs.readFileSync(path.resolve(import.meta.dirname, "../.env.example"), "utf8");
    const source = fs.readFileSync(path.resolve(import.meta.dirname, "../src/config.ts"), "utf8");
    const names = [...source.matchAll(/^\s{4}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]!);
    expect(names.length).toBeGreaterThan(10);
    for (const n of names) expect(example, n).toMatch(new RegExp(`^#? ?${n}=`, "m"));
  });

  it("reports every malformed value in Chinese, naming the variable and an example", () => {
    const issues = issuesOf({
      LLM_PROVIDER: "gpt", MAX_UPLOAD_MB: "abc", PORT: "0", LOG_LEVEL: "loud", TELEGRAM_BOT_TOKEN: "abc", LLM_TIMEOUT_MS: "-1",
      NUDGES_ENABLED: "maybe", EMBEDDINGS_PROVIDER: "bert", LLM_STRUCTURED_METHOD: "xml", TELEGRAM_API_ROOT: "nope", WECOM_WS_URL: "http://x",
    });
    expect(issues).toHaveLength(12); // 11 values, and EMBEDDINGS_MODEL for a non-local provider
    for (const issue of issues) {
      expect(issue).toMatch(/^[A-Z_]+：/);
      const name = issue.slice(0, issue.indexOf("："));
      expect(issue, issue).toContain(`如 ${name}=`);
      expect(issue, issue).not.toMatch(/Invalid|expected|received|Too small|Too big|NaN/i);
    }
    expect(issues.join("\n")).toContain("LOG_LEVEL：取值“loud”无效");
  });

  it("checks the form of TELEGRAM_BOT_TOKEN (digits, a colon, 35 characters)", () => {
    expect(issuesOf({ TELEGRAM_BOT_TOKEN: "abc" }).join()).toMatch(/TELEGRAM_BOT_TOKEN：.*35 位字符/);
    expect(issuesOf({ TELEGRAM_BOT_TOKEN: `${TOKEN}x` }).join()).toContain("TELEGRAM_BOT_TOKEN");
    expect(loadConfig({ TELEGRAM_BOT_TOKEN: ` ${TOKEN} ` }).telegram?.token).toBe(TOKEN);
  });

  it("builds the WeCom settings and asks for the id and the secret together", () => {
    expect(loadConfig({ WECOM_BOT_ID: "aib1", WECOM_BOT_SECRET: "s", WECOM_WS_URL: "ws://127.0.0.1:9" }).wecom).toEqual({
      botId: "aib1", secret: "s", wsUrl: "ws://127.0.0.1:9",
    });
    expect(loadConfig({}).wecom).toBeUndefined();
    expect(issuesOf({ WECOM_BOT_ID: "aib1" }).join()).toMatch(/^WECOM_BOT_SECRET：.*如 WECOM_BOT_SECRET=/);
    expect(issuesOf({ WECOM_BOT_SECRET: "s" }).join()).toMatch(/^WECOM_BOT_ID：/);
    expect(issuesOf({ WECOM_ADMINS: "张三" }).join()).toMatch(/^WECOM_ADMINS：取值“张三”无效/);
    expect(loadConfig({ NUDGE_COORDINATORS: "wecom:zhangsan,42" }).nudgeCoordinators).toEqual(["wecom:zhangsan", "42"]);
  });

  it("has one admin list, ADMIN_USER_IDS; the deprecated WECOM_ADMINS joins it as wecom:userid, with a start-up warning", () => {
    const plain = loadConfig({ ADMIN_USER_IDS: "123,wecom:zhangsan,dingtalk:manager1234" });
    expect(plain.adminUserIds).toEqual(["123", "wecom:zhangsan", "dingtalk:manager1234"]);
    expect(plain.warnings).toEqual([]);
    const old = loadConfig({ ADMIN_USER_IDS: "123,wecom:zhangsan", WECOM_ADMINS: "zhangsan, li.si，zhangsan" });
    expect(old.adminUserIds).toEqual(["123", "wecom:zhangsan", "wecom:li.si"]);
    expect(old.warnings).toHaveLength(1);
    expect(old.warnings[0]).toContain("WECOM_ADMINS 已停用");
    expect(old.warnings[0]).toContain("ADMIN_USER_IDS=wecom:zhangsan,wecom:li.si");
    expect(issuesOf({ WECOM_ADMINS: "张三" }).join()).toMatch(/^WECOM_ADMINS：取值“张三”无效/);
  });

  it("warns about a name meant for this program that is none of its variables, with the nearest one", () => {
    const c = loadConfig({ LLM_BASEURL: "http://x", TELEGRAM_TOKEN: TOKEN, DATADIR: "d", log_level: "info", HOME: "/root", LOGNAME: "root", PATH: "/bin", NODE_ENV: "production" });
    expect(c.warnings).toEqual([
      "LLM_BASEURL 不是本程序的配置变量，没有使用。是不是 LLM_BASE_URL？全部变量及写法见 .env.example。",
      "TELEGRAM_TOKEN 不是本程序的配置变量，没有使用。是不是 TELEGRAM_BOT_TOKEN？全部变量及写法见 .env.example。",
      "DATADIR 不是本程序的配置变量，没有使用。是不是 DATA_DIR？全部变量及写法见 .env.example。",
      "log_level 不是本程序的配置变量，没有使用。是不是 LOG_LEVEL？全部变量及写法见 .env.example。",
    ]);
    expect(c.telegram).toBeUndefined();
    expect(loadConfig({ WECOM_AGENT_CORP_ID: "1" }).warnings).toEqual(["WECOM_AGENT_CORP_ID 不是本程序的配置变量，没有使用。全部变量及写法见 .env.example。"]);
  });

  it("shows such a name after the problems too, since it is often why a setting is missing", () => {
    let message = "";
    try {
      loadConfig({ LLM_BASEURL: "http://x", MAX_UPLOAD_MB: "lots" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^配置有误（共 1 处）：\n  - MAX_UPLOAD_MB/);
    expect(message).toContain("\n配置提示：LLM_BASEURL 不是本程序的配置变量，没有使用。是不是 LLM_BASE_URL？");
  });

  it("reads the first line of a .env saved with a byte-order mark (Windows Notepad)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-env-"));
    try {
      const file = path.join(dir, ".env");
      fs.writeFileSync(file, "\uFEFFLOG_LEVEL=debug\r\nMAX_UPLOAD_MB=3\r\n");
      const c = loadConfig(withDotEnv({}, file));
      expect(c.logLevel).toBe("debug");
      expect(c.maxUploadBytes).toBe(3 * 1024 * 1024);
      expect(c.warnings).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads a .env file, real environment variables winning, and ignores a missing one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-env-"));
    try {
      const file = path.join(dir, ".env");
      fs.writeFileSync(file, "# 注释\nLOG_LEVEL=debug\nWECOM_BOT_ID=aib-from-file\nWECOM_BOT_SECRET=\"s e c\"\nMAX_UPLOAD_MB=3\n");
      const env = withDotEnv({ LOG_LEVEL: "warn", WECOM_BOT_SECRET: "real" }, file);
      const c = loadConfig(env);
      expect(c.logLevel).toBe("warn");
      expect(c.wecom).toMatchObject({ botId: "aib-from-file", secret: "real" });
      expect(c.maxUploadBytes).toBe(3 * 1024 * 1024);
      expect(withDotEnv({ A: "1" }, path.join(dir, "missing.env"))).toEqual({ A: "1" });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
