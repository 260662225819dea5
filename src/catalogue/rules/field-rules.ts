/**
 * Rules checked per field (领域) of a catalogue: R21 (national wording of the field name and of
 * 一级事项) and R24 (platforms the field's guideline requires, reported at each item). A
 * workbook may hold several fields (sections, a 领域 column, one sheet each): these run once per
 * field on that field's items.
 */
import { findNationalList, type CatalogueKnowledge } from "../knowledge.js";
import type { Row } from "../schema.js";
import { compactKey, similarity } from "../text.js";
import type { CatalogueHit } from "./catalogue-rules.js";
import { closeOfficialName } from "./row-rules.js";

/** How messages name an item: "序号33（表格第36行）". */
export function itemRef(row: Row, index?: number): string {
  const seq = row.seq !== null ? `序号${row.seq}` : row.seqText ? `序号${row.seqText}` : `第${(index ?? 0) + 1}项`;
  if (!row.sheetRow) return seq;
  return `${seq}（${row.sheet ? `“${row.sheet}”表` : "表格"}第${row.sheetRow}行）`;
}

/**
 * How a field name reads against the national wording (R21's data: fields.yaml names and
 * variants, names.yaml misnomers): null when it is official (a county or township prefix such as
 * 嘉鱼县重大建设项目 is fine) or unrelated; else the official name and whether `name` is a known
 * misnomer (征地 → 农村集体土地征收) or only similar to it.
 */
export function fieldNameReading(name: string, k: CatalogueKnowledge): { official: string; known: boolean } | null {
  const key = compactKey(name).replace(/领域$/, "");
  if (key === "") return null;
  const officials = k.rules.officialFields.map(compactKey);
  if (officials.some((o) => key === o || key.endsWith(o))) return null;
  for (const [written, official] of k.rules.fieldMisnomers) if (key === written || key.endsWith(written)) return { official, known: true };
  let best: { name: string; score: number } | null = null;
  for (const o of k.rules.officialFields) {
    const score = similarity(key, compactKey(o));
    if (score >= 0.6 && (!best || score > best.score)) best = { name: o, score };
  }
  return best ? { official: best.name, known: false } : null;
}

/** Rows of each field, in order of first appearance; one group (the catalogue's field) when rows name none. */
export function fieldGroups(rows: Row[], catalogueField: string | null): { field: string | null; indices: number[] }[] {
  const groups = new Map<string, { field: string | null; indices: number[] }>();
  rows.forEach((row, i) => {
    const field = row.field ?? catalogueField;
    const key = field ?? "";
    const g = groups.get(key) ?? { field, indices: [] };
    g.indices.push(i);
    groups.set(key, g);
  });
  return [...groups.values()];
}

/** R21 on the field names (title, 领域 column, section rows) and on each distinct 一级事项. */
export function checkOfficialNames(rows: Row[], titleField: string | null, k: CatalogueKnowledge, titleRow: number | null): CatalogueHit[] {
  const hits: CatalogueHit[] = [];
  const named = new Set<string>();
  const fieldHit = (name: string, rowIndex: number | null, where: string): void => {
    if (named.has(name)) return;
    named.add(name);
    const official = fieldNameReading(name, k)?.official;
    if (official) {
      hits.push({
        rule: "R21", rowIndex, field: rowIndex === null ? null : "level1", sheetRow: rowIndex === null ? titleRow : undefined,
        message: `${where}的领域名称“${name}”与国务院部门标准指引的表述不一致，应为“${official}”。请改用“${official}”（如“${official}领域基层政务公开标准目录”）。`,
      });
    }
  };
  if (titleField) fieldHit(titleField, null, "标题");
  rows.forEach((row, i) => {
    if (row.field) fieldHit(row.field, i, "本事项所属");
  });
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const list = findNationalList(row.field ?? titleField, k);
    if (!list || list.level1.length === 0 || row.level1.trim() === "") return;
    const key = `${list.field}\u0000${compactKey(row.level1)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const official = closeOfficialName(row.level1, list.level1);
    if (official) {
      hits.push({ rule: "R21", rowIndex: i, field: "level1", message: `一级事项“${row.level1.trim()}”与${list.guideline}的表述“${official}”相近但不一致。请改用“${official}”。` });
    }
  });
  return hits;
}

/**
 * R24: 主动 items of a field whose guideline names a platform they must use, without that
 * platform — one hit per item, at its row (rowIndex into `rows`), so each is reported where it is.
 */
export function checkRequiredPlatforms(rows: Row[], field: string | null, k: CatalogueKnowledge): CatalogueHit[] {
  if (!field) return [];
  const list = findNationalList(field, k);
  const hits: CatalogueHit[] = [];
  for (const req of k.rules.requiredPlatforms) {
    const applies = compactKey(field).includes(compactKey(req.field)) || list?.field === req.field;
    if (!applies) continue;
    rows.forEach((row, i) => {
      if ((row.mode !== "主动" && row.mode !== "both") || row.channels.length === 0 || row.channels.includes(req.platform)) return;
      hits.push({
        rule: "R24", rowIndex: i, field: "channels",
        message: `${req.field}领域的标准指引要求通过“${req.platform}”公开，本事项的公开渠道中没有。请勾选“${req.platform}”。`,
      });
    });
  }
  return hits;
}
