import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLazyLogger, createLogger, LOG_FILE_MAX_BYTES, rotateLogFile } from "../src/log.js";

const root = path.resolve(import.meta.dirname, "..");

describe("createLazyLogger (pino created on first use, for one-shot commands)", () => {
  it("behaves as the pino logger it stands for", () => {
    const logger = createLazyLogger("warn");
    expect(logger.level).toBe("warn");
    expect(logger.isLevelEnabled("info")).toBe(false);
    expect(logger.isLevelEnabled("error")).toBe(true);
    expect(logger.child({ chat: 1 }).level).toBe("warn");
  });

  it("writes JSON lines to stderr at the levels enabled, like createLogger", () => {
    const script = `import { createLazyLogger } from "./src/log.ts"; const l = createLazyLogger("info"); l.debug("hidden"); l.warn({ n: 1 }, "shown");`;
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
    expect(r.stdout).toBe("");
    const lines = r.stderr.trim().split("\n").map((l) => JSON.parse(l) as { level: number; n?: number; msg: string });
    expect(lines).toEqual([expect.objectContaining({ level: 40, n: 1, msg: "shown" })]);
  });
});

describe("the log file (console chat: DATA_DIR/zwgk.log)", () => {
  it("sets a file over 10 MiB aside as .1 when a logger opens it, and starts a new one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-log-"));
    try {
      const file = path.join(dir, "zwgk.log");
      fs.writeFileSync(`${file}.1`, "older\n");
      fs.writeFileSync(file, "x".repeat(LOG_FILE_MAX_BYTES + 1));
      createLogger("info", file).warn("after rotation");
      expect(fs.statSync(`${file}.1`).size).toBe(LOG_FILE_MAX_BYTES + 1);
      expect(fs.readFileSync(file, "utf8").trim().split("\n").map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual(["after rotation"]);
      // a file within the limit is appended to
      createLogger("info", file).warn("appended");
      expect(fs.readFileSync(file, "utf8").trim().split("\n")).toHaveLength(2);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("leaves an absent or small file alone", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-log-"));
    try {
      const file = path.join(dir, "zwgk.log");
      expect(rotateLogFile(file, 10)).toBe(false);
      fs.writeFileSync(file, "0123456789");
      expect(rotateLogFile(file, 10)).toBe(false);
      fs.appendFileSync(file, "!");
      expect(rotateLogFile(file, 10)).toBe(true);
      expect(fs.existsSync(file)).toBe(false);
      expect(fs.readFileSync(`${file}.1`, "utf8")).toBe("0123456789!");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
