import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-ask-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

function ask(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/ask.ts", ...args], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent", LLM_PROVIDER: "none" },
    encoding: "utf8",
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe("npm run ask", () => {
  it("answers a missing or empty --batch file with one Chinese line and exit 2, as validate does (through npm run)", () => {
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const run = (file: string) =>
      spawnSync(npm, ["run", "--silent", "ask", "--", "--batch", file], { cwd: root, env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent" }, encoding: "utf8" });
    const missing = run("/nonexistent.txt");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("找不到或无法打开问题文件：/nonexistent.txt\n");
    expect(missing.stdout).toBe("");
    const empty = path.join(dataDir, "empty.txt");
    fs.writeFileSync(empty, "\n  \n");
    expect(run(empty).stderr).toBe(`问题文件是空的：${empty}（每行写一个问题）\n`);
    expect(run(dataDir).stderr).toBe(`不是文件：${dataDir}\n`);
  });


  it("prints one JSON object with the documented shape", () => {
    const r = ask("--json", "--top", "2", "公开依据需要写到具体条款吗？");
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(j).sort()).toEqual(["abstained", "answer", "citations", "confidence", "mode", "normalizedQuestion", "question"]);
    expect(j.confidence).toBeGreaterThan(0.5);
    expect(j.normalizedQuestion).toBe("公开依据需要写到具体条款吗?");
    expect(j).toMatchObject({ question: "公开依据需要写到具体条款吗？", abstained: false, mode: "extractive" });
    const cites = j.citations as Record<string, unknown>[];
    expect(cites).toHaveLength(2);
    expect(Object.keys(cites[0]!).sort()).toEqual(["doc", "score", "section", "text", "title"]);
  });

  it("answers a batch file line by line, in order, one JSON line per input line (a blank line gets an error line)", () => {
    const file = path.join(dataDir, "q.txt");
    fs.writeFileSync(file, "公开渠道和载体有哪些可选项？\n\n红烧肉怎么做好吃？\n政府信息公开条例是否纳入干部培训？\n");
    const r = ask("--json", "--top", "3", "--batch", file);
    expect(r.code).toBe(0);
    const lines = r.out.trim().split("\n").map((l) => JSON.parse(l) as { question: string; abstained?: boolean; error?: string });
    expect(lines.map((l) => l.question)).toEqual(["公开渠道和载体有哪些可选项？", "", "红烧肉怎么做好吃？", "政府信息公开条例是否纳入干部培训？"]);
    expect(lines.map((l) => l.abstained)).toEqual([false, undefined, true, false]);
    expect(lines[1]).toEqual({ question: "", error: "第 2 行是空行，没有问题" });
  });

  it("prints a readable answer with its sources without --json", () => {
    const r = ask("公开依据需要写到具体条款吗？");
    expect(r.code).toBe(0);
    expect(r.out).toContain("出处：");
    expect(r.out).toContain("《基层政务公开事项标准目录编制答疑》");
  });

  it.each([[[]], [["--top", "0", "问题"]], [["--nope", "问题"]], [["--batch"]]])("rejects bad arguments %j with exit 2 and a Chinese usage line", (args) => {
    const r = ask(...args);
    expect(r.code).toBe(2);
    expect(r.err).toContain("用法");
    expect(r.out).toBe("");
  });

  it("with the index saved, loads no YAML parser, no LangChain and no ingest code (issue 13: cold start)", () => {
    const modules = (dir: string) => {
      const file = path.join(dir, "imports.txt");
      const r = spawnSync(process.execPath, ["--import", "tsx", "--import", "./test/helpers/record-imports.mjs", "src/cli/ask.ts", "公开时限怎么填？"], {
        cwd: root,
        env: { ...process.env, DATA_DIR: dir, LOG_LEVEL: "silent", LLM_PROVIDER: "none", RECORD_IMPORTS_FILE: file },
        encoding: "utf8",
      });
      expect(r.status).toBe(0);
      const loaded = fs.readFileSync(file, "utf8").split("\n").filter(Boolean);
      fs.rmSync(file);
      return loaded;
    };
    const unneeded = /\/node_modules\/(yaml|@langchain)\/|\/src\/knowledge\/ingest\.ts$/;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-ask-cold-"));
    try {
      // the first run builds the index and needs the parsers (so the check below can fail)
      expect(modules(dir).filter((u) => unneeded.test(u)).length).toBeGreaterThan(0);
      expect(modules(dir).filter((u) => unneeded.test(u))).toEqual([]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reports a configuration problem in one message, exit 2", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/ask.ts", "问题"], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir, LLM_PROVIDER: "openai", LLM_BASE_URL: "", LLM_MODEL: "" },
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("配置有误");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("asks for a question when given only spaces, exit 2", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/ask.ts", "   "], { cwd: root, env: { ...process.env, DATA_DIR: dataDir }, encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("请给出问题");
    expect(r.stdout).toBe("");
  });
});
