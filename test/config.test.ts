import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import fs from "node:fs";
import path from "node:path";

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

  it("builds the Telegram and LLM settings", () => {
    const c = loadConfig({ TELEGRAM_BOT_TOKEN: "1:abc", TELEGRAM_API_ROOT: "http://127.0.0.1:9/", LLM_PROVIDER: "ollama", LLM_MODEL: "qwen2.5:7b" });
    expect(c.telegram).toMatchObject({ token: "1:abc", apiRoot: "http://127.0.0.1:9", port: 8080 });
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
});
