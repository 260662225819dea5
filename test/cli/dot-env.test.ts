/** The command-line tools read the same .env as `npm start` (from the directory they run in). */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../catalogue/helpers.js";

/** Runs a CLI source file with `cwd` as its working directory (where its .env is). */
function runIn(cwd: string, script: string, args: string[]) {
  return spawnSync(process.execPath, ["--import", path.join(ROOT, "node_modules", "tsx", "dist", "loader.mjs"), path.join(ROOT, "src", "cli", script), ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "" },
    encoding: "utf8",
  });
}

describe("the command-line tools read .env like npm start", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-cli-env-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("ingest builds the index in the DATA_DIR named in .env", () => {
    const cwd = path.join(dir, "ingest");
    fs.mkdirSync(cwd);
    const dataDir = path.join(dir, "from-dot-env");
    fs.writeFileSync(path.join(cwd, ".env"), `DATA_DIR=${dataDir}\nLOG_LEVEL=silent\n`);
    const r = runIn(cwd, "ingest.ts", []);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`索引目录：${path.join(dataDir, "index")}`);
    expect(fs.existsSync(path.join(dataDir, "index"))).toBe(true);
    expect(fs.existsSync(path.join(cwd, "data"))).toBe(false);
  }, 120_000);

  it("validate reports a wrong variable in .env, in Chinese", () => {
    const cwd = path.join(dir, "validate");
    fs.mkdirSync(cwd);
    fs.writeFileSync(path.join(cwd, ".env"), "MAX_UPLOAD_MB=10MB\n");
    const r = runIn(cwd, "validate.ts", [path.join(ROOT, "knowledge", "examples", "sample-catalogue.xlsx")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("MAX_UPLOAD_MB：取值“10MB”无效");
  }, 60_000);
});
