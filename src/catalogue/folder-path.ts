/** What to say when a folder is given where a workbook file was expected (/check in the console, the validate CLI). */
import fs from "node:fs";
import path from "node:path";

const SHOWN = 5;

/** Workbook files directly in `dir`, sorted by name; [] when it cannot be listed. */
function workbooksIn(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.xls[xm]$/i.test(e.name) && !e.name.startsWith("~$"))
      .map((e) => e.name)
      .sort((a, b) => a.localeCompare(b, "zh"));
  } catch {
    return [];
  }
}

/**
 * The Chinese reply to a folder path: it is a folder, not a file; give the path of a workbook in
 * it instead (with the folder's workbooks listed, up to five).
 * @param dir the folder as resolved (shown as is).
 * @param example how to check one file, e.g. (file) => `/check ${file}`.
 */
export function folderGivenMessage(dir: string, example: (file: string) => string): string {
  const files = workbooksIn(dir);
  const sample = path.join(dir, files[0] ?? "目录.xlsx");
  const listed = files.length
    ? `该文件夹中的 Excel 文件：${files.slice(0, SHOWN).join("、")}${files.length > SHOWN ? ` 等 ${files.length} 个` : ""}。`
    : "该文件夹中没有 .xlsx 文件。";
  return `“${dir}”是一个文件夹，不是文件。请给出要检查的 .xlsx 文件本身的路径，例如 ${example(sample)}。${listed}`;
}
