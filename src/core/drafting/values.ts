/**
 * Reading one element's value from what an official typed, and telling which elements of a
 * draft are still missing. Pure functions over the catalogue model.
 */
import { z } from "zod";
import {
  ELEMENT_KEYS,
  ELEMENTS,
  splitList,
  type Audience,
  type CatalogueKnowledge,
  type ElementKey,
  type Level,
  type Mode,
  type Row,
} from "../../catalogue/index.js";
import { parseChannelAnswer } from "./channel-answer.js";

/** An element the official fills in (序号 is assigned by the bot). */
export type DraftElement = Exclude<ElementKey, "seq">;

/** Elements the official fills in, in template order. */
export const DRAFT_ELEMENTS: readonly DraftElement[] = ELEMENTS.map((e) => e.key).filter((k): k is DraftElement => k !== "seq");

/** The drafting element keys as a schema (for stored state). */
export const draftElementSchema = z.enum(ELEMENT_KEYS).exclude(["seq"]);

/** Type guard: a drafting element key. */
export function isDraftElement(key: string): key is DraftElement {
  return (DRAFT_ELEMENTS as readonly string[]).includes(key);
}

/** A partial update of a draft row. */
export type RowPatch = Partial<Pick<Row, DraftElement>>;

/** Short Chinese label of an element for conversation. */
export function elementLabel(key: ElementKey): string {
  return ELEMENTS.find((e) => e.key === key)?.label ?? key;
}

/** True when the element holds a usable value (a 特定群体 without its group still counts as set: R13 reports it). */
export function isFilled(row: Row, key: ElementKey): boolean {
  switch (key) {
    case "seq":
      return true;
    case "level1":
    case "level2":
    case "timeLimit":
    case "subject":
      return row[key].trim() !== "";
    case "content":
    case "basis":
    case "channels":
      return row[key].length > 0;
    case "audience":
      return row.audience.kind !== "none";
    case "mode":
      return row.mode !== "none";
    case "levels":
      return row.levels.length > 0;
  }
}

/** Elements of the draft still blank, in template order. */
export function missingElements(row: Row): DraftElement[] {
  return DRAFT_ELEMENTS.filter((k) => !isFilled(row, k));
}

/** Closing punctuation and sentence particles ending a typed value ("县政府办吧。", "全社会呢"). */
const TYPED_END = /(?:[\s\u3000。.；;，,、！!？?～~…]|[吧啊呢呀哈嘛])+$/;

/**
 * A typed value without surrounding blanks, closing punctuation or a closing sentence particle:
 * "县政府办吧" → "县政府办", "20个工作日内啊。" → "20个工作日内"; particles inside the text stay.
 */
export function typedValue(text: string): string {
  return text.replace(/^[\s\u3000]+/, "").replace(TYPED_END, "").trim();
}

/** Compact key: NFKC, no whitespace (full/half-width agnostic). */
export function compact(text: string): string {
  return text.normalize("NFKC").replace(/[\s\u3000]+/g, "");
}

/**
 * "All of them" said colloquially at a prompt with fixed options (公开对象, 公开方式, 公开层级):
 * 都有吧, 两种都要, 两个都, 两级都要, 全都要, 都选, 全部.
 */
const ALL_OF_THEM = /^(?:(?:两[种个样者级项类]?(?:方式|层级)?|二者|俩|这两[种个样项级]?)?(?:全都|都|全部都?)(?:有|要|是|行|可以|需要|公开|选|勾|勾选|算|对)?|全选|全部)(?:吧|呀|啊|的|嘛|了|哈)*$/;

/** "…都要" after the options themselves ("县级和乡级都要", "主动依申请都有"). */
const ALL_SUFFIX = /(?:全都|都)(?:有|要|是|行|可以|需要|公开|选)?(?:吧|呀|啊|的|嘛|了|哈)*$/;

/** True when an answer means every option of the prompt ("都有吧", "两个都要"). */
export function meansAllOptions(text: string): boolean {
  return ALL_OF_THEM.test(compact(typedValue(text)).replace(/[。.！!～~]+$/, ""));
}

/** Modal particles and filler ending a chat answer ("30个工作日内吧", "乡级吧"). */
const TRAILING_FILLER = /[吧啊呀呢嘛哈哦噢的了]+$/;

/** A chat answer without its closing full stop and spoken particles ("30个工作日内吧。" → "30个工作日内"). */
export function withoutSpokenEnd(text: string): string {
  return text.trim().replace(/[。.！!]+$/, "").replace(TRAILING_FILLER, "");
}

/**
 * The options typed, without a trailing "都要/都有" after them ("县级和乡级都要" → "县级和乡级")
 * or a spoken particle ("乡级吧" → "乡级").
 */
function optionsTyped(text: string): string {
  const t = typedValue(text);
  const rest = t.replace(ALL_SUFFIX, "");
  return (rest !== "" && rest !== t ? rest : t).replace(TRAILING_FILLER, "");
}

/**
 * Reads 公开对象: 全社会, 特定群体（group）, 特定群体：group, or a group's name alone; "都有吧"
 * reads as both (kind "both", which R14 forbids: parseElementValue refuses it).
 */
