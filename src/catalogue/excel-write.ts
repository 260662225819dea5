/** Export of a catalogue as the template workbook. */
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type { CatalogueKnowledge } from "./knowledge.js";
import { layoutCatalogue, templateSheetOptions } from "./excel-layout.js";
import type { Catalogue } from "./schema.js";

export interface WriteOptions {
  knowledge: CatalogueKnowledge;
}

/** Name of the catalogue worksheet in exported and report workbooks. */
export const CATALOGUE_SHEET = "标准目录";

/** A streaming workbook writer collecting its output; `finish` commits and returns the file. */
export function streamingWorkbook(): { workbook: ExcelJS.stream.xlsx.WorkbookWriter; finish: () => Promise<Buffer> } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on("end", resolve);
    stream.on("error", reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "政务公开目录助手";
  return {
    workbook,
    finish: async () => {
      await workbook.commit();
      await ended;
      return Buffer.concat(chunks);
    },
  };
}

/**
 * Writes the catalogue as the template workbook (.xlsx): title, two header rows with merged
 * groups, ☑/☐ channel options, √ marks, 一级事项 merged, frozen header, A4 landscape.
 * Importing the result with readCatalogue gives the same rows.
 */
export async function writeCatalogue(catalogue: Catalogue, options: WriteOptions): Promise<Buffer> {
  const { workbook, finish } = streamingWorkbook();
  const sheet = workbook.addWorksheet(CATALOGUE_SHEET, templateSheetOptions());
  layoutCatalogue(sheet, catalogue, options.knowledge);
  sheet.commit();
  return finish();
}
