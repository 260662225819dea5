/**
 * Reads an uploaded workbook off the main thread: readCatalogue runs in a worker_threads Worker
 * with a heap cap (resourceLimits) and a wall-clock budget; the worker is terminated on overrun
 * and the caller gets a one-line Chinese reason. The event loop never waits on an upload.
 *
 * The worker entry is the compiled read-worker.js beside this module when there is one, else
 * read-worker.ts run through tsx (development and tests).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { CatalogueFileError, type CatalogueFileErrorCode } from "./errors.js";
import type { ReadOptions, ReadResult } from "./excel-read.js";
import type { Finding } from "./schema.js";

export interface IsolationLimits {
  /** Heap cap of the worker (old generation), MiB. */
  heapMb: number;
  /** Wall-clock budget for reading one workbook, ms. */
  timeoutMs: number;
}

export const DEFAULT_ISOLATION: IsolationLimits = { heapMb: 320, timeoutMs: 120_000 };

/** What checkWorkbookIsolated gives back. */
export interface CheckResult extends ReadResult {
  findings: Finding[];
  /** The annotated report workbook, when asked for. */
  report?: Buffer;
}

type WorkerReply = { ok: true; result: CheckResult } | { ok: false; code: CatalogueFileErrorCode; message: string; detail?: string };

/**
 * The worker to start: the compiled read-worker.js beside this module when there is one;
 * otherwise (TypeScript run through tsx) a small bootstrap that registers tsx in the worker
 * before importing read-worker.ts.
 */
export function workerEntry(moduleUrl: string = import.meta.url): { script: URL | string; eval: boolean } {
  const js = new URL("./read-worker.js", moduleUrl);
  if (fs.existsSync(fileURLToPath(js))) return { script: js, eval: false };
  const api = pathToFileURL(path.join(path.dirname(createRequire(moduleUrl).resolve("tsx/package.json")), "dist/esm/api/index.mjs")).href;
  const ts = new URL("./read-worker.ts", moduleUrl).href;
  return { script: `import(${JSON.stringify(api)}).then((m) => { m.register(); return import(${JSON.stringify(ts)}); });`, eval: true };
}

/**
 * readCatalogue in a worker with a heap cap and a time budget.
 * @throws CatalogueFileError: the file's own refusal, or too-slow / out-of-memory when the worker
 *   had to be stopped.
 */
export async function readCatalogueIsolated(data: Buffer, options: ReadOptions, isolation: Partial<IsolationLimits> = {}): Promise<ReadResult> {
  const { catalogue, notes } = await runWorker(data, options, { validate: false, report: false }, isolation);
  return { catalogue, notes };
}

/**
 * Reads, validates and (with `report`) writes the annotated report of an uploaded workbook, all
 * in one worker with a heap cap and a time budget — what /check and `validate` do with a file.
 * @throws CatalogueFileError as readCatalogueIsolated.
 */
export function checkWorkbookIsolated(data: Buffer, options: ReadOptions & { report: boolean }, isolation: Partial<IsolationLimits> = {}): Promise<CheckResult> {
  const { report, ...read } = options;
  return runWorker(data, read, { validate: true, report }, isolation);
}

function runWorker(data: Buffer, options: ReadOptions, job: { validate: boolean; report: boolean }, isolation: Partial<IsolationLimits>): Promise<CheckResult> {
  const limits = { ...DEFAULT_ISOLATION, ...isolation };
  const entry = workerEntry();
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.script, {
      eval: entry.eval,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.max(16, Math.round(limits.heapMb / 8)) },
      stdout: false,
      stderr: false,
    });
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
      void worker.terminate();
    };
    const timer = setTimeout(() => {
      finish(() => reject(new CatalogueFileError("too-slow", `读取表格超过 ${Math.round(limits.timeoutMs / 1000)} 秒仍未完成，已停止。表格可能过大或格式异常，请删去无关的工作表、格式和合并单元格后重新上传。`)));
    }, limits.timeoutMs);
    worker.once("message", (reply: WorkerReply) => {
      finish(() => {
        if (!reply.ok) reject(new CatalogueFileError(reply.code, reply.message, { cause: reply.detail }));
        else resolve({ ...reply.result, report: reply.result.report ? Buffer.from(reply.result.report) : undefined });
      });
    });
    worker.once("error", (err: Error & { code?: string }) => {
      finish(() =>
        reject(
          err.code === "ERR_WORKER_OUT_OF_MEMORY"
            ? new CatalogueFileError("out-of-memory", `读取表格所需内存超过 ${limits.heapMb} MB 上限，已停止。表格可能过大或格式异常，请删去无关的工作表、格式和合并单元格后重新上传。`, { cause: err })
            : new CatalogueFileError("unreadable", "无法解析该 Excel 文件（文件可能已损坏），请在 Excel/WPS 中重新保存为 .xlsx 后上传。", { cause: err }),
        ),
      );
    });
    worker.once("exit", (code) => {
      finish(() => reject(new CatalogueFileError("unreadable", `读取表格时意外中止（代码 ${code}），请在 Excel/WPS 中重新保存为 .xlsx 后上传。`)));
    });
    const copy = new Uint8Array(data);
    worker.postMessage({ data: copy, options, ...job }, [copy.buffer]);
  });
}
