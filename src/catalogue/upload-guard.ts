/**
 * Guards untrusted uploads before exceljs parses anything: exceljs has no limits of its own
 * (a 6 MB upload of 2M cells took 13.7 s and 660 MB; a 1.5 KB sheet merging A2:XFD1048576 made
 * it walk every cell of the range). Checks, in order: file size, container type (OLE/CFB =
 * encrypted or legacy .xls), zip entry count, declared and actual inflated sizes, worksheet rows,
 * columns and cells, merge ranges, data-validation and conditional-format ranges. Budgets are
 * absolute (bytes, rows, columns, cells); the compression ratio is checked only for large entries,
 * so that one long repetitive cell is not taken for a bomb.
 *
 * inspectUpload also returns the workbook exceljs should read: the same entries, stored, with the
 * data validations, conditional formats and extensions of each worksheet removed (the catalogue
 * does not use them, and exceljs expands their ranges cell by cell).
 */
import zlib from "node:zlib";
import yauzl from "yauzl";
import { CatalogueFileError } from "./errors.js";
import { HEADER_ROW_ALLOWANCE, SheetScanner, sanitizeSheetTail } from "./sheet-scan.js";

export { HEADER_ROW_ALLOWANCE };
import { storedZip } from "./zip-write.js";

export interface UploadLimits {
  /** File size cap in bytes (config.maxUploadBytes, from MAX_UPLOAD_MB). */
  maxBytes: number;
  maxEntries: number;
  /** Per-entry inflated/compressed ratio cap (checked for entries inflating beyond RATIO_MIN_BYTES). */
  maxEntryRatio: number;
  /** Total inflated bytes of all entries. */
  maxInflatedBytes: number;
  /** Data rows of a catalogue (title and header rows not counted). */
  maxRows: number;
  /** Columns of any worksheet. */
  maxColumns: number;
  /** Cells written in all worksheets (an absolute budget: exceljs keeps every cell in memory). */
  maxCells: number;
  /** Cells covered by merge ranges in all worksheets. */
  maxMergedCells: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxEntries: 2000,
  maxEntryRatio: 200,
  maxInflatedBytes: 160 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 200,
  maxCells: 600_000,
  maxMergedCells: 300_000,
};

/** Entries below this inflated size are never refused for their ratio (a long repetitive cell compresses 1000:1). */
const RATIO_MIN_BYTES = 16 * 1024 * 1024;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const mb = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

function openZip(data: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(new CatalogueFileError("corrupt-zip", "文件已损坏或不完整（可能没有传完），请重新保存为 .xlsx 后上传。", { cause: err }));
      else resolve(zip);
    });
  });
}

/** Inflates one entry, counting bytes; rejects as soon as a limit is crossed. */
function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: UploadLimits, state: { total: number }, scanner: SheetScanner | null): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(new CatalogueFileError("corrupt-zip", "文件已损坏，无法解压，请重新保存为 .xlsx 后上传。", { cause: err }));
        return;
      }
      let inflated = 0;
      const chunks: Buffer[] = [];
      const fail = (e: unknown): void => {
        stream.destroy();
        reject(e);
      };
      stream.on("data", (chunk: Buffer) => {
        inflated += chunk.length;
        state.total += chunk.length;
        try {
          if (state.total > limits.maxInflatedBytes) {
            throw new CatalogueFileError("inflated-too-large", `文件解压后超过 ${mb(limits.maxInflatedBytes)} 上限，疑似异常文件，已拒绝。`);
          }
          if (inflated > RATIO_MIN_BYTES && inflated / Math.max(1, entry.compressedSize) > limits.maxEntryRatio) {
            throw new CatalogueFileError("compression-ratio", `文件中“${entry.fileName}”的压缩比异常（超过 ${limits.maxEntryRatio} 倍），疑似压缩炸弹，已拒绝。`);
          }
          scanner?.feed(chunk);
          // A sheet over the row cap is refused at its end: it is only counted, not kept.
          if (!scanner?.over) chunks.push(chunk);
        } catch (e) {
          fail(e);
        }
      });
      stream.on("error", (e) => fail(e instanceof CatalogueFileError ? e : new CatalogueFileError("corrupt-zip", "文件已损坏，解压出错，请重新保存为 .xlsx 后上传。", { cause: e })));
      stream.on("end", () => resolve(Buffer.concat(chunks)));
    });
  });
}

