/**
 * Worker entry of the isolated workbook check (read-isolated.ts): reads one workbook with
 * readCatalogue, optionally validates it and writes the annotated report, and posts the result
 * (or the refusal: code and one-line Chinese message) back.
 */
import { parentPort } from "node:worker_threads";
import { CatalogueFileError } from "./errors.js";
import { readCatalogue, type ReadOptions } from "./excel-read.js";
import { writeReport } from "./report.js";
import { validateCatalogue } from "./validate.js";

export interface WorkerRequest {
  data: Uint8Array;
  options: ReadOptions;
  validate: boolean;
  report: boolean;
}

async function run(request: WorkerRequest): Promise<unknown> {
  const data = Buffer.from(request.data.buffer, request.data.byteOffset, request.data.byteLength);
  const { catalogue, notes } = await readCatalogue(data, request.options);
  if (!request.validate) return { catalogue, notes };
  const findings = validateCatalogue(catalogue, request.options.knowledge);
  const report = request.report ? await writeReport(catalogue, findings, { knowledge: request.options.knowledge }) : undefined;
  return { catalogue, notes, findings, report };
}

parentPort?.once("message", (request: WorkerRequest) => {
  run(request).then(
    (result) => parentPort?.postMessage({ ok: true, result }),
    (err: unknown) =>
      parentPort?.postMessage(
        err instanceof CatalogueFileError
          ? { ok: false, code: err.code, message: err.message }
          : { ok: false, code: "unreadable", message: "无法解析该 Excel 文件（文件可能已损坏），请在 Excel/WPS 中重新保存为 .xlsx 后上传。", detail: String(err) },
      ),
  );
});
