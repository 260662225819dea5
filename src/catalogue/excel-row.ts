/** One sheet line's cells → a row of the model (spec §4 layouts: marks, single columns, option columns). */
import { parseChannelCell } from "./channels-cell.js";
import type { ColumnRole } from "./excel-header.js";
import { canonicalChannel, sortChannels, type CatalogueKnowledge } from "./knowledge.js";
import { emptyRow, type Audience, type Level, type Mode, type Row } from "./schema.js";
import { compactKey, normalizeCellText, parseSeq, readMark, splitList } from "./text.js";

function readAudience(society: boolean, specific: boolean, group: string): Audience {
  const g = group.trim();
  if (society && specific) return g ? { kind: "both", group: g } : { kind: "both" };
  if (society) return { kind: "全社会" };
  if (specific) return g ? { kind: "特定群体", group: g } : { kind: "特定群体" };
  return { kind: "none" };
}

function singleAudience(text: string, k: CatalogueKnowledge): Audience {
  const t = text.trim();
  if (t === "") return { kind: "none" };
  const parts = t.split(/[、，,;；\n]+/).map((p) => p.trim()).filter(Boolean);
  let society = false;
  let specific = false;
  let group = "";
  for (const p of parts) {
    const v = k.audience.lookup.get(compactKey(p));
    if (v === "全社会") society = true;
    else if (v === "特定群体") specific = true;
    else {
      const m = /^(特定群体|特定群众|特定对象)\s*[:：（(]?\s*(.*?)[）)]?$/.exec(p);
      specific = true;
      group = m ? (m[2] as string) : p;
    }
  }
  return readAudience(society, specific, group);
}

function singleMode(text: string): Mode {
  const active = /主动/.test(text);
  const onRequest = /依申请/.test(text);
  return active && onRequest ? "both" : active ? "主动" : onRequest ? "依申请" : "none";
}

function singleLevels(text: string, k: CatalogueKnowledge): Level[] {
  const out = new Set<Level>();
  for (const p of text.split(/[、，,;；\n和及]+/)) {
    const v = k.levels.lookup.get(compactKey(p)) as Level | undefined;
    if (v) out.add(v);
    else if (/县/.test(p)) out.add("县级");
    else if (/[乡镇街]/.test(p)) out.add("乡级");
  }
  return (["县级", "乡级"] as const).filter((l) => out.has(l));
}

/** Builds one row from the texts of its mapped columns. */
export function buildRow(texts: string[], roles: Map<number, ColumnRole>, k: CatalogueKnowledge): Row {
  const row = emptyRow();
  let society = false;
  let specific = false;
  let group = "";
  let active = false;
  let onRequest = false;
  const levels = new Set<Level>();
  const channels: string[] = [];
  const crossed: NonNullable<Row["crossed"]> = [];
  for (const [c, role] of roles) {
    const text = texts[c] ?? "";
    switch (role.kind) {
      case "element":
        if (role.key === "seq") Object.assign(row, parseSeq(text));
        else if (role.key === "content" || role.key === "basis") {
          row[role.key] = splitList(text, role.key);
          if (text.trim() !== "") row.original = { ...row.original, [role.key]: normalizeCellText(text) };
        } else if (role.key === "channels") {
          channels.push(...parseChannelCell(text, k));
          if (text.trim() !== "") row.original = { ...row.original, channels: normalizeCellText(text) };
        }
        else row[role.key] = text.trim();
        break;
      case "channelOption": {
        const mark = readMark(text, k.marks);
        if (mark.crossed) crossed.push({ key: "channels", column: role.channel, mark: mark.crossed });
        if (mark.marked) channels.push(role.channel === "其他" && mark.rest ? canonicalChannel(`其他：${mark.rest}`, k) : role.channel);
        break;
      }
      case "value": {
        const mark = readMark(text, k.marks);
        if (mark.crossed) crossed.push({ key: role.key, column: role.value, mark: mark.crossed });
        if (!mark.marked) break;
        if (role.key === "audience") {
          if (role.value === "全社会") society = true;
          else {
            specific = true;
            group = mark.rest;
          }
        } else if (role.key === "mode") {
          if (role.value === "主动") active = true;
          else onRequest = true;
        } else levels.add(role.value as Level);
        break;
      }
      case "single":
        if (role.key === "audience") row.audience = singleAudience(text, k);
        else if (role.key === "mode") row.mode = singleMode(text);
        else row.levels = singleLevels(text, k);
        break;
      case "extra":
        if (text.trim() !== "") row.extras = { ...row.extras, [role.header]: text.trim() };
        break;
    }
  }
  const has = (kind: ColumnRole["kind"], key: string): boolean => [...roles.values()].some((r) => r.kind === kind && "key" in r && r.key === key);
  if (has("value", "audience")) row.audience = readAudience(society, specific, group);
  if (has("value", "mode")) row.mode = active && onRequest ? "both" : active ? "主动" : onRequest ? "依申请" : "none";
  if (has("value", "levels")) row.levels = (["县级", "乡级"] as const).filter((l) => levels.has(l));
  row.channels = sortChannels(channels, k);
  if (crossed.length) row.crossed = crossed;
  return row;
}

