/**
 * Streaming checks of a worksheet's XML for the upload guard: rows, columns, cells, merge ranges,
 * data-validation and conditional-format ranges, against absolute budgets. Tokens are ASCII, so
 * chunks are read as latin1; a tag cut between two chunks is carried over.
 */
import { CatalogueFileError } from "./errors.js";
import type { UploadLimits } from "./upload-guard.js";

/** Sheet rows allowed above and below the data rows: title, header and sub-header rows, notes. */
export const HEADER_ROW_ALLOWANCE = 60;

/**
 * The refusal of a workbook over the row cap. `found` says how many rows the file has (a sentence
 * start such as "表头下面有 20001 行"), so the official knows by how much to split it.
 */
export function tooManyRowsError(found: string, maxRows: number): CatalogueFileError {
  return new CatalogueFileError("too-many-rows", `${found}，超过上限（最多 ${maxRows} 行事项），请拆分成几个文件后分别上传。`);
}

/** Column letters (A, Z, AA …) to a 1-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

interface Area {
  rows: [number, number];
  cols: [number, number];
}

/** "A1:C3", "A1", "A:A" or "1:1" → its rows and columns (whole columns/rows span the sheet). */
function parseRange(ref: string): Area | null {
  const [a, b = a] = ref.trim().replace(/\$/g, "").split(":") as [string, string?];
  const cell = (s: string): { col: number | null; row: number | null } | null => {
    const m = /^([A-Za-z]{0,3})(\d{0,7})$/.exec(s);
    if (!m || (m[1] === "" && m[2] === "")) return null;
    return { col: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
  };
  const p = cell(a);
  const q = cell(b as string);
  if (!p || !q) return null;
  return {
    rows: [Math.min(p.row ?? 1, q.row ?? 1), Math.max(p.row ?? 1_048_576, q.row ?? 1_048_576)],
    cols: [Math.min(p.col ?? 1, q.col ?? 1), Math.max(p.col ?? 16_384, q.col ?? 16_384)],
  };
}

const area = (r: Area): number => (r.rows[1] - r.rows[0] + 1) * (r.cols[1] - r.cols[0] + 1);

const TAG = /<(row|c|mergeCell|dataValidation|conditionalFormatting)(?=[\s>/])([^>]*)>/g;
const MAX_CARRY = 64 * 1024;

/** Shared budgets across the worksheets of one workbook. */
export interface SheetBudget {
  cells: number;
  merged: number;
}

export class SheetScanner {
  rows = 0;
  maxRow = 0;
  maxColumn = 0;
  /** Past the row cap: only rows are counted from here on, for the refusal's count. */
  over = false;
  private cellsInRow = 0;
  private carry = "";
  private readonly rowCap: number;

  constructor(
    private readonly limits: UploadLimits,
    private readonly budget: SheetBudget,
  ) {
    this.rowCap = limits.maxRows + HEADER_ROW_ALLOWANCE;
  }

  feed(chunk: Buffer): void {
    const text = this.carry + chunk.toString("latin1");
    let consumed = 0;
    for (const m of text.matchAll(TAG)) {
      this.tag(m[1] as string, m[2] as string);
      consumed = (m.index as number) + m[0].length;
    }
    const open = text.lastIndexOf("<");
    this.carry = open >= consumed && text.indexOf(">", open) < 0 ? text.slice(open) : "";
    if (this.carry.length > MAX_CARRY) throw new CatalogueFileError("unreadable", "工作表内容格式异常（标签过长），无法读取，请在 Excel/WPS 中重新保存为 .xlsx 后上传。");
  }

  /**
   * Called when the worksheet has been fed to its end.
   * @throws CatalogueFileError too-many-rows, with the rows the sheet has, when it was over the cap.
   */
  finish(): void {
    if (!this.over) return;
    const found = this.maxRow > this.rows ? `表格的内容一直排到第 ${this.maxRow} 行` : `表格有 ${this.rows} 行（含标题和表头）`;
    throw tooManyRowsError(found, this.limits.maxRows);
  }

  private tag(name: string, attrs: string): void {
    if (this.over && name !== "row") return;
    switch (name) {
      case "row": {
        this.rows++;
        this.cellsInRow = 0;
        const r = /\br="(\d+)"/.exec(attrs);
        const index = r ? Number(r[1]) : this.maxRow + 1;
        this.maxRow = Math.max(this.maxRow, index);
        // Over the cap the sheet is refused; the rest is only counted, so the refusal can say how many rows there are.
        if (this.rows > this.rowCap || index > this.rowCap) this.over = true;
        break;
      }
      case "c": {
        this.cellsInRow++;
        if (++this.budget.cells > this.limits.maxCells) {
          throw new CatalogueFileError("too-many-cells", `表格单元格数超过上限（最多 ${this.limits.maxCells} 个），请删除多余的行、列或格式后重新上传。`);
        }
        const r = /\br="([A-Za-z]{1,4})\d+"/.exec(attrs);
        this.checkColumns(r ? columnNumber(r[1] as string) : this.cellsInRow);
        break;
      }
      case "mergeCell": {
        const ref = /\bref="([^"]*)"/.exec(attrs)?.[1];
        if (ref) this.mergeRange(ref);
        break;
      }
      default: {
        const sqref = /\bsqref="([^"]*)"/.exec(attrs)?.[1];
        if (sqref) checkSqref(sqref, this.limits, name === "dataValidation" ? "数据验证（下拉选项）" : "条件格式");
      }
    }
  }

  private checkColumns(n: number): void {
    if (n > this.maxColumn) this.maxColumn = n;
    if (n > this.limits.maxColumns) {
      throw new CatalogueFileError("too-many-columns", `表格列数超过上限（最多 ${this.limits.maxColumns} 列），请删除多余的列后重新上传。`);
    }
  }

  private mergeRange(ref: string): void {
    const r = parseRange(ref);
    if (!r) throw new CatalogueFileError("unreadable", `表格中的合并单元格“${ref.slice(0, 30)}”写法有误，无法读取，请在 Excel/WPS 中重新保存后上传。`);
    if (r.cols[1] > this.limits.maxColumns || r.rows[1] > this.rowCap) {
      throw new CatalogueFileError("range-too-large", `表格中的合并单元格 ${ref} 超出行列上限（最多 ${this.rowCap} 行、${this.limits.maxColumns} 列），疑似异常文件，已拒绝。请取消多余的合并后重新上传。`);
    }
    this.budget.merged += area(r);
    if (this.budget.merged > this.limits.maxMergedCells) {
      throw new CatalogueFileError("range-too-large", `表格中合并单元格覆盖的格子超过上限（最多 ${this.limits.maxMergedCells} 个），疑似异常文件，已拒绝。请取消多余的合并后重新上传。`);
    }
  }
}

