/**
 * The guided steps of drafting: what the bot asks for each element, the choices it offers
 * (closed vocabularies, the channel multi-select, suggestions of official wording), and how a
 * pressed choice maps back to a value.
 */
import { findNationalList, type CatalogueKnowledge, type ElementKey, type Row } from "../../catalogue/index.js";
import type { Choice, Reply } from "../types.js";
import type { DraftState, Step } from "../state.js";
import { draftButtons } from "./buttons.js";
import { describeRow, DRAFT_ELEMENTS, elementLabel, missingElements } from "./values.js";

/** The standard 公开时限 wording (政府信息公开条例 第二十六条: 20 working days from forming or change). */
export const STANDARD_TIME_LIMIT = "信息形成或变更之日起20个工作日内";

/** Options offered as buttons for an element (empty: free text only). */
export function optionsFor(key: ElementKey, field: string | null, k: CatalogueKnowledge): string[] {
  switch (key) {
    case "level1":
      return findNationalList(field, k)?.level1 ?? [];
    case "level2":
      return findNationalList(field, k)?.level2 ?? [];
    case "timeLimit":
      return [STANDARD_TIME_LIMIT, "实时公开"];
    case "audience":
      return [...k.audience.values];
    case "mode":
      return [...k.mode.values];
    case "levels":
      return ["县级", "乡级", "县级和乡级"];
    default:
      return [];
  }
}

/** Channels shown in the multi-select: template options, the field's platforms, then 其他. */
export function channelChoices(field: string | null, k: CatalogueKnowledge, chosen: readonly string[]): string[] {
  const platforms = k.platforms
    .filter((p) => chosen.includes(p.name) || (field !== null && p.fields.some((f) => field.includes(f))))
    .map((p) => p.name);
  return [...k.channelOptions.filter((o) => o !== "其他"), ...platforms, "其他"];
}

/**
 * Several list numbers typed at the channel multi-select ("1 10", "1、3、5"): the channels they
 * number in the list shown, joined as typed names; or why not, when one is not on the list.
 * Undefined for anything else.
 */
export function channelsByNumber(text: string, field: string | null, k: CatalogueKnowledge, chosen: readonly string[]): { channels: string } | { refused: string } | undefined {
  if (!/^\s*\d+(?:\s*[\s,，、]\s*\d+)+\s*$/.test(text)) return undefined;
  const numbers = text.match(/\d+/g)!.map(Number);
  const shown = channelChoices(field, k, chosen);
  const missing = numbers.filter((n) => !shown[n - 1]);
  if (missing.length) return { refused: `没有编号为 ${missing.join("、")} 的渠道，请按列表中的编号选择（1–${shown.length}）。` };
  return { channels: numbers.map((n) => shown[n - 1]).join("、") };
}

/** Stable index of a channel for button data: position in channelNames, or -1 for 其他. */
export function channelIndex(name: string, k: CatalogueKnowledge): number {
  return name === "其他" ? -1 : k.channelNames.indexOf(name);
}

/** The channel a button index stands for. */
export function channelAt(index: number, k: CatalogueKnowledge): string | undefined {
  return index === -1 ? "其他" : k.channelNames[index];
}

const HINTS: Record<ElementKey, string> = {
  seq: "",
  level1: "公开事项的大类，一般用国家标准指引中的一级事项名称。",
  level2: "具体的公开事项名称，应与国务院部门指引中的表述一致。",
  content: "需要公开的具体要素，多个用“、”或换行分隔，如：征收范围、土地现状、征收目的。",
  basis: "法律法规或政策文件的名称（带书名号），多个用“、”或换行分隔，不需要写具体条款。",
  timeLimit: "要写明具体期限，如“信息形成或变更之日起20个工作日内”，不要只写“及时公开”。",
  subject: "具体负责公开的单位，写单位全称，如“××县××局”“××镇人民政府”，不要写“相关部门”。",
  channels: "可多选，选好后点“完成”；也可以直接输入，如：政府网站、两微一端、其他：村务公开群。",
  audience: "选“特定群体”后需写明具体群体。",
  mode: "主动公开还是依申请公开。",
  levels: "在县级公开、乡级公开，还是两级都公开。",
};

function rowsOf<T>(items: T[], perRow: number): T[][] {
  const rows: T[][] = [];
  for (let i = 0; i < items.length; i += perRow) rows.push(items.slice(i, i + perRow));
  return rows;
}

function perRowFor(options: string[]): number {
  const longest = Math.max(...options.map((o) => [...o].length));
  return longest > 12 ? 1 : longest > 5 ? 2 : 3;
}

