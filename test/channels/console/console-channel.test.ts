import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCatalogue } from "../../../src/catalogue/index.js";
import { runConsole } from "../../../src/channels/console/console-channel.js";
import type { KnowledgeBase } from "../../../src/knowledge/types.js";
import { catalogueKnowledge, makeCore, realKnowledgeBase, sampleCatalogue, tempDir, type CoreHarness } from "../../core/helpers.js";

describe("console channel (in process)", () => {
  let tmp: ReturnType<typeof tempDir>;
  let kb: KnowledgeBase;
  let h: CoreHarness;

  beforeAll(async () => {
    tmp = tempDir("zwgk-cons-");
    kb = await realKnowledgeBase(tmp.dir);
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb });
  });
  afterAll(() => {
    h.close();
    tmp.cleanup();
  });

  async function run(lines: string[]): Promise<string> {
    const input = new PassThrough();
    const output = new PassThrough();
    let out = "";
    output.on("data", (c: Buffer) => (out += c.toString("utf8")));
    const done = runConsole({ core: h.core, input, output, filesDir: path.join(tmp.dir, "files"), cwd: tmp.dir });
    input.end(`${lines.join("\n")}\n`);
    await done;
    return out;
  }

  it("numbers choices and maps a typed number to the button", async () => {
    const out = await run(["/draft 农村集体土地征收", "2", "/cancel", "1"]);
    expect(out).toContain("  [2] 征地前期准备");
    expect(out).toContain("已记录：一级事项＝征地前期准备");
    // /cancel of a draft with a recorded value asks first; [1] is 确认放弃.
    expect(out).toContain("  [1] 🗑 确认放弃");
    expect(out).toContain("已放弃正在起草的事项");
  });

  it("sends files named on a line, saves the report under the files folder, explains a missing file", async () => {
    const data = await writeCatalogue(sampleCatalogue(), { knowledge: catalogueKnowledge() });
    fs.writeFileSync(path.join(tmp.dir, "目录.xlsx"), data);
    const out = await run(["/check 不存在.xlsx", "目录.xlsx", "/upload 目录.xlsx"]);
    expect(out).toContain(`找不到文件：${path.join(tmp.dir, "不存在.xlsx")}`);
    const saved = [...out.matchAll(/📎 文件已保存：(.+)/g)].map((m) => m[1] as string);
    expect(saved).toHaveLength(2);
    for (const f of saved) {
      expect(f.startsWith(path.join(tmp.dir, "files"))).toBe(true);
      expect(f.endsWith("目录-检查报告.xlsx")).toBe(true);
      expect(fs.statSync(f).size).toBeGreaterThan(1000);
    }
    expect(new Set(saved).size).toBe(2);
    expect(out).toContain("R07");
  });

  it("says a folder given to /check is a folder, and what to give instead", async () => {
    const folder = path.join(tmp.dir, "各领域目录");
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "征地.xlsx"), await writeCatalogue(sampleCatalogue(), { knowledge: catalogueKnowledge() }));
    const out = await run([`/check ${folder}`, "/check ."]);
    expect(out).not.toContain("找不到文件");
    expect(out).toContain(`“${folder}”是一个文件夹，不是文件。请给出要检查的 .xlsx 文件本身的路径，例如 /check ${path.join(folder, "征地.xlsx")}`);
    expect(out).toContain("该文件夹中的 Excel 文件：征地.xlsx");
    expect(out).toContain(`“${tmp.dir}”是一个文件夹`);
  });

  it("reads “~/” in a typed path as the home folder", async () => {
    const home = process.env.HOME;
    process.env.HOME = path.join(tmp.dir, "home"); // os.homedir() follows HOME
    try {
      fs.mkdirSync(path.join(tmp.dir, "home", "文件"), { recursive: true });
      fs.writeFileSync(path.join(tmp.dir, "home", "文件", "x.xlsx"), await writeCatalogue(sampleCatalogue(), { knowledge: catalogueKnowledge() }));
      const out = await run(["/check ~/文件/x.xlsx", "/check ~/不存在的目录.xlsx"]);
      expect(out).toContain("📎 文件已保存：");
      expect(out).toContain(`找不到文件：${path.join(tmp.dir, "home", "不存在的目录.xlsx")}`);
    } finally {
      process.env.HOME = home;
    }
  });
});