/** Refuses a data-validation or conditional-format range spanning more columns than a catalogue can have. */
function checkSqref(sqref: string, limits: UploadLimits, what: string): void {
  for (const ref of sqref.trim().split(/\s+/)) {
    if (ref === "") continue;
    const r = parseRange(ref);
    if (r && r.cols[1] > limits.maxColumns) {
      throw new CatalogueFileError("range-too-large", `表格中的${what}范围 ${ref} 超出列数上限（最多 ${limits.maxColumns} 列），疑似异常文件，已拒绝。请删除该设置后重新上传。`);
    }
  }
}

/**
 * After a worksheet was scanned: checks the ranges written as element text (x14 extensions use
 * <xm:sqref>A1:XFD1048576</xm:sqref>) and removes data validations, conditional formats and
 * extensions, which exceljs would expand cell by cell and the catalogue does not use.
 */
export function sanitizeSheetTail(body: Buffer, _scanner: SheetScanner, limits: UploadLimits, _budget: SheetBudget): Buffer {
  let at = body.lastIndexOf("</sheetData>");
  if (at < 0) at = body.lastIndexOf("<sheetData");
  if (at < 0) at = 0;
  const tail = body.subarray(at).toString("utf8");
  for (const m of tail.matchAll(/<(?:\w+:)?sqref>([^<]*)<\/(?:\w+:)?sqref>/g)) checkSqref(m[1] as string, limits, "数据验证或条件格式");
  const cleaned = tail
    .replace(/<dataValidations\b[^>]*\/>|<dataValidations\b[\s\S]*?<\/dataValidations>/g, "")
    .replace(/<conditionalFormatting\b[\s\S]*?<\/conditionalFormatting>/g, "")
    .replace(/<extLst\b[\s\S]*?<\/extLst>/g, "");
  return cleaned.length === tail.length ? body : Buffer.concat([body.subarray(0, at), Buffer.from(cleaned, "utf8")]);
}
