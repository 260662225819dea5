/**
 * Labelled text: "公开时限：及时公开；公开主体：县财政局" — fields in any order, one or several
 * per message, separated by newlines or ；/;, with full- or half-width colons, the template's
 * header names and their common variants.
 */
import { describeElements, type CatalogueKnowledge, type ElementKey } from "../../catalogue/index.js";
import { soundsLike } from "../../knowledge/pinyin-reading.js";
import { compact, isProblem, parseElementValue, typedValue, type RowPatch, type ValueProblem } from "./values.js";

/** What a labelled message said. */
export interface LabelledResult {
  patch: RowPatch;
  /** Elements the message set, in message order. */
  keys: ElementKey[];
  /** The field (领域) when the message has a 领域： line. */
  field?: string;
  /** Values that could not be read. */
  problems: ValueProblem[];
  /** Labels that name no element (e.g. 备注：). */
  unknownLabels: string[];
  /** Labels read by their sound (时线 → 时限), as "时线→时限". */
  soundReadings: string[];
}

type Target = ElementKey | "field" | "specificGroup" | "society";

/** Label key: NFKC, no whitespace, no bracketed remark, no list numbering. */
function labelKey(text: string): string {
  return compact(text)
    .replace(/^(?:\d{1,2}[.、)]|[-*•●])/, "")
    .replace(/\([^)]*\)/g, "")
    .replace(/[【】[\]]/g, "");
}

const labelCache = new WeakMap<CatalogueKnowledge, Map<string, Target>>();

function labels(k: CatalogueKnowledge): Map<string, Target> {
  const cached = labelCache.get(k);
  if (cached) return cached;
  const map = new Map<string, Target>();
  for (const e of describeElements(k)) {
    for (const name of [e.header, e.label, ...e.variants, ...(e.group ? [e.group] : [])]) {
      const key = labelKey(name);
      if (key && !map.has(key)) map.set(key, e.key);
    }
  }
  // Sub-column headers used as labels, and short forms officials write.
  const extra: [string, Target][] = [
    ["公开事项", "level2"],
    ["事项", "level2"],
    ["对象", "audience"],
    ["方式", "mode"],
    ["层级", "levels"],
    ["渠道", "channels"],
    ["载体", "channels"],
    ["期限", "timeLimit"],
    ["公开期限", "timeLimit"],
    ["责任单位", "subject"],
    ["领域", "field"],
    ["所属领域", "field"],
    ["目录领域", "field"],
  ];
  for (const [name, target] of extra) if (!map.has(labelKey(name))) map.set(labelKey(name), target);
  for (const [spelling, value] of k.audience.lookup) {
    map.set(labelKey(spelling), value === "特定群体" ? "specificGroup" : "society");
  }
  labelCache.set(k, map);
  return map;
}

/** Splits on ； ; and newlines outside 《》 and brackets. */
function segments(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of text.replace(/\r\n?/g, "\n")) {
    if ("《（([【“".includes(ch)) depth++;
    else if ("》）)]】”".includes(ch)) depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === "\n" || ch === "；" || ch === ";")) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s !== "");
}

/** A known label that an unknown one (typed by sound, 时线) stands for. */
function labelBySound(label: string, k: CatalogueKnowledge): { name: string; target: Target } | undefined {
  const key = labelKey(label);
  if ([...key].length < 2 || !/^\p{Script=Han}+$/u.test(key)) return undefined;
  for (const [name, target] of labels(k)) if (soundsLike(key, name)) return { name, target };
  return undefined;
}

type Split = { target: Target; value: string; readAs?: string } | { unknown: string };

/** The label of a segment ("公开时限：…" → 公开时限) and its value, if it has a known label. */
function splitLabel(segment: string, k: CatalogueKnowledge): Split | null {
  const m = /^([^:：\n]{1,16})[:：]\s*([\s\S]*)$/.exec(segment);
  if (!m) return null;
  const label = (m[1] as string).trim();
  const value = (m[2] as string).trim();
  const target = labels(k).get(labelKey(label));
  if (target) return { target, value };
  const alike = labelBySound(label, k);
  if (alike) return { target: alike.target, value, readAs: `${label}→${alike.name}` };
  return { unknown: label };
}

