/** The validate command: output formats, exit codes, and bad files (exit 2, one line, no stack). */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ecology, jiayu, yunnanFood, yunnanLegalServices } from "../catalogue/fixtures/seeds.js";
import { catalogueSheetWith, encryptedCfb, HOSTILE_RANGES, minimalXlsx, sheetXml, zipBomb } from "../catalogue/fixtures/zip.js";
import { knowledge, ROOT } from "../catalogue/helpers.js";
import { writeCatalogue } from "../../src/catalogue/excel-write.js";

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the process (VmHWM, polled), KiB; 0 where /proc is not available. */
  peakKb: number;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/validate.ts", ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "silent", ...env },
    });
    let stdout = "";
    let stderr = "";
    let peakKb = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (m) peakKb = Math.max(peakKb, Number(m[1]));
      } catch {
        // the process has ended
      }
    }, 25);
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      clearInterval(poll);
      resolve({ code, stdout, stderr, peakKb });
    });
  });
}

let dir = "";
const file = (name: string): string => path.join(dir, name);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "validate-cli-"));
  const empty = new ExcelJS.Workbook();
  empty.addWorksheet("Sheet1");
  const noHeader = new ExcelJS.Workbook();
  noHeader.addWorksheet("Sheet1").addRows([["姓名", "电话"], ["张三", "123"]]);
  const food = await yunnanFood();
  const files: Record<string, Buffer> = {
    "yunnan.xlsx": await yunnanLegalServices(),
    "jiayu.xlsx": await jiayu(),
    "food.xlsx": food,
    "ecology.xlsx": await ecology(),
    "not-a-zip.xlsx": Buffer.from("这不是 Excel 文件"),
    "truncated.xlsx": food.subarray(0, Math.floor(food.length / 2)),
    "bomb.xlsx": await zipBomb(300),
    "rows-100k.xlsx": minimalXlsx(sheetXml(["序号", "二级事项", "公开内容", "公开依据"], 100_000)),
    "empty.xlsx": Buffer.from(await empty.xlsx.writeBuffer()),
    "no-header.xlsx": Buffer.from(await noHeader.xlsx.writeBuffer()),
    "encrypted.xlsx": encryptedCfb(),
    "header-only.xlsx": await writeCatalogue({ title: "农村集体土地征收领域基层政务公开标准目录", field: "农村集体土地征收", columns: [], extraColumns: [], rows: [] }, { knowledge }),
  };
  Object.values(HOSTILE_RANGES).forEach((xml, i) => (files[`hostile-${i}.xlsx`] = minimalXlsx(catalogueSheetWith(xml))));
  for (const [name, data] of Object.entries(files)) fs.writeFileSync(file(name), data);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("npm run validate", () => {
  it("prints the spec §5 JSON and exits 1 when there are errors (Yunnan rows cite 国务院令第492号)", async () => {
    const r = await run(["--json", file("yunnan.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(["file", "title", "field", "rows", "counts", "findings"]);
    expect(out).toMatchObject({ file: "yunnan.xlsx", rows: 3, counts: { error: 6, warning: 6, info: 0 } });
    const findings = out.findings as Record<string, unknown>[];
    expect(Object.keys(findings[0] ?? {})).toEqual(["rule", "severity", "seq", "sheetRow", "field", "message", "source"]);
    expect(findings.filter((f) => f.rule === "R06").map((f) => f.sheetRow)).toEqual([4, 5, 7]);
  });

  it("flags the Jiayu 及时公开 row (R07) in the text report, grouped by row", async () => {
    const r = await run(["--text", file("jiayu.xlsx")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("【序号2（表格第6行），“办理过程信息”】");
    expect(r.stdout).toMatch(/【序号2（表格第6行）[^【]*R07 公开时限：公开时限“及时公开”/);
    expect(r.stdout).toContain("【全表】");
  });

  it("exits 0 for a clean file and writes the report workbook", async () => {
    const r = await run(["--report", file("food-report.xlsx"), file("food.xlsx")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("校验通过");
    // 食品药品监管 has no national item list in knowledge/: the report says its names went unchecked
    expect(r.stdout).toContain("一级、二级事项名称不做核对（R17、R18 不检查）");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file("food-report.xlsx"));
    expect(wb.worksheets.map((w) => w.name)).toEqual(["标准目录", "问题清单"]);
  });

  it("refuses a report path that is the input file itself (exit 2, file untouched)", async () => {
    const before = fs.readFileSync(file("jiayu.xlsx"));
    fs.linkSync(file("jiayu.xlsx"), file("jiayu-link.xlsx"));
    for (const report of [path.relative(ROOT, file("jiayu.xlsx")), `${dir}/./jiayu.xlsx`, file("jiayu-link.xlsx")]) {
      const r = await run(["--report", report, file("jiayu.xlsx")]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(r.stderr).toMatch(/报告文件不能与要校验的文件相同.*jiayu-校验报告\.xlsx/);
    }
    expect(fs.readFileSync(file("jiayu.xlsx")).equals(before)).toBe(true);
  });

  it.each([
    ["not-a-zip.xlsx", /不是 Excel/],
    ["truncated.xlsx", /损坏或不完整/],
    ["bomb.xlsx", /压缩比异常|解压后超过/],
    ["rows-100k.xlsx", /^表格有 100001 行（含标题和表头），超过上限（最多 20000 行事项）/],
    ["empty.xlsx", /工作表是空的/],
    ["no-header.xlsx", /找不到目录表头/],
    ["encrypted.xlsx", /密码/],
    ["header-only.xlsx", /^表格中没有事项：表头（第 2 行）下面没有填写任何事项行/],
    ["missing.xlsx", /找不到或无法打开文件/],
  ])("exits 2 with a one-line reason for %s", async (name, reason) => {
    const r = await run(["--json", file(name)]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).not.toMatch(/\bat .+:\d+|Error:/);
  });

  it("says a folder is a folder and names the workbooks in it (exit 2, one line)", async () => {
    const folder = file("目录文件夹");
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(file("food.xlsx"), path.join(folder, "食品.xlsx"));
    const r = await run([folder]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`“${folder}”是一个文件夹，不是文件`);
    expect(r.stderr).toContain(`npm run --silent validate -- ${path.join(folder, "食品.xlsx")}`);
    expect(r.stderr).toContain("该文件夹中的 Excel 文件：食品.xlsx");
    expect(r.stderr).not.toMatch(/找不到/);
  });

  it("quotes a suggested path holding a space, so that it can be pasted into a shell", async () => {
    const folder = file("目录 带空格");
    fs.mkdirSync(folder, { recursive: true });
    fs.copyFileSync(file("food.xlsx"), path.join(folder, "食品.xlsx"));
    const r = await run([folder]);
    expect(r.stderr).toContain(`npm run --silent validate -- "${path.join(folder, "食品.xlsx")}"`);
  });

  it.each([
    ["a folder", () => dir, /^无法写入报告文件：\S+（“\S+”是一个文件夹，请写报告文件的名称，如 --report \S+food-校验报告\.xlsx）$/],
    ["a missing folder", () => path.join(dir, "nope", "r.xlsx"), /^无法写入报告文件：\S+（文件夹 \S+nope 不存在，请先建好，或换一个位置，例如 --report \S+food-校验报告\.xlsx）$/],
  ])("says why a report cannot be written to %s (exit 2, one line)", async (_, report, message) => {
    const r = await run(["--report", report(), file("food.xlsx")]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
  });

  it("applies MAX_UPLOAD_MB from the environment", async () => {
    fs.writeFileSync(file("big.xlsx"), Buffer.alloc(1024 * 1024 + 1, 0x50));
    const r = await run([file("big.xlsx")], { MAX_UPLOAD_MB: "1" });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/超过 1 MB 上限/);
  });

  it.each([[[]], [["--xml", "a.xlsx"]], [["a.xlsx", "b.xlsx"]], [["--report"]]])("exits 2 on a bad command line %j", async (args) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("用法");
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it.each(Object.keys(HOSTILE_RANGES).map((name, i) => [name, i]))("refuses a tiny workbook with a huge range (%s): exit 2, one line, bounded memory", async (_, i) => {
    const r = await run([file(`hostile-${i}.xlsx`)]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/范围|合并/);
    if (r.peakKb > 0) expect(r.peakKb).toBeLessThan(400 * 1024);
  });
});