/** The channel multi-select keyboard with ☑/☐ marks and a 完成 button. */
export function channelKeyboard(field: string | null, k: CatalogueKnowledge, chosen: readonly string[]): Choice[][] {
  const isChosen = (name: string) => (name === "其他" ? chosen.some((c) => c === "其他" || c.startsWith("其他：")) : chosen.includes(name));
  const buttons = channelChoices(field, k, chosen).map((name) => ({
    label: `${isChosen(name) ? "☑" : "☐"} ${name}`,
    data: draftButtons.pack({ kind: "channel", index: channelIndex(name, k) }),
  }));
  return [...rowsOf(buttons, 2), [{ label: "✅ 完成", data: draftButtons.pack({ kind: "channelsDone" }) }]];
}

/** The question for one step, with its choices. */
export function promptFor(step: Step, draft: DraftState, field: string | null, k: CatalogueKnowledge): Reply {
  if (step === "group") return { text: "公开对象为特定群体，请写明具体群体（如：被征地农户、低保对象）。" };
  if (step === "otherChannel") return { text: "您选择了“其他”渠道，请写明渠道名称（如：村务公开微信群）；不需要“其他”请回复“不要”。" };
  if (step === "pick") {
    const buttons = DRAFT_ELEMENTS.map((key) => ({ label: elementLabel(key), data: draftButtons.pack({ kind: "element", key }) }));
    return { text: "要修改哪一项？也可以直接发送“要素名：新内容”。", choices: rowsOf(buttons, 3) };
  }
  const label = elementLabel(step);
  if (step === "channels") {
    const chosen = draft.channels ?? draft.row.channels;
    return { text: `请选择【${label}】：${HINTS.channels}`, choices: channelKeyboard(field, k, chosen) };
  }
  const options = optionsFor(step, field, k);
  let text = `请填写【${label}】：${HINTS[step]}`;
  if ((step === "level1" || step === "level2") && options.length) {
    text += `\n下面是国家指引（${field}领域）中的名称，可直接选用：`;
  } else if (step === "level1" || step === "level2") {
    // Without the field's item list nothing checks this name: say so rather than imply a check.
    text += field
      ? `\n（本助手没有收录“${field}”领域国家指引的事项清单，这一栏的名称不做核对，请对照指引原文填写。）`
      : "\n（未设定目录领域，这一栏的名称不做核对。）";
  } else if (step === "timeLimit") {
    text += "\n可选用下面的规范表述：";
  }
  const choices = options.length
    ? rowsOf(
        options.map((o, i) => ({ label: o, data: draftButtons.pack({ kind: "value", key: step, index: i }) })),
        perRowFor(options),
      )
    : undefined;
  return choices ? { text, choices } : { text };
}

/** The summary shown when every element is filled. */
export function completeText(row: Row, editing: number | undefined): string {
  const head = editing ? `第${editing}条修改后的内容：` : "全部要素已填写：";
  return `${head}\n${describeRow(row)}`;
}

/** Buttons under a complete draft: save (when allowed) and edit one element. */
export function completeChoices(canSave: boolean): Choice[][] {
  const row: Choice[] = [];
  if (canSave) row.push({ label: "💾 保存", data: draftButtons.pack({ kind: "save" }) });
  row.push({ label: "✏️ 修改某一项", data: draftButtons.pack({ kind: "pick" }) });
  return [row];
}

/** Texts this long with sentence punctuation read as prose for the LLM (when configured). */
const PROSE_MIN_CHARS = 30;

/** The step a draft waits for next, or undefined when every element is filled. */
export function nextStep(row: Row): Step | undefined {
  if (row.audience.kind === "特定群体" && !row.audience.group?.trim()) return "group";
  if (row.channels.includes("其他")) return "otherChannel";
  return missingElements(row)[0];
}

/** Prose (for the LLM) rather than the short answer to one step. */
export function looksLikeProse(text: string, step: Step | undefined): boolean {
  if (step === "content" || step === "basis" || step === "group" || step === "otherChannel") return false;
  const n = [...text.trim()].length;
  return n >= 80 || (n >= PROSE_MIN_CHARS && /[，。,.！]/.test(text));
}

/** Longest text read as an item name (一级/二级事项) without asking; the national names are far shorter. */
const NAME_MAX_CHARS = 24;

/** A sentence rather than an item name: sentence punctuation, or longer than any item name. */
export function looksLikeSentence(text: string): boolean {
  const t = text.trim();
  return /[，。！；,!;]/.test(t) || [...t].length > NAME_MAX_CHARS;
}