/** "不对，" "错了，" opening a correction. */
const WRONG = /^(?:不对|不是的|错了|搞错了|写错了|弄错了|说错了|更正一下|更正)[，,。.！!、\s]+/;
/** "不是相关部门，" before the right value ("不是相关部门，是县自然资源局"). */
const NOT_THAT = /^不是[^，,。；;]{1,40}[，,]\s*(?=而是|是|改成|改为|换成|应该是|应为|应是)/;
/** "改成" "应该是" introducing the right value. */
const CHANGE_TO = /^(?:(?:应该|应当|要|请)?(?:改成|改为|换成|换为|更正为|修改为|改作|写成)|应该是|应当是|应是|应为|而是|是)[:：]?\s*/;

/**
 * The value of a correction without its wording: "不对，改成实时公开" → "实时公开",
 * "不是相关部门，是县自然资源局" → "县自然资源局". A value that is not a correction is returned as is
 * (a bare leading 是 counts only after 不对/不是…, so "是否…" is kept).
 */
export function stripCorrection(value: string): string {
  let rest = value.trim();
  const opened = WRONG.test(rest) || NOT_THAT.test(rest);
  rest = rest.replace(WRONG, "").replace(NOT_THAT, "");
  const m = CHANGE_TO.exec(rest);
  if (m && (opened || !/^是/.test(m[0]))) rest = rest.slice(m[0].length);
  rest = rest.trim();
  return rest === "" ? value.trim() : rest;
}

/** How continuation lines (no label) join the value above them. */
const JOINER: Partial<Record<ElementKey, string>> = { content: "\n", basis: "\n", channels: "、" };

/**
 * Reads a labelled message. Lines without a label continue the value of the label above
 * them (a 公开内容 list written one item per line). Returns null when no known label is present.
 */
export function parseLabelled(text: string, k: CatalogueKnowledge): LabelledResult | null {
  const parts: { target: Target; value: string }[] = [];
  const unknownLabels: string[] = [];
  const soundReadings: string[] = [];
  for (const seg of segments(text)) {
    const found = splitLabel(seg, k);
    if (found && "target" in found) {
      parts.push({ target: found.target, value: found.value });
      if (found.readAs) soundReadings.push(found.readAs);
      continue;
    }
    const last = parts[parts.length - 1];
    if (found && "unknown" in found && !last) {
      unknownLabels.push(found.unknown);
      continue;
    }
    if (!last) continue;
    if (found && "unknown" in found && last.target !== "channels") {
      // "其他：村务公开群" continues a channels list; other unknown labels are reported.
      unknownLabels.push(found.unknown);
      continue;
    }
    const joiner = typeof last.target === "string" && last.target in JOINER ? JOINER[last.target as ElementKey] : "；";
    last.value = last.value ? `${last.value}${joiner}${seg}` : seg;
  }
  if (parts.length === 0) return null;

  const result: LabelledResult = { patch: {}, keys: [], problems: [], unknownLabels, soundReadings };
  let audienceGroup: string | undefined;
  for (const part of parts) {
    const { target } = part;
    const value = stripCorrection(part.value);
    if (target === "field") {
      const field = value.replace(/领域$/, "").trim();
      if (field) result.field = field;
      continue;
    }
    if (target === "society") {
      result.patch.audience = { kind: "全社会" };
      pushKey(result.keys, "audience");
      continue;
    }
    if (target === "specificGroup") {
      audienceGroup = typedValue(value).replace(/^[（(]|[）)]$/g, "").trim();
      result.patch.audience = audienceGroup ? { kind: "特定群体", group: audienceGroup } : { kind: "特定群体" };
      pushKey(result.keys, "audience");
      continue;
    }
    if (target === "seq") continue; // assigned by the bot
    const parsed = parseElementValue(target, value, k);
    if (isProblem(parsed)) {
      result.problems.push(parsed);
      continue;
    }
    Object.assign(result.patch, parsed);
    pushKey(result.keys, target);
  }
  return result;
}

function pushKey(keys: ElementKey[], key: ElementKey): void {
  if (!keys.includes(key)) keys.push(key);
}

