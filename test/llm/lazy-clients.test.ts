import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-lazy-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Starts the application in a child process and returns every module URL it resolved. */
function modulesLoadedAtStart(env: Record<string, string>): string[] {
  const file = path.join(dir, `imports-${Date.now()}.txt`);
  const r = spawnSync(process.execPath, ["--import", "tsx", "--import", "./test/helpers/record-imports.mjs", "test/helpers/assemble-app.ts"], {
    cwd: root,
    env: { ...process.env, DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent", RECORD_IMPORTS_FILE: file, ...env },
    encoding: "utf8",
  });
  expect(r.stderr).toBe("");
  expect(r.status).toBe(0);
  return fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
}

const LLM_CLIENTS = /\/node_modules\/(@langchain\/openai|@langchain\/ollama|openai|ollama)\//;

describe("start-up without an LLM (issue 13)", () => {
  it("does not load the LLM clients when none is configured", () => {
    const loaded = modulesLoadedAtStart({ LLM_PROVIDER: "none", EMBEDDINGS_PROVIDER: "local" });
    expect(loaded.some((u) => u.includes("/src/knowledge/knowledge-base.ts"))).toBe(true);
    expect(loaded.filter((u) => LLM_CLIENTS.test(u))).toEqual([]);
  });

  it("loads them when an LLM is configured (the check above can fail)", () => {
    const loaded = modulesLoadedAtStart({ LLM_PROVIDER: "openai", LLM_BASE_URL: "http://127.0.0.1:9/v1", LLM_MODEL: "m" });
    expect(loaded.some((u) => /\/node_modules\/@langchain\/openai\//.test(u))).toBe(true);
    expect(loaded.some((u) => /\/node_modules\/@langchain\/ollama\//.test(u))).toBe(false);
  });
});
