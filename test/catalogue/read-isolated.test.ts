/** Workbooks read in a worker: same result as in-process, budgets enforced, compiled and tsx entries. */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import { CatalogueFileError } from "../../src/catalogue/errors.js";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { checkWorkbookIsolated, readCatalogueIsolated, workerEntry } from "../../src/catalogue/read-isolated.js";
import { validateCatalogue } from "../../src/catalogue/validate.js";
import { jiayu } from "./fixtures/seeds.js";
import { minimalXlsx, sheetXml } from "./fixtures/zip.js";
import { knowledge, ROOT } from "./helpers.js";

const compiledDir = path.join(ROOT, "node_modules", ".zwgk-test-compiled");

afterAll(() => fs.rmSync(compiledDir, { recursive: true, force: true }));

describe("isolated workbook reading", () => {
  it("reads and checks in a worker (TypeScript entry through tsx) with the in-process result", async () => {
    expect(workerEntry().eval).toBe(true);
    const data = await jiayu();
    const local = await readCatalogue(data, { knowledge });
    const isolated = await readCatalogueIsolated(data, { knowledge });
    expect(isolated).toEqual(local);
    const checked = await checkWorkbookIsolated(data, { knowledge, report: true });
    expect(checked.findings).toEqual(validateCatalogue(local.catalogue, knowledge));
    expect(checked.report?.subarray(0, 2).toString()).toBe("PK");
  });

  it("passes the file's refusal through as a CatalogueFileError", async () => {
    const err = await readCatalogueIsolated(Buffer.from("not a workbook"), { knowledge }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogueFileError);
    expect((err as CatalogueFileError).code).toBe("not-xlsx");
  });

  it("stops a worker over its time budget or its heap cap, with a Chinese reason", async () => {
    const data = minimalXlsx(sheetXml(["序号", "二级事项", "公开内容", "公开依据"], 15_000));
    const slow = await readCatalogueIsolated(data, { knowledge }, { timeoutMs: 50 }).catch((e: unknown) => e);
    expect((slow as CatalogueFileError).code).toBe("too-slow");
    expect((slow as Error).message).toMatch(/秒仍未完成/);
    const big = await readCatalogueIsolated(data, { knowledge }, { heapMb: 12 }).catch((e: unknown) => e);
    expect(["out-of-memory", "unreadable"]).toContain((big as CatalogueFileError).code);
    expect((big as Error).message).not.toContain("\n");
  });

  it("uses the compiled read-worker.js beside a compiled module", async () => {
    // Transpile src/catalogue to JavaScript (as a build would) and read through the compiled modules.
    const src = path.join(ROOT, "src", "catalogue");
    const files = fs.readdirSync(src, { recursive: true }).map(String).filter((f) => f.endsWith(".ts"));
    fs.mkdirSync(compiledDir, { recursive: true });
    fs.writeFileSync(path.join(compiledDir, "package.json"), '{"type":"module"}');
    for (const f of files) {
      const out = path.join(compiledDir, f.replace(/\.ts$/, ".js"));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      const js = ts.transpileModule(fs.readFileSync(path.join(src, f), "utf8"), { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
      fs.writeFileSync(out, js);
    }
    const url = pathToFileURL(path.join(compiledDir, "read-isolated.js")).href;
    const compiled = (await import(url)) as typeof import("../../src/catalogue/read-isolated.js");
    expect(compiled.workerEntry(url)).toMatchObject({ eval: false });
    const result = await compiled.readCatalogueIsolated(await jiayu(), { knowledge });
    expect(result.catalogue.rows.map((r) => r.level2)).toEqual(["办事指南", "办理过程信息"]);
  });
});
