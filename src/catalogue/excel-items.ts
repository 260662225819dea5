/**
 * How sheet lines become items on import: section rows that name a field ("一、城乡规划"),
 * and items printed over several lines (a merged or blank 序号 continuing the item above, e.g.
 * a second 公开时限 and 公开对象 for a second stage) joined into one item.
 */
import type { CatalogueKnowledge } from "./knowledge.js";
import type { Row } from "./schema.js";
import { compactKey, normalizeCellText } from "./text.js";

const SECTION_NUMBER = /^\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2}|[（(][一二三四五六七八九十\d]{1,3}[）)])\s*[、.．:：]?\s*/;

/** Header texts of a column naming each item's field. */
export const FIELD_HEADERS = new Set(["领域", "所属领域", "公开领域", "事项领域", "领域名称", "试点领域"]);

/** A field name as written in a section row or a 领域 cell, without numbering, brackets and 领域. */
export function cleanFieldName(text: string): string {
  return normalizeCellText(text)
    .replace(SECTION_NUMBER, "")
    .replace(/[（(][^）)]*[）)]$/, "")
    .replace(/(?:基层政务公开标准目录|政务公开标准目录|标准目录)$/, "")
    .replace(/领域$/, "")
    .trim();
}

/** True when `name` is a known field (national name, variant or a common misnomer) or says 领域. */
function looksLikeField(text: string, k: CatalogueKnowledge): boolean {
  if (/领域\s*$/.test(text.replace(/[（(][^）)]*[）)]$/, ""))) return true;
  const key = compactKey(cleanFieldName(text));
  if (key.length < 2) return false;
  return k.rules.officialFields.some((f) => compactKey(f) === key) || k.rules.fieldMisnomers.has(key) || k.nationalLists.some((l) => [l.field, ...l.aliases].some((a) => compactKey(a) === key));
}

/**
 * The field a section row names ("一、城乡规划", "城乡规划领域", a merged row across the table),
 * or null when the line is not a section row: it holds one distinct text that names a field.
 */
export function sectionField(texts: string[], k: CatalogueKnowledge): string | null {
  const distinct = [...new Set(texts.map((t) => t.trim()).filter(Boolean))];
  if (distinct.length !== 1) return null;
  const text = distinct[0] as string;
  return looksLikeField(text, k) ? cleanFieldName(text) : null;
}

/** True when line `next` continues item `prev` (its 序号 merged or blank, its 二级事项 blank, merged or the same). */
export function continues(prev: { seqText: string; level2: string }, next: { seqText: string; seqMerged: boolean; level2: string; level2Merged: boolean }): boolean {
  const seqContinues = next.seqMerged || next.seqText.trim() === "" || compactKey(next.seqText) === compactKey(prev.seqText);
  const sameItem = next.level2.trim() === "" || next.level2Merged || compactKey(next.level2) === compactKey(prev.level2);
  return seqContinues && sameItem && (next.seqMerged || prev.seqText.trim() !== "");
}

function joinText(a: string, b: string): string {
  if (b.trim() === "" || compactKey(a) === compactKey(b)) return a;
  return a.trim() === "" ? b : `${a}\n${b}`;
}

/**
 * Adds a continuation line to its item: texts that differ are added on a new line (a second
 * stage's 公开时限), lists and channels joined, marks kept from the first line unless it had none.
 */
export function mergeLine(item: Row, line: Row): void {
  item.level2 = joinText(item.level2, line.level2);
  item.timeLimit = joinText(item.timeLimit, line.timeLimit);
  item.subject = joinText(item.subject, line.subject);
  for (const key of ["content", "basis"] as const) {
    const extra = line[key].filter((x) => !item[key].includes(x));
    if (extra.length === 0) continue;
    item[key] = [...item[key], ...extra];
    const originals = [item.original?.[key], line.original?.[key]].filter((t): t is string => Boolean(t));
    item.original = { ...item.original, [key]: originals.join("\n") };
  }
  item.channels = [...new Set([...item.channels, ...line.channels])];
  if (item.audience.kind === "none") item.audience = line.audience;
  else if (line.audience.kind === "特定群体" && line.audience.group && item.audience.kind === "特定群体" && item.audience.group !== line.audience.group) {
    item.audience = { kind: "特定群体", group: joinText(item.audience.group ?? "", line.audience.group) };
  }
  if (item.mode === "none") item.mode = line.mode;
  item.levels = (["县级", "乡级"] as const).filter((l) => item.levels.includes(l) || line.levels.includes(l));
  item.lines = [...(item.lines ?? []), ...(line.sheetRow ? [line.sheetRow] : [])];
  if (line.crossed) item.crossed = [...(item.crossed ?? []), ...line.crossed];
}
