/**
 * Catalogue bench: validate 10,000 rows in memory; import + validate + report of a 10,000-row
 * workbook (with plain exceljs load of the same file as the peer); guard refusals of hostile
 * files; peak RSS. Prints one Markdown section.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import zlib from "node:zlib";
import ExcelJS from "exceljs";
import { CatalogueFileError } from "../src/catalogue/errors.js";
import { readCatalogue } from "../src/catalogue/excel-read.js";
import { writeCatalogue } from "../src/catalogue/excel-write.js";
import { loadCatalogueKnowledge } from "../src/catalogue/knowledge.js";
import { writeReport } from "../src/catalogue/report.js";
import { ELEMENT_KEYS, type Catalogue, type Row } from "../src/catalogue/schema.js";
import { guardUpload } from "../src/catalogue/upload-guard.js";
import { validateCatalogue } from "../src/catalogue/validate.js";

const ROWS = 10_000;
const knowledge = loadCatalogueKnowledge(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../knowledge"));

/** 10,000 varied rows; about one in five trips a rule. */
function bigCatalogue(): Catalogue {
  const rows: Row[] = [];
  for (let i = 0; i < ROWS; i++) {
    const k = i % 5;
    rows.push({
      seq: i + 1,
      level1: `一级事项${Math.floor(i / 8) + 1}`,
      level2: `二级事项${i + 1}`,
      content: ["申请条件", "申请材料目录", `办理流程${i % 7}`, "办结时限", "收费依据及标准"],
      basis: k === 1 ? ["《中华人民共和国政府信息公开条例》（国务院令第492号）"] : ["《中华人民共和国政府信息公开条例》", "《关于全面推进政务公开工作的意见》（国办发〔2016〕80号）"],
      timeLimit: k === 2 ? "及时公开" : "信息形成或变更之日起20个工作日内",
      subject: k === 3 ? "相关部门" : "县发展改革局",
      channels: k === 4 ? ["两微一端", "其他"] : ["政府网站", "政务服务中心", "社区/企事业单位/村公示栏（电子屏）"],
      audience: i % 11 === 0 ? { kind: "特定群体", group: "项目单位" } : { kind: "全社会" },
      mode: i % 13 === 0 ? "依申请" : "主动",
      levels: i % 3 === 0 ? ["县级", "乡级"] : ["县级"],
    });
  }
  return { title: "重大建设项目领域基层政务公开标准目录", field: "重大建设项目", columns: [...ELEMENT_KEYS], extraColumns: [], rows };
}

async function time<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await fn();
  return [result, performance.now() - t0];
}

const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);
const mib = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MiB`;

async function refusalTime(data: Buffer): Promise<string> {
  const t0 = performance.now();
  try {
    await guardUpload(data);
    return "accepted (!)";
  } catch (e) {
    const code = e instanceof CatalogueFileError ? e.code : "crash";
    return `${ms(performance.now() - t0)} (${code})`;
  }
}

function hugeSheetXlsx(rows: number): Buffer {
  // Minimal workbook with an inline-string sheet, zipped by hand (stored names, deflate data).
  const parts: string[] = ['<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'];
  for (let r = 1; r <= rows; r++) parts.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>事项${r}</t></is></c></row>`);
  parts.push("</sheetData></worksheet>");
  return tinyZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": parts.join("") });
}

/** Deflates `times` copies of a block as a stream, never holding the inflated data. */
async function deflateRepeated(block: Buffer, times: number): Promise<Buffer> {
  const d = zlib.createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  d.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise((resolve) => d.on("end", resolve));
  for (let i = 0; i < times; i++) if (!d.write(block)) await new Promise((resolve) => d.once("drain", resolve));
  d.end();
  await ended;
  return Buffer.concat(chunks);
}

type ZipInput = string | Buffer | { deflated: Buffer; size: number };

function tinyZip(files: Record<string, ZipInput>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const pre = typeof content === "object" && "deflated" in content ? content : null;
    const raw = pre ? null : typeof content === "string" ? Buffer.from(content) : (content as Buffer);
    const data = pre ? pre.deflated : zlib.deflateRawSync(raw as Buffer);
    const size = pre ? pre.size : (raw as Buffer).length;
    const n = Buffer.from(name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(n.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

async function main(): Promise<void> {
  const catalogue = bigCatalogue();
  validateCatalogue(catalogue, knowledge); // warm-up
  const validateRuns: number[] = [];
  let findingsCount = 0;
  for (let i = 0; i < 5; i++) {
    const [f, t] = await time(() => validateCatalogue(catalogue, knowledge));
    findingsCount = f.length;
    validateRuns.push(t);
  }
  validateRuns.sort((a, b) => a - b);

  const [xlsx, tWrite] = await time(() => writeCatalogue(catalogue, { knowledge }));
  const [, tExcel] = await time(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  });
  const [, tGuard] = await time(() => guardUpload(xlsx));
  const [read, tRead] = await time(() => readCatalogue(xlsx, { knowledge }));
  const [findings, tValidate] = await time(() => validateCatalogue(read.catalogue, knowledge));
  const [report, tReport] = await time(() => writeReport(read.catalogue, findings, { knowledge }));

  const rssPipeline = process.resourceUsage().maxRSS;
  const block = Buffer.alloc(1024 * 1024, 0x20);
  const bomb = tinyZip({ "[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>", "xl/worksheets/sheet1.xml": { deflated: await deflateRepeated(block, 200), size: 200 * block.length } });
  const rows100k = hugeSheetXlsx(100_000);

  const lines = [
    "## Catalogue: validator, Excel import/export, upload guard",
    "",
    "| step | 10,000 rows | notes |",
    "| --- | --- | --- |",
    `| validate in memory (R01–R20), median of 5 | ${ms(validateRuns[2] as number)} | ${findingsCount} findings |`,
    `| export template workbook (writeCatalogue) | ${ms(tWrite)} | ${mib(xlsx.length)} .xlsx |`,
    `| upload guard (unzip + count while inflating) | ${ms(tGuard)} | |`,
    `| import (readCatalogue = guard + exceljs load + parse) | ${ms(tRead)} | ${read.catalogue.rows.length} rows |`,
    `| peer: plain exceljs load of the same file | ${ms(tExcel)} | no guard, no parsing |`,
    `| validate imported catalogue | ${ms(tValidate)} | ${findings.length} findings |`,
    `| annotated report (writeReport) | ${ms(tReport)} | ${mib(report.length)} .xlsx |`,
    `| **import + validate + report** | **${ms(tRead + tValidate + tReport)}** | |`,
    "",
    "| hostile file | refused after |",
    "| --- | --- |",
    `| zip bomb (200 MiB sheet in ${mib(bomb.length)}) | ${await refusalTime(bomb)} |`,
    `| 100,000-row sheet (${mib(rows100k.length)}) | ${await refusalTime(rows100k)} |`,
    "",
    `Peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (maxRSS ${process.resourceUsage().maxRSS} KiB; ${Math.round(rssPipeline / 1024)} MiB after the 10,000-row steps, before the hostile files).`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/catalogue failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
