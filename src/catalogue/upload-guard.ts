/**
 * Guards untrusted uploads before exceljs parses anything: exceljs has no limits of its own
 * (a 6 MB upload of 2M cells took 13.7 s and 660 MB). Checks, in order: file size, container
 * type (OLE/CFB = encrypted or legacy .xls), zip entry count, declared and actual per-entry
 * compression ratio, total inflated size (counted while inflating), worksheet rows and columns.
 */
import yauzl from "yauzl";
import { CatalogueFileError } from "./errors.js";

export interface UploadLimits {
  /** File size cap in bytes (config.maxUploadBytes, from MAX_UPLOAD_MB). */
  maxBytes: number;
  maxEntries: number;
  /** Per-entry inflated/compressed ratio cap (checked for entries inflating beyond 1 MiB). */
  maxEntryRatio: number;
  /** Total inflated bytes of all entries. */
  maxInflatedBytes: number;
  /** Rows of any worksheet. */
  maxRows: number;
  /** Columns of any worksheet. */
  maxColumns: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxEntries: 2000,
  maxEntryRatio: 200,
  maxInflatedBytes: 256 * 1024 * 1024,
  maxRows: 20_000,
  maxColumns: 200,
};

const RATIO_MIN_BYTES = 1024 * 1024;
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const mb = (n: number): string => `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;

/** Column letters (A, Z, AA …) to a 1-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Counts rows and columns of a worksheet's XML as it streams by (tokens are ASCII, so latin1 is safe). */
class SheetScanner {
  rows = 0;
  maxColumn = 0;
  private cellsInRow = 0;
  private carry = "";

  constructor(private readonly limits: UploadLimits) {}

  feed(chunk: Buffer): void {
    const text = this.carry + chunk.toString("latin1");
    const start = this.carry.length;
    for (const m of text.matchAll(/<row[\s>/]|<c[\s>/]|\sr="([A-Z]{1,4})\d+"/g)) {
      if ((m.index as number) + m[0].length <= start) continue;
      if (m[0].startsWith("<row")) {
        this.rows++;
        this.cellsInRow = 0;
        if (this.rows > this.limits.maxRows) {
          throw new CatalogueFileError("too-many-rows", `表格行数超过上限（最多 ${this.limits.maxRows} 行），请拆分后分别上传。`);
        }
      } else if (m[0].startsWith("<c")) {
        this.cellsInRow++;
        this.checkColumns(this.cellsInRow);
      } else {
        this.checkColumns(columnNumber(m[1] as string));
      }
    }
    this.carry = text.slice(-24);
  }

  private checkColumns(n: number): void {
    if (n > this.maxColumn) this.maxColumn = n;
    if (n > this.limits.maxColumns) {
      throw new CatalogueFileError("too-many-columns", `表格列数超过上限（最多 ${this.limits.maxColumns} 列），请删除多余的列后重新上传。`);
    }
  }
}

function openZip(data: Buffer): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(data, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) reject(new CatalogueFileError("corrupt-zip", "文件已损坏或不完整（可能没有传完），请重新保存为 .xlsx 后上传。", { cause: err }));
      else resolve(zip);
    });
  });
}

/** Inflates one entry, counting bytes; rejects as soon as a limit is crossed. */
function inflateEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, limits: UploadLimits, state: { total: number }, scanner: SheetScanner | null): Promise<void> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err, stream) => {
      if (err || !stream) {
        reject(new CatalogueFileError("corrupt-zip", "文件已损坏，无法解压，请重新保存为 .xlsx 后上传。", { cause: err }));
        return;
      }
      let inflated = 0;
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
        } catch (e) {
          fail(e);
        }
      });
      stream.on("error", (e) => fail(e instanceof CatalogueFileError ? e : new CatalogueFileError("corrupt-zip", "文件已损坏，解压出错，请重新保存为 .xlsx 后上传。", { cause: e })));
      stream.on("end", () => resolve());
    });
  });
}

/**
 * Checks an uploaded file before it is parsed.
 * @throws CatalogueFileError with a one-line Chinese reason when the file is refused.
 */
export async function guardUpload(data: Buffer, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): Promise<void> {
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
  const zip = await openZip(data);
  try {
    if (zip.entryCount > limits.maxEntries) {
      throw new CatalogueFileError("too-many-entries", `压缩包内文件数（${zip.entryCount}）超过上限 ${limits.maxEntries}，不是正常的 Excel 文件，已拒绝。`);
    }
    const state = { total: 0 };
    const names = new Set<string>();
    await new Promise<void>((resolve, reject) => {
      zip.on("error", (e) => reject(e instanceof CatalogueFileError ? e : new CatalogueFileError("corrupt-zip", "文件已损坏或不完整，请重新保存为 .xlsx 后上传。", { cause: e })));
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        void (async () => {
          names.add(entry.fileName);
          if (entry.isEncrypted()) {
            throw new CatalogueFileError("encrypted", "文件设有密码（已加密），无法读取。请取消密码后重新上传。");
          }
          if (entry.uncompressedSize > limits.maxInflatedBytes) {
            throw new CatalogueFileError("inflated-too-large", `文件解压后超过 ${mb(limits.maxInflatedBytes)} 上限，疑似异常文件，已拒绝。`);
          }
          if (entry.uncompressedSize > RATIO_MIN_BYTES && entry.uncompressedSize / Math.max(1, entry.compressedSize) > limits.maxEntryRatio) {
            throw new CatalogueFileError("compression-ratio", `文件中“${entry.fileName}”的压缩比异常（超过 ${limits.maxEntryRatio} 倍），疑似压缩炸弹，已拒绝。`);
          }
          // exceljs treats any name containing xl/worksheets/sheetN.xml (unanchored) as a sheet,
          // so every worksheet-like entry is scanned for its row and column counts.
          const isSheet = /xl\/worksheets\/[^/]+\.xml/i.test(entry.fileName);
          if (!entry.fileName.endsWith("/")) await inflateEntry(zip, entry, limits, state, isSheet ? new SheetScanner(limits) : null);
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
    if (!names.has("[Content_Types].xml") || !names.has("xl/workbook.xml")) {
      throw new CatalogueFileError("not-xlsx", "压缩包不是 Excel 工作簿（.xlsx），请上传 Excel 文件。");
    }
  } finally {
    zip.close();
  }
}