/** Refuses files that are not a zip workbook: empty, too large, encrypted, legacy .xls, other formats. */
function checkContainer(data: Buffer, limits: UploadLimits): void {
  if (data.length === 0) throw new CatalogueFileError("empty-file", "文件是空的（0 字节），请重新上传。");
  if (data.length > limits.maxBytes) {
    throw new CatalogueFileError("too-large", `文件大小 ${mb(data.length)}，超过 ${mb(limits.maxBytes)} 上限，请拆分或精简后上传。`);
  }
  if (data.subarray(0, 8).equals(CFB_MAGIC)) {
    const encrypted = data.includes(Buffer.from("EncryptionInfo", "utf16le")) || data.includes(Buffer.from("EncryptedPackage", "utf16le"));
    throw encrypted
      ? new CatalogueFileError("encrypted", "文件设有打开密码（已加密），无法读取。请在 Excel/WPS 中取消密码后重新上传。")
      : new CatalogueFileError("legacy-xls", "这是旧版 Excel 97-2003（.xls）文件，请在 Excel/WPS 中另存为 .xlsx 后重新上传。");
  }
  if (!(data[0] === 0x50 && data[1] === 0x4b)) {
    throw new CatalogueFileError("not-xlsx", "文件不是 Excel（.xlsx）格式，请在 Excel/WPS 中另存为 .xlsx 后重新上传。");
  }
}

/**
 * Checks an uploaded file and returns the workbook to parse (see the module comment).
 * @throws CatalogueFileError with a one-line Chinese reason when the file is refused.
 */
export async function inspectUpload(data: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<Buffer> {
  checkContainer(data, limits);
  const zip = await openZip(data);
  const entries: { name: string; data: Buffer }[] = [];
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new CatalogueFileError("too-many-entries", `压缩包内文件数（${zip.entryCount}）超过上限 ${limits.maxEntries}，不是正常的 Excel 文件，已拒绝。`);
    }
    const state = { total: 0 };
    const budget = { cells: 0, merged: 0 };
    await new Promise<void>((resolve, reject) => {
      zip.on("error", (e) => reject(e instanceof CatalogueFileError ? e : new CatalogueFileError("corrupt-zip", "文件已损坏或不完整，请重新保存为 .xlsx 后上传。", { cause: e })));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        void (async () => {
          if (entry.isEncrypted()) {
            throw new CatalogueFileError("encrypted", "文件设有密码（已加密），无法读取。请取消密码后重新上传。");
          }
          if (entry.uncompressedSize > limits.maxInflatedBytes) {
            throw new CatalogueFileError("inflated-too-large", `文件解压后超过 ${mb(limits.maxInflatedBytes)} 上限，疑似异常文件，已拒绝。`);
          }
          if (entry.uncompressedSize > RATIO_MIN_BYTES && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxEntryRatio) {
            throw new CatalogueFileError("compression-ratio", `文件中“${entry.fileName}”的压缩比异常（超过 ${limits.maxEntryRatio} 倍），疑似压缩炸弹，已拒绝。`);
          }
          if (!entry.fileName.endsWith("/")) {
            // exceljs treats any name containing xl/worksheets/sheetN.xml (unanchored) as a sheet,
            // so every worksheet-like entry is scanned.
            const isSheet = /xl\/worksheets\/[^/]+\.xml/i.test(entry.fileName);
            const scanner = isSheet ? new SheetScanner(limits, budget) : null;
            let body = await inflateEntry(zip, entry, limits, state, scanner);
            if (scanner) {
              scanner.finish();
              body = sanitizeSheetTail(body, scanner, limits, budget);
            }
            entries.push({ name: entry.fileName, data: body });
          }
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
    const names = new Set(entries.map((e) => e.name));
    if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) {
      throw new CatalogueFileError("not-xlsx", "压缩包不是 Excel 工作簿（.xlsx），请上传 Excel 文件。");
    }
  } finally {
    zip.close();
  }
  return storedZip(entries, zlib.crc32);
}

/**
 * Checks an uploaded file before it is parsed.
 * @throws CatalogueFileError with a one-line Chinese reason when the file is refused.
 */
export async function guardUpload(data: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<void> {
  await inspectUpload(data, limits);
}
