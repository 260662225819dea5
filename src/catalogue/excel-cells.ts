/** Reading cell values of exceljs worksheets as plain text. */
import type ExcelJS from "exceljs";

// Check-box glyphs typed in Wingdings fonts (a common way of ticking options in Word/Excel).
const WINGDINGS2: Record<string, string> = { R: "☑", T: "☒", S: "☒", "£": "☐", P: "✓", O: "×" };
const WINGDINGS: Record<string, string> = { þ: "☑", ý: "☒", "¨": "☐", o: "□", ü: "✓", û: "×", n: "■" };

function mapSymbolFont(text: string, fontName: string | undefined): string {
  if (!fontName || !/wingdings/i.test(fontName)) return text;
  const table = /2/.test(fontName) ? WINGDINGS2 : /3/.test(fontName) ? {} : WINGDINGS;
  return [...text].map((ch) => table[ch] ?? ch).join("");
}

/** The text a cell shows (merged slaves give their master's value), with symbol fonts mapped to ☑/☐. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return "";
  if (typeof v === "string") return mapSymbolFont(v, cell.font?.name);
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "是" : "否";
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === "object") {
    if ("richText" in v && Array.isArray(v.richText)) {
      return v.richText.map((run) => mapSymbolFont(run.text ?? "", run.font?.name ?? cell.font?.name)).join("");
    }
    if ("result" in v) {
      const r = (v as { result?: unknown }).result;
      return r === undefined || r === null ? "" : typeof r === "object" ? "" : String(r);
    }
    if ("text" in v) {
      const t = (v as { text?: unknown }).text;
      if (typeof t === "string") return t;
      if (t && typeof t === "object" && "richText" in t) return (t as { richText: { text: string }[] }).richText.map((r) => r.text).join("");
    }
    if ("error" in v) return "";
  }
  return String(v);
}

/** Texts of a worksheet row, 1-based columns 1..maxCol (index 0 unused). */
export function rowTexts(sheet: ExcelJS.Worksheet, rowNumber: number, maxCol: number): string[] {
  const row = sheet.getRow(rowNumber);
  const out: string[] = [""];
  for (let c = 1; c <= maxCol; c++) out.push(cellText(row.getCell(c)).replace(/\r\n?/g, "\n"));
  return out;
}
