/**
 * npm run --silent validate -- [--json | --text] [--report OUT.xlsx] FILE.xlsx
 *
 * Validates a catalogue workbook with rules R01–R25. Prints a readable Chinese report grouped
 * by row (--text, the default) or the spec §5 JSON object (--json); --report also writes the
 * annotated report workbook. Exit codes: 0 no errors, 1 errors found, 2 the file (or the
 * command line) cannot be used — one line on stderr, never a stack trace.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { folderGivenMessage } from "../catalogue/folder-path.js";
import { loadConfig, withDotEnv } from "../config.js";
import {
  buildJsonReport,
  CatalogueFileError,
  formatTextReport,
  unlistedFieldNotes,
  loadCatalogueKnowledge,
  checkWorkbookIsolated,
} from "../catalogue/index.js";

const USAGE = "用法：npm run --silent validate -- [--json | --text] [--report 报告.xlsx] 目录.xlsx";

class UsageError extends Error {}

interface Args {
  format: "json" | "text";
  report?: string;
  file: string;
}

function parseArgs(argv: string[]): Args {
  let format: Args["format"] = "text";
  let report: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === "--json") format = "json";
    else if (a === "--text") format = "text";
    else if (a === "--report") {
      report = argv[++i];
      if (!report) throw new UsageError(`--report 后面需要写报告文件名。${USAGE}`);
    } else if (a.startsWith("--report=")) report = a.slice("--report=".length);
    else if (a === "--help" || a === "-h") throw new UsageError(USAGE);
    else if (a.startsWith("-")) throw new UsageError(`不认识的选项 ${a}。${USAGE}`);
    else files.push(a);
  }
  if (files.length !== 1) throw new UsageError(files.length === 0 ? `请指定要校验的文件。${USAGE}` : `一次只能校验一个文件。${USAGE}`);
  return { format, report, file: files[0] as string };
}

/** Whether `report` names the input file itself (same resolved path, or the same file through a link). */
async function sameFile(report: string, input: string, inputStat: { dev: number; ino: number }): Promise<boolean> {
  if (path.resolve(report) === path.resolve(input)) return true;
  const other = await fs.stat(report).catch(() => undefined);
  return other !== undefined && other.dev === inputStat.dev && other.ino === inputStat.ino;
}

/** "目录.xlsx" → "目录-校验报告.xlsx", a suggested report name beside the input. */
function reportNameFor(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}-校验报告${ext || ".xlsx"}`);
}

/** Why the report could not be written, in Chinese, with what to write instead. */
function reportWriteFailure(report: string, input: string, err: NodeJS.ErrnoException): string {
  const example = `例如 --report ${reportNameFor(input)}`;
  if (err.code === "EISDIR") return `“${report}”是一个文件夹，请写报告文件的名称，如 --report ${path.join(report, path.basename(reportNameFor(input)))}`;
  if (err.code === "ENOENT") return `文件夹 ${path.dirname(path.resolve(report))} 不存在，请先建好，或换一个位置，${example}`;
  if (err.code === "EACCES" || err.code === "EPERM") return `没有写入权限，请换一个位置，${example}`;
  return err.message;
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, "；").trim();
}

async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  // the same .env as `npm start` (MAX_UPLOAD_MB, KNOWLEDGE_DIR)
  const config = loadConfig(withDotEnv(process.env));
  const knowledge = loadCatalogueKnowledge(config.knowledgeDir);
  const stat = await fs.stat(args.file).catch((err: unknown) => {
    throw new CatalogueFileError("unreadable", `找不到或无法打开文件：${args.file}`, { cause: err });
  });
  if (stat.isDirectory()) throw new UsageError(folderGivenMessage(args.file, (file) => `npm run --silent validate -- ${/\s/.test(file) ? `"${file}"` : file}`));
  if (!stat.isFile()) throw new CatalogueFileError("unreadable", `不是文件：${args.file}`);
  if (args.report && (await sameFile(args.report, args.file, stat))) {
    throw new UsageError(`报告文件不能与要校验的文件相同（${args.report}），否则原表会被报告覆盖。请给报告另起一个文件名，例如 --report ${reportNameFor(args.file)}。`);
  }
  if (stat.size > config.maxUploadBytes) {
    // Refuse before reading a huge file into memory.
    throw new CatalogueFileError("too-large", `文件大小 ${(stat.size / 1024 / 1024).toFixed(1)} MB，超过 ${config.maxUploadBytes / 1024 / 1024} MB 上限，请拆分或精简后上传。`);
  }
  const data = await fs.readFile(args.file);
  // The same isolated check as /check in a chat: parsed, validated and reported in a worker.
  const { catalogue, notes, findings, report } = await checkWorkbookIsolated(data, { knowledge, limits: { maxBytes: config.maxUploadBytes }, report: Boolean(args.report) });
  if (args.report && report) {
    await fs.writeFile(args.report, report).catch((err: unknown) => {
      const why = reportWriteFailure(args.report as string, args.file, err as NodeJS.ErrnoException);
      throw new CatalogueFileError("unreadable", `无法写入报告文件：${args.report}（${why}）`, { cause: err });
    });
  }
  const name = path.basename(args.file);
  // a field with no national item list in knowledge/ gets no R17/R18 check: the text report says so
  const unlisted = unlistedFieldNotes(catalogue, knowledge).map((message) => ({ sheetRow: null, message }));
  process.stdout.write(args.format === "json" ? `${JSON.stringify(buildJsonReport(name, catalogue, findings))}\n` : formatTextReport(name, catalogue, findings, [...notes, ...unlisted]));
  return findings.some((f) => f.severity === "error") ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    const message = err instanceof Error && err.message ? err.message : String(err);
    const prefix = err instanceof CatalogueFileError || err instanceof UsageError ? "" : "无法校验：";
    process.stderr.write(`${oneLine(prefix + message)}\n`);
    process.exitCode = 2;
  },
);
