/**
 * R01 on merged cells: a merge in the data area across several columns was read as its top-left
 * text in every column it covers, so an element may hold another element's text (G7:H8 over
 * 公开主体 and 公开渠道和载体). A warning on the item of the merge's first row.
 */
import type { Catalogue, Row } from "../schema.js";
import type { CatalogueHit } from "./catalogue-rules.js";
import { itemRef } from "./field-rules.js";

/** Rows of `sheet` whose lines fall in [top, bottom], by index. */
function itemsIn(rows: readonly Row[], sheet: string, top: number, bottom: number): number[] {
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (row.sheet !== undefined && row.sheet !== sheet) return;
    if ([row.sheetRow, ...(row.lines ?? [])].some((r) => r !== undefined && r >= top && r <= bottom)) out.push(i);
  });
  return out;
}

/** R01 warnings for the catalogue's cross-column merged cells (catalogue.mergedCells), one per item and field. */
export function checkMergedCells(catalogue: Catalogue): CatalogueHit[] {
  const hits: CatalogueHit[] = [];
  const seen = new Set<string>();
  for (const m of catalogue.mergedCells ?? []) {
    const items = itemsIn(catalogue.rows, m.sheet, m.top, m.bottom);
    const first = items[0];
    if (first === undefined || seen.has(`${first}:${m.field}`)) continue;
    seen.add(`${first}:${m.field}`);
    const where = catalogue.rows.some((r) => r.sheet !== undefined) ? `“${m.sheet}”表的` : "";
    const across = items.length > 1 ? `，上下跨${items.map((i) => itemRef(catalogue.rows[i] as Row, i)).join("、")}` : "";
    hits.push({
      rule: "R01", rowIndex: first, field: m.field, severity: "warning",
      message: `${where}${m.range} 是一个合并单元格，横跨${m.columns.map((c) => `“${c}”`).join("、")}${m.columns.length}列${across}：已按合并区域内每一格都填写了“${m.text}”读取，即这几列都读作这一内容。每一列是一项要素，请取消合并，在各列分别填写。`,
    });
  }
  return hits;
}
