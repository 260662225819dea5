/**
 * Seeded, bounded fuzzing of the workbook import: truncations, byte flips in the archive and in
 * the XML of its entries, bombs and wrong formats. Every file either reads or is refused with a
 * CatalogueFileError of one Chinese line; nothing crashes and nothing hangs.
 */
import { describe, expect, it } from "vitest";
import { CatalogueFileError } from "../../src/catalogue/errors.js";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { housing, jiayu, yunnanFood } from "./fixtures/seeds.js";
import { catalogueSheetWith, encryptedCfb, HOSTILE_RANGES, makeZip, minimalParts, sheetXml, type ZipEntry } from "./fixtures/zip.js";
import { knowledge } from "./helpers.js";

/** mulberry32: a small seeded PRNG, so that a failure replays. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CASES = 320;
const HANG_MS = 20_000;

async function corpus(): Promise<{ files: Buffer[]; entries: ZipEntry[][] }> {
  const header = ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式"];
  const entries = [
    [...minimalParts(), { name: "xl/worksheets/sheet1.xml", data: Buffer.from(sheetXml(header, 30)) }],
    [...minimalParts(), { name: "xl/worksheets/sheet1.xml", data: Buffer.from(catalogueSheetWith('<mergeCells count="1"><mergeCell ref="B2:B3"/></mergeCells>')) }],
  ];
  return { files: [await yunnanFood(), await jiayu(), await housing(), ...entries.map(makeZip)], entries };
}

function mutate(rand: () => number, files: Buffer[], entries: ZipEntry[][], i: number): Buffer {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const base = pick(files);
  switch (i % 8) {
    case 0: // truncation
      return base.subarray(0, Math.floor(rand() * base.length));
    case 1:
    case 2: {
      // byte flips anywhere in the archive (headers, compressed data, central directory)
      const b = Buffer.from(base);
      const n = 1 + Math.floor(rand() * 8);
      for (let k = 0; k < n; k++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      return b;
    }
    case 3:
    case 4: {
      // byte flips inside an entry's XML, re-zipped so that the archive itself is valid
      const es = pick(entries).map((e) => ({ ...e, data: Buffer.from(e.data) }));
      const e = pick(es);
      const n = 1 + Math.floor(rand() * 12);
      for (let k = 0; k < n; k++) e.data[Math.floor(rand() * e.data.length)] = pick([0x3c, 0x3e, 0x22, 0x2f, 0x00, 0xff, Math.floor(rand() * 256)]);
      if (rand() < 0.3) e.data = e.data.subarray(0, Math.floor(rand() * e.data.length));
      return makeZip(es);
    }
    case 5: {
      // small bombs and lying sizes
      const size = (1 + Math.floor(rand() * 4)) * 1024 * 1024;
      const lie = rand() < 0.5 ? 1000 : undefined;
      return makeZip([...minimalParts(), { name: "xl/worksheets/sheet1.xml", data: Buffer.alloc(size, pick([0x20, 0x3c, 0x41])), declaredSize: lie }]);
    }
    case 6: {
      // hostile ranges and odd cell references
      const xml = pick([...Object.values(HOSTILE_RANGES), '<mergeCells><mergeCell ref="ZZZZ9"/></mergeCells>', '<mergeCells><mergeCell ref=":"/></mergeCells>', '<dataValidations><dataValidation sqref="A1:B"/></dataValidations>']);
      return makeZip([...minimalParts(), { name: "xl/worksheets/sheet1.xml", data: Buffer.from(catalogueSheetWith(xml)) }]);
    }
    default: {
      // wrong formats
      const junk = Buffer.from(Array.from({ length: 1 + Math.floor(rand() * 4096) }, () => Math.floor(rand() * 256)));
      return pick([
        junk,
        Buffer.concat([Buffer.from("PK\u0003\u0004"), junk]),
        encryptedCfb(),
        Buffer.from("序号,二级事项\n1,办事指南\n"),
        Buffer.from("<html><body>目录</body></html>"),
        Buffer.alloc(0),
        makeZip([{ name: "word/document.xml", data: Buffer.from("<w:document/>") }]),
      ]);
    }
  }
}

describe("workbook import fuzzing", () => {
  it(`reads or refuses ${CASES} malformed workbooks: no crash, no hang, one Chinese line each`, { timeout: 600_000 }, async () => {
    const { files, entries } = await corpus();
    const rand = prng(20261130);
    const outcomes = { read: 0, refused: 0 };
    for (let i = 0; i < CASES; i++) {
      const data = mutate(rand, files, entries, i);
      let timer: NodeJS.Timeout | undefined;
      const hang = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`case ${i} hangs`)), HANG_MS);
      });
      try {
        await Promise.race([readCatalogue(data, { knowledge }), hang]);
        outcomes.read++;
      } catch (err) {
        expect(err, `case ${i}: ${String(err)}`).toBeInstanceOf(CatalogueFileError);
        const message = (err as Error).message;
        expect(message, `case ${i}`).not.toContain("\n");
        expect(message, `case ${i}`).toMatch(/[\u4e00-\u9fa5]/);
        outcomes.refused++;
      } finally {
        clearTimeout(timer);
      }
    }
    expect(outcomes.read + outcomes.refused).toBe(CASES);
    expect(outcomes.refused).toBeGreaterThan(CASES / 2);
  });
});
