/**
 * Catalogue bench, as paired ratios against floors measured in the same run (medians of 5 pairs,
 * floors warmed first): the validator on a field WITH a national list (R17/R18 run) against a
 * plain loop over the same rows; `validate --report` at 10,000 rows (guard + exceljs read + parse
 * + validate + annotated report) against a plain warmed exceljs read + write of the same file;
 * the same in the isolated worker; a 20,000-data-row catalogue; hostile uploads refused.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import { CatalogueFileError } from "../src/catalogue/errors.js";
import { readCatalogue } from "../src/catalogue/excel-read.js";
import { writeCatalogue } from "../src/catalogue/excel-write.js";
import { loadCatalogueKnowledge } from "../src/catalogue/knowledge.js";
import { checkWorkbookIsolated } from "../src/catalogue/read-isolated.js";
import { writeReport } from "../src/catalogue/report.js";
import { ELEMENT_KEYS, type Catalogue, type Row } from "../src/catalogue/schema.js";
import { validateCatalogue } from "../src/catalogue/validate.js";
import { catalogueSheetWith, HOSTILE_RANGES, minimalXlsx, sheetXml, zipBomb } from "../test/catalogue/fixtures/zip.js";

const knowledge = loadCatalogueKnowledge(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../knowledge"));
const PAIRS = 5;
const NATIONAL = ["拟征收土地告知", "拟征收土地现状调查", "拟征地听证", "征地报批材料", "征地批准文件", "征收土地公告", "征地补偿登记", "征地补偿安置方案公告", "征地补偿安置方案听证", "征地补偿费用支付"];

/** `n` varied rows of the 农村集体土地征收 field (which has a national list); about one in five trips a rule. */
function bigCatalogue(n: number): Catalogue {
  const rows: Row[] = [];
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    rows.push({
      seq: i + 1,
      level1: ["征地前期准备", "征地审查报批", "征地组织实施"][Math.floor(i / 8) % 3] as string,
      level2: i % 7 === 0 ? `${NATIONAL[i % 10]}书` : `${NATIONAL[i % 10]}（第${Math.floor(i / 10) + 1}批）`,
      content: ["拟征收土地的范围、征收目的", "补偿标准", `安置途径${i % 7}`],
      basis: k === 1 ? ["《中华人民共和国政府信息公开条例》（国务院令第492号）"] : ["《中华人民共和国土地管理法》", "《信息公开条例》"],
      timeLimit: k === 2 ? "及时公开" : "信息形成或变更之日起20个工作日内",
      subject: k === 3 ? "相关部门" : "县自然资源局",
      channels: k === 4 ? ["两微一端", "其他"] : ["政府网站", "征地信息公开平台", "社区/企事业单位/村公示栏（电子屏）"],
      audience: i % 11 === 0 ? { kind: "特定群体", group: "被征地农户" } : { kind: "全社会" },
      mode: i % 13 === 0 ? "依申请" : "主动",
      levels: i % 3 === 0 ? ["县级", "乡级"] : ["县级"],
    });
  }
  return { title: "农村集体土地征收领域基层政务公开标准目录", field: "农村集体土地征收", columns: [...ELEMENT_KEYS], extraColumns: [], rows };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ms = (n: number): string => (n >= 1000 ? `${(n / 1000).toFixed(2)} s` : `${n.toFixed(1)} ms`);

async function timed(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Runs floor and project alternately `PAIRS` times after one warm-up each; medians and their ratio. */
async function paired(floor: () => unknown, project: () => unknown): Promise<{ floor: number; project: number; ratio: number }> {
  await floor();
  await project();
  const f: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < PAIRS; i++) {
    f.push(await timed(floor));
    p.push(await timed(project));
  }
  const mf = median(f);
  const mp = median(p);
  return { floor: mf, project: mp, ratio: mp / mf };
}

async function refusal(data: Buffer): Promise<string> {
  const t0 = performance.now();
  try {
    await readCatalogue(data, { knowledge });
    return "accepted (!)";
  } catch (e) {
    return `${ms(performance.now() - t0)} (${e instanceof CatalogueFileError ? e.code : "crash"})`;
  }
}

async function main(): Promise<void> {
  const catalogue = bigCatalogue(10_000);
  const xlsx = await writeCatalogue(catalogue, { knowledge });
  const exceljsLoad = async (): Promise<void> => {
    await new ExcelJS.Workbook().xlsx.load(xlsx as unknown as ArrayBuffer);
  };
  const exceljsFloor = async (): Promise<void> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    await wb.xlsx.writeBuffer();
  };
  let findings = 0;
  // The validator against the cost of merely reading the same rows with exceljs.
  const validator = await paired(exceljsLoad, () => {
    findings = validateCatalogue(catalogue, knowledge).length;
  });
  let reportBytes = 0;
  const pipeline = await paired(exceljsFloor, async () => {
    const { catalogue: read } = await readCatalogue(xlsx, { knowledge });
    const report = await writeReport(read, validateCatalogue(read, knowledge), { knowledge });
    reportBytes = report.length;
  });
  const isolated = await paired(exceljsFloor, () => checkWorkbookIsolated(xlsx, { knowledge, report: true }));

  const big = await writeCatalogue(bigCatalogue(20_000), { knowledge });
  let bigRows = 0;
  const bigRead = await timed(async () => {
    bigRows = (await readCatalogue(big, { knowledge })).catalogue.rows.length;
  });

  const lines = [
    "## Catalogue: validator, Excel import/report, upload guard (paired ratios, medians of 5)",
    "",
    "| step (10,000 rows, 农村集体土地征收: R17/R18 run) | project | floor | ratio | floor is |",
    "| --- | --- | --- | --- | --- |",
    `| validate in memory (R01–R25; ${findings} findings) | ${ms(validator.project)} | ${ms(validator.floor)} | ${validator.ratio.toFixed(2)}× | warmed exceljs load of the same 10,000 rows |`,
    `| \`validate --report\` work: guard + read + validate + annotated report (${(reportBytes / 1048576).toFixed(1)} MiB) | ${ms(pipeline.project)} | ${ms(pipeline.floor)} | **${pipeline.ratio.toFixed(2)}×** (target ≤ 2.5×) | warmed exceljs load + writeBuffer of the same file |`,
    `| the same in the isolated worker (startup included) | ${ms(isolated.project)} | ${ms(isolated.floor)} | ${isolated.ratio.toFixed(2)}× | same floor |`,
    "",
    `20,000-data-row catalogue (${(big.length / 1048576).toFixed(1)} MiB): ${bigRows === 20_000 ? "accepted" : `NOT accepted (${bigRows})`}, read in ${ms(bigRead)}.`,
    "",
    "| hostile upload | refused after |",
    "| --- | --- |",
  ];
  for (const [name, xml] of Object.entries(HOSTILE_RANGES)) lines.push(`| ${name} (${minimalXlsx(catalogueSheetWith(xml)).length} B) | ${await refusal(minimalXlsx(catalogueSheetWith(xml)))} |`);
  lines.push(`| zip bomb (200 MiB sheet) | ${await refusal(await zipBomb(200))} |`);
  lines.push(`| 100,000-row sheet | ${await refusal(minimalXlsx(sheetXml(["序号", "二级事项", "公开内容", "公开依据"], 100_000)))} |`);
  lines.push("", `Peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB.`);
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`bench/catalogue failed: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
