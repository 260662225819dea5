import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createLazyLogger } from "../src/log.js";

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
