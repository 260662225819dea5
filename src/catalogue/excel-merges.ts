/**
 * Merged cells in the data area of an imported sheet. exceljs gives every cell of a merge the
 * value of its top-left cell, so a merge is read as that value repeated in each of its cells; the
 * import says so in a note instead of reading it silently (R01 stays the spec's blank-element error):
 * - a merge down one column over several items (公开依据 shared by two items, as in the Yunnan
 *   example): each item is read with the value;
 * - a merge across several columns (G7:H8 over 公开主体 and 公开渠道和载体): one text cannot be
 *   two elements, and each column was read as it.
 * Not reported: the header block, 一级事项 merged down over its group (the template's layout), and
 * merges within the lines of one item (an item printed over two lines).
 */
import type ExcelJS from "exceljs";
import { cellText } from "./excel-cells.js";
import type { ColumnRole } from "./excel-header.js";
import { elementInfo, type ElementKey, type Row } from "./schema.js";
import { foldLines } from "./text.js";

/** "A", …, "Z", "AA": the Excel letters of a 1-based column. */
export function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** How a column is named in messages: its element, with the option for one column of a group. */
function columnLabel(role: ColumnRole): string {
  switch (role.kind) {
    case "element":
    case "single":
      return elementInfo(role.key).label;
    case "value":
      return `${elementInfo(role.key).label}（${role.value}）`;
    case "channelOption":
      return `公开渠道和载体（${role.channel}）`;
    case "extra":
      return role.header;
  }
}

const roleKey = (role: ColumnRole): ElementKey | null => (role.kind === "channelOption" ? "channels" : role.kind === "extra" ? null : role.key);

interface Area {
  master: ExcelJS.Cell;
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** The merges that cover cells of the given rows (found through each cell's master). */
function mergesOver(sheet: ExcelJS.Worksheet, rows: readonly number[], maxCol: number): Area[] {
  const areas = new Map<string, Area>();
  for (const r of rows) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= maxCol; c++) {
      const cell = row.getCell(c);
      if (!cell.isMerged) continue;
      const master = cell.master;
      const area = areas.get(master.address) ?? { master, top: Number(master.row), left: Number(master.col), bottom: r, right: c };
      area.bottom = Math.max(area.bottom, r);
      area.right = Math.max(area.right, c);
      areas.set(master.address, area);
    }
  }
  // A merge may reach rows that are no item (a blank line below): follow it to its end.
  for (const a of areas.values()) {
    while (a.bottom < sheet.rowCount && sheet.getRow(a.bottom + 1).getCell(a.left).isMergedTo(a.master)) a.bottom++;
  }
  return [...areas.values()];
}

const itemName = (row: Row): string => (row.seq !== null ? `序号${row.seq}` : row.seqText ? `序号${row.seqText}` : `表格第${row.sheetRow}行`);

/**
 * The merges over the items of one sheet worth telling the official about (see the module comment).
 * @param rows the sheet's items as read (sheetRow and continuation lines set).
 * @returns notes for the import.
 */
export function dataMerges(sheet: ExcelJS.Worksheet, roles: Map<number, ColumnRole>, rows: readonly Row[], maxCol: number): { sheetRow: number; message: string }[] {
  const itemOf = new Map<number, number>();
  rows.forEach((row, i) => {
    for (const r of [row.sheetRow, ...(row.lines ?? [])]) if (r !== undefined) itemOf.set(r, i);
  });
  const notes: { sheetRow: number; message: string }[] = [];
  for (const a of mergesOver(sheet, [...itemOf.keys()], maxCol)) {
    const columns = [...roles].filter(([c]) => c >= a.left && c <= a.right).map(([, role]) => role);
    const field = columns.map(roleKey).find((k): k is ElementKey => k !== null);
    const text = foldLines(cellText(a.master)).trim();
    const first = itemOf.get(a.top);
    if (!field || text === "" || first === undefined) continue;
    const range = a.top === a.bottom && a.left === a.right ? columnLetters(a.left) + a.top : `${columnLetters(a.left)}${a.top}:${columnLetters(a.right)}${a.bottom}`;
    const items = [...new Set([...Array(a.bottom - a.top + 1).keys()].map((k) => itemOf.get(a.top + k)).filter((i): i is number => i !== undefined))];
    const shown = text.length > 40 ? `${text.slice(0, 40)}…` : text;
    if (columns.length < 2) {
      if (field === "level1" || items.length < 2) continue;
      const names = items.map((i) => itemName(rows[i] as Row));
      notes.push({
        sheetRow: a.top,
        message: `第 ${a.top}–${a.bottom} 行的“${columnLabel(columns[0] as ColumnRole)}”是一个合并单元格（${range}），跨${names.join("、")}共 ${items.length} 个事项：已按这几个事项都填写了“${shown}”读取；如各事项不同，请取消合并后分别填写。`,
      });
      continue;
    }
    const across = items.length > 1 ? `，上下跨${items.map((i) => itemName(rows[i] as Row)).join("、")}` : `（${itemName(rows[first] as Row)}）`;
    notes.push({
      sheetRow: a.top,
      message: `${range} 是一个合并单元格，横跨${columns.map((c) => `“${columnLabel(c)}”`).join("、")}${columns.length}列${across}：已按这几列都填写了“${shown}”读取。每一列是一项要素，请取消合并，在各列分别填写。`,
    });
  }
  return notes;
}
