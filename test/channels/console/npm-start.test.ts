import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalogue, validateCatalogue } from "../../../src/catalogue/index.js";
import { PACKAGE_ROOT } from "../../../src/config.js";
import { catalogueKnowledge, tempDir } from "../../core/helpers.js";

/** Runs `npm start` with the script on stdin; resolves with stdout and the exit code. */
function npmStart(dataDir: string, lines: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "info", LLM_PROVIDER: "none" };
    delete env.TELEGRAM_BOT_TOKEN;
    delete env.TELEGRAM_WEBHOOK_URL;
    const child = spawn("npm", ["start"], { cwd: PACKAGE_ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(`${lines.join("\n")}\n`);
  });
}

const ROW_WITH_VAGUE_TIME =
  "一级事项：征地前期准备；二级事项：拟征收土地告知；公开内容：拟征收土地的范围、征收目的；公开依据：《中华人民共和国土地管理法》；" +
  "公开时限：及时公开；公开主体：县自然资源局；公开渠道：政府网站、征地信息公开平台、村公示栏；公开对象：全社会；公开方式：主动；公开层级：县级、乡级";

describe("npm start (console channel, child process)", () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(() => {
    tmp = tempDir("zwgk-console-");
    fs.writeFileSync(path.join(tmp.dir, "notes.txt"), "不是表格");
  });
  afterAll(() => tmp.cleanup());

  it("answers with a citation, drafts with R07 and its fix, saves, and exports a valid workbook", async () => {
    const dataDir = path.join(tmp.dir, "run1");
    const { code, stdout, stderr } = await npmStart(dataDir, [
      "公开依据需要写到具体条款吗？",
      "/draft 农村集体土地征收",
      ROW_WITH_VAGUE_TIME,
      "公开时限：信息形成或变更之日起20个工作日内",
      "/done",
      "/frobnicate",
      "公开主体：".padEnd(6000, "县"),
      `/check ${path.join(tmp.dir, "notes.txt")}`,
      "/export",
    ]);
    expect(code, stderr).toBe(0);
    // Log lines go to DATA_DIR/zwgk.log, not into the conversation on the terminal.
    expect(stderr).not.toContain('"level":');
    expect(fs.readFileSync(path.join(dataDir, "zwgk.log"), "utf8")).toContain("knowledge index built");
    // Greets briefly and points to /help (the whole help is not printed at each start).
    expect(stdout).toContain("您好！我是政务公开目录助手");
    expect(stdout).toContain("发送 /help 查看全部命令");
    expect(stdout).not.toContain("/draft [领域]");
    // The question, with its citation.
    expect(stdout).toContain("📄 出处");
    expect(stdout).toContain("《基层政务公开事项标准目录编制答疑》");
    // The labelled row is answered with R07; the fix clears it; /done saves.
    const afterRow = stdout.slice(stdout.search(/已记录：\n?一级事项＝/));
    expect(afterRow).toMatch(/R07 警告｜公开时限/);
    expect(stdout).toContain("校验未发现问题");
    expect(stdout).toContain("✅ 已保存为第1条");
    // Bad input: clear Chinese replies, no crash.
    expect(stdout).toContain("没有“/frobnicate”这个命令");
    expect(stdout).toContain("太长了");
    expect(stdout).toContain("不是 .xlsx 文件");
    // /export prints the workbook's full path; it validates with no error.
    const m = /📎 文件已保存：(.+\.xlsx)/.exec(stdout);
    expect(m).not.toBeNull();
    const file = (m as RegExpExecArray)[1] as string;
    expect(path.isAbsolute(file)).toBe(true);
    expect(file.startsWith(path.join(dataDir, "files"))).toBe(true);
    const knowledge = catalogueKnowledge();
    const { catalogue } = await readCatalogue(fs.readFileSync(file), { knowledge });
    expect(catalogue.rows.map((r) => [r.level2, r.timeLimit])).toEqual([["拟征收土地告知", "信息形成或变更之日起20个工作日内"]]);
    expect(validateCatalogue(catalogue, knowledge).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("continues a half-drafted row in a second process on the same DATA_DIR", async () => {
    const dataDir = path.join(tmp.dir, "run2");
    const first = await npmStart(dataDir, ["/draft 农村集体土地征收", "一级事项：征地前期准备；二级事项：拟征收土地告知"]);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("请填写【公开内容】");

    const second = await npmStart(dataDir, [
      "拟征收土地的范围、征收目的",
      "《中华人民共和国土地管理法》",
      "1",
      "县自然资源局",
      "政府网站、两微一端、征地信息公开平台",
      "1",
      "1",
      "3",
      "/done",
      "/rows",
    ]);
    expect(second.code, second.stderr).toBe(0);
    const greeting = second.stdout.slice(0, second.stdout.indexOf("已记录"));
    expect(greeting).toContain("上次的草稿还在");
    expect(greeting).toContain("一级事项：征地前期准备");
    expect(greeting).toContain("二级事项：拟征收土地告知");
    expect(greeting).toContain("请填写【公开内容】");
    expect(second.stdout).toContain("已记录：公开时限＝信息形成或变更之日起20个工作日内");
    expect(second.stdout).toContain("已记录：公开对象＝全社会");
    expect(second.stdout).toContain("已记录：公开层级＝县级和乡级");
    expect(second.stdout).toContain("✅ 已保存为第1条");
    expect(second.stdout).toContain("1. 征地前期准备 / 拟征收土地告知");
  });
});
