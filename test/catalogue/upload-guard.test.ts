import { describe, expect, it } from "vitest";
import { CatalogueFileError } from "../../src/catalogue/errors.js";
import { DEFAULT_UPLOAD_LIMITS, guardUpload, type UploadLimits } from "../../src/catalogue/upload-guard.js";
import ExcelJS from "exceljs";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { catalogueSheetWith, encryptedCfb, HOSTILE_RANGES, makeZip, minimalParts as minimalZipParts, minimalXlsx, sheetXml, zipBomb } from "./fixtures/zip.js";
import { knowledge } from "./helpers.js";
import { yunnanFood } from "./fixtures/seeds.js";

const HEADER = ["序号", "二级事项", "公开内容", "公开依据"];

async function refusal(data: Buffer, limits: Partial<UploadLimits> = {}): Promise<CatalogueFileError> {
  const err = await guardUpload(data, { ...DEFAULT_UPLOAD_LIMITS, ...limits }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(CatalogueFileError);
  expect((err as Error).message).not.toContain("\n");
  return err as CatalogueFileError;
}

describe("guardUpload", () => {
  it("accepts a normal workbook and a small generated sheet", async () => {
    await expect(guardUpload(await yunnanFood())).resolves.toBeUndefined();
    await expect(guardUpload(minimalXlsx(sheetXml(HEADER, 100)))).resolves.toBeUndefined();
  });

  it.each([
    ["an empty file", () => Buffer.alloc(0), {}, "empty-file"],
    ["a file over the size cap", () => Buffer.alloc(2048, 0x50), { maxBytes: 1024 }, "too-large"],
    ["not a zip", () => Buffer.from("序号,二级事项\n1,办事指南\n"), {}, "not-xlsx"],
    ["a zip that is not a workbook", () => makeZip([{ name: "readme.txt", data: Buffer.from("hello") }]), {}, "not-xlsx"],
    ["a password-protected file (encrypted CFB)", () => encryptedCfb(), {}, "encrypted"],
    ["a legacy .xls (CFB without encryption)", () => { const b = encryptedCfb(); b.fill(0, 1024); return b; }, {}, "legacy-xls"],
    ["a zip with too many entries", () => makeZip(Array.from({ length: 30 }, (_, i) => ({ name: `x/${i}.xml`, data: Buffer.from("<a/>") }))), { maxEntries: 20 }, "too-many-entries"],
    ["too many rows", () => minimalXlsx(sheetXml(HEADER, 600)), { maxRows: 500 }, "too-many-rows"],
    // exceljs reads any entry whose name contains xl/worksheets/sheetN.xml as a sheet
    ["too many rows in a sheet hidden under an odd entry name", () => makeZip([...minimalZipParts(), { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheetXml(HEADER, 2)) }, { name: "xl/worksheets/sheet2.xmlx", data: Buffer.from(sheetXml(HEADER, 600)) }]), { maxRows: 500 }, "too-many-rows"],
    ["too many rows in a sheet under a nested path", () => makeZip([...minimalZipParts(), { name: "foo/xl/worksheets/sheet1.xml", data: Buffer.from(sheetXml(HEADER, 600)) }]), { maxRows: 500 }, "too-many-rows"],
    ["too many columns", () => minimalXlsx(sheetXml(Array.from({ length: 30 }, (_, i) => `列${i}`), 2)), { maxColumns: 20 }, "too-many-columns"],
    ["a total inflated size over the cap", () => minimalXlsx(sheetXml(HEADER, 20_000)), { maxInflatedBytes: 1024 * 1024, maxEntryRatio: 10_000 }, "inflated-too-large"],
  ] as const)("refuses %s", async (_, build, limits, code) => {
    expect((await refusal(build(), limits)).code).toBe(code);
  });

  it("refuses a truncated zip", async () => {
    const full = await yunnanFood();
    expect((await refusal(full.subarray(0, Math.floor(full.length / 2)))).code).toBe("corrupt-zip");
  });

  it("refuses a zip bomb by its compression ratio", async () => {
    expect((await refusal(await zipBomb(64))).code).toBe("compression-ratio");
  });

  it("refuses a bomb that lies about its size, while inflating", async () => {
    const bomb = Buffer.alloc(32 * 1024 * 1024, 0x20);
    const data = makeZip([
      { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
      { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") },
      { name: "xl/worksheets/sheet1.xml", data: bomb, declaredSize: 1000 },
    ]);
    const err = await refusal(data);
    expect(["compression-ratio", "corrupt-zip"]).toContain(err.code);
  });

  it("counts rows in a 100,000-row sheet and stops early", async () => {
    const data = minimalXlsx(sheetXml(HEADER, 100_000));
    expect(data.length).toBeLessThan(DEFAULT_UPLOAD_LIMITS.maxBytes);
    const err = await refusal(data);
    expect(err.code).toBe("too-many-rows");
    expect(err.message).toContain(String(DEFAULT_UPLOAD_LIMITS.maxRows));
  });

  it.each(Object.entries(HOSTILE_RANGES))("refuses a tiny workbook with a huge range: %s", async (_, xml) => {
    const err = await refusal(minimalXlsx(catalogueSheetWith(xml)));
    expect(err.code).toBe("range-too-large");
    expect(err.message).toMatch(/范围|合并/);
  });

  it("accepts whole-column validations and formats within the columns, and drops them before parsing", async () => {
    const xml = '<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells><conditionalFormatting sqref="I2:I1048576"><cfRule type="containsBlanks" dxfId="0" priority="1"><formula>LEN(I2)=0</formula></cfRule></conditionalFormatting><dataValidations count="1"><dataValidation type="list" sqref="I2:J1048576"><formula1>"√"</formula1></dataValidation></dataValidations>';
    const { catalogue } = await readCatalogue(minimalXlsx(catalogueSheetWith(xml)), { knowledge });
    expect(catalogue.rows.map((r) => r.level2)).toEqual(["办事指南"]);
  });

  it("refuses merges covering more cells than the budget, even inside the row and column caps", async () => {
    const merges = Array.from({ length: 40 }, (_, i) => `<mergeCell ref="${String.fromCharCode(65 + (i % 20))}${3 + Math.floor(i / 20) * 10000}:${String.fromCharCode(65 + (i % 20))}${12_000 + Math.floor(i / 20) * 8000}"/>`).join("");
    expect((await refusal(minimalXlsx(catalogueSheetWith(`<mergeCells>${merges}</mergeCells>`)))).code).toBe("range-too-large");
  });

  it("catches a cell beyond the column cap when r is its first attribute", async () => {
    const xml = catalogueSheetWith("").replace('<row r="2">', '<row r="2"><c r="XFD2" t="inlineStr"><is><t>x</t></is></c>');
    expect((await refusal(minimalXlsx(xml))).code).toBe("too-many-columns");
    expect((await refusal(minimalXlsx(catalogueSheetWith("", '<c r="XFD1" t="inlineStr">')))).code).toBe("too-many-columns");
  });

  it("refuses more cells than the absolute budget", async () => {
    expect((await refusal(minimalXlsx(sheetXml(HEADER, 3000)), { maxCells: 10_000 })).code).toBe("too-many-cells");
  });

  it("accepts a normal workbook with one 2 MB repetitive cell", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("目录");
    ws.addRow(["序号", "二级事项", "公开内容", "公开依据"]);
    ws.addRow([1, "办事指南", "申请条件".repeat(512 * 1024), "国办发〔2019〕54号"]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    await expect(guardUpload(data)).resolves.toBeUndefined();
  });

  it("counts data rows for the row cap: a 20,000-data-row catalogue passes the guard", async () => {
    const header = ["序号", "二级事项", "公开内容", "公开依据"];
    await expect(guardUpload(minimalXlsx(sheetXml(header, DEFAULT_UPLOAD_LIMITS.maxRows)))).resolves.toBeUndefined();
  });

  it("reads exactly maxRows data rows under a title and a header, and refuses one more", async () => {
    const header = ["序号", "二级事项", "公开内容", "公开依据"];
    const withTitle = (n: number): Buffer => minimalXlsx(sheetXml(header, n).replace('<sheetData><row r="1">', '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>农村集体土地征收领域基层政务公开标准目录</t></is></c></row><row r="1">').replace(/<row r="(\d+)">/g, (_, r: string) => `<row r="${Number(r) + 1}">`).replace('<row r="2"><c r="A1"', '<row r="1"><c r="A1"'));
    const { catalogue } = await readCatalogue(withTitle(300), { knowledge, limits: { maxRows: 300 } });
    expect(catalogue.rows).toHaveLength(300);
    const err = await readCatalogue(withTitle(301), { knowledge, limits: { maxRows: 300 } }).catch((e: unknown) => e);
    expect((err as CatalogueFileError).code).toBe("too-many-rows");
  });

  it("says how many rows a refused workbook has, beside the limit", async () => {
    // 20,001 data rows under a header: past the guard, refused while reading.
    const over = (await readCatalogue(minimalXlsx(sheetXml(HEADER, DEFAULT_UPLOAD_LIMITS.maxRows + 1)), { knowledge }).catch((e: unknown) => e)) as CatalogueFileError;
    expect(over.code).toBe("too-many-rows");
    expect(over.message).toContain("表头下面有 20001 行");
    expect(over.message).toContain("最多 20000 行事项");
    // 100,000 data rows: refused by the guard, which counts to the end of the sheet.
    const huge = await refusal(minimalXlsx(sheetXml(HEADER, 100_000)));
    expect(huge.message).toContain("表格有 100001 行");
    expect(huge.message).toContain("最多 20000 行事项");
    // A lone row far down the sheet: the row it reaches is named.
    const sparse = minimalXlsx(sheetXml(HEADER, 2).replace("</sheetData>", '<row r="900000"><c r="A900000"><v>9</v></c></row></sheetData>'));
    expect((await refusal(sparse)).message).toContain("一直排到第 900000 行");
  });
});
