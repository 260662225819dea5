import { describe, expect, it } from "vitest";
import { CatalogueFileError } from "../../src/catalogue/errors.js";
import { DEFAULT_UPLOAD_LIMITS, guardUpload, type UploadLimits } from "../../src/catalogue/upload-guard.js";
import { encryptedCfb, makeZip, minimalParts as minimalZipParts, minimalXlsx, sheetXml, zipBomb } from "./fixtures/zip.js";
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
});