export function parseAudience(text: string, k: CatalogueKnowledge): Audience | null {
  const t = typedValue(text);
  if (t === "") return null;
  if (meansAllOptions(t)) return { kind: "both" };
  const whole = k.audience.lookup.get(compact(t));
  if (whole === "全社会") return { kind: "全社会" };
  if (whole === "特定群体") return { kind: "特定群体" };
  // "特定群体（被征地农户）", "特定群体：被征地农户", "特定群众 被征地农户"
  for (const [spelling, value] of [...k.audience.lookup.entries()].sort((a, b) => b[0].length - a[0].length)) {
    const key = compact(t);
    if (!key.startsWith(spelling)) continue;
    const rest = key.slice(spelling.length).replace(/^[:：(（,，、-]+|[)）]+$/g, "");
    if (value === "特定群体") return rest ? { kind: "特定群体", group: rest } : { kind: "特定群体" };
    if (value === "全社会" && rest === "") return { kind: "全社会" };
  }
  return { kind: "特定群体", group: t };
}

/** Reads 公开方式: 主动, 依申请, or both (also said as "都有吧", "两种都要"). */
export function parseMode(text: string, k: CatalogueKnowledge): Mode | null {
  if (meansAllOptions(text)) return "both";
  const parts = optionsTyped(text)
    .split(/[、，,;；/／\s和及与]+/)
    .map((p) => k.mode.lookup.get(compact(p)))
    .filter((v): v is string => v !== undefined);
  const set = new Set(parts);
  if (set.has("主动") && set.has("依申请")) return "both";
  if (set.has("主动")) return "主动";
  if (set.has("依申请")) return "依申请";
  return null;
}

/** Reads 公开层级: 县级, 乡级 or both ("县级和乡级", "县乡两级", "县级、乡级", "都有吧"). */
export function parseLevels(text: string, k: CatalogueKnowledge): Level[] | null {
  if (meansAllOptions(text)) return ["县级", "乡级"];
  const t = compact(optionsTyped(text));
  if (t === "") return null;
  if (/^县乡(两级|二级)?$|^县、?乡(两级)?$|^两级$|^县级乡级$/.test(t)) return ["县级", "乡级"];
  const found = new Set<string>();
  for (const p of t.split(/[、，,;；/／和及与]+/)) {
    const v = k.levels.lookup.get(p);
    if (v) found.add(v);
  }
  if (found.size === 0) {
    const v = k.levels.lookup.get(t);
    if (v) found.add(v);
  }
  const levels = (["县级", "乡级"] as const).filter((l) => found.has(l));
  return levels.length ? levels : null;
}

/** Why a typed value could not be used for an element. */
export interface ValueProblem {
  key: ElementKey;
  message: string;
}

/**
 * Reads `text` as the value of element `key`.
 * @returns the patch to apply, or a problem with a Chinese explanation.
 */
export function parseElementValue(key: ElementKey, text: string, k: CatalogueKnowledge): RowPatch | ValueProblem {
  const t = typedValue(text);
  if (t === "") return { key, message: `“${elementLabel(key)}”的内容是空的，请重新填写。` };
  switch (key) {
    case "level1":
    case "level2":
    case "timeLimit":
    case "subject":
      return { [key]: t.replace(/\s*\n\s*/g, "") };
    case "content":
    case "basis": {
      const items = splitList(t, key);
      return items.length ? { [key]: items } : { key, message: `没有读出“${elementLabel(key)}”的条目，请用“、”或换行分隔。` };
    }
    case "channels": {
      const channels = parseChannelAnswer(t, k);
      return channels.length ? { channels } : { key, message: "没有读出公开渠道，请用“、”分隔，如：政府网站、两微一端。" };
    }
    case "audience": {
      const audience = parseAudience(text, k);
      // The template takes one 公开对象 (R14), unlike 公开方式 and 公开层级.
      if (audience?.kind === "both") return { key, message: `“${t}”没有记录：公开对象只能选一项。面向所有人的选“全社会”；只面向部分人的选“特定群体”，并写明具体群体（如：被征地农户）。` };
      return audience ? { audience } : { key, message: "公开对象请填“全社会”或“特定群体（写明具体群体）”。" };
    }
    case "mode": {
      const mode = parseMode(text, k);
      return mode ? { mode } : { key, message: "公开方式请填“主动”或“依申请”。" };
    }
    case "levels": {
      const levels = parseLevels(text, k);
      return levels ? { levels } : { key, message: "公开层级请填“县级”“乡级”或“县级和乡级”。" };
    }
    case "seq":
      return { key, message: "序号由系统按保存顺序自动编号，无需填写。" };
  }
}

/** Type guard for a ValueProblem. */
export function isProblem(v: RowPatch | ValueProblem): v is ValueProblem {
  return "message" in v && "key" in v;
}

/** An element's value as chat text ("（未填）" when blank). */
export function elementText(row: Row, key: ElementKey): string {
  if (!isFilled(row, key)) return "（未填）";
  switch (key) {
    case "content":
    case "basis":
    case "channels":
      return row[key].join("、");
    case "audience":
      return row.audience.kind === "特定群体"
        ? `特定群体${row.audience.group ? `（${row.audience.group}）` : "（未写明群体）"}`
        : row.audience.kind === "both"
          ? "全社会、特定群体"
          : row.audience.kind;
    case "mode":
      return row.mode === "both" ? "主动、依申请" : row.mode;
    case "levels":
      return row.levels.join("、");
    default:
      return String(row[key] ?? "");
  }
}

/** One line per element: how the draft row reads now. */
export function describeRow(row: Row): string {
  return DRAFT_ELEMENTS.map((k) => `${elementLabel(k)}：${elementText(row, k)}`).join("\n");
}

/** Applies a patch to a row (a new object). */
export function applyPatch(row: Row, patch: RowPatch): Row {
  return { ...row, ...patch };
}
