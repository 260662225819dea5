/**
 * Checks on a typed answer to a drafting prompt before it is recorded: a bare number where the
 * prompt offers no such option, and a value that plainly belongs to another element (a deadline
 * typed at the 公开主体 prompt). Either way nothing is recorded and the official is told what was
 * expected, or how to confirm the value with a label.
 */
import { writtenChannels, type CatalogueKnowledge, type ElementKey } from "../../catalogue/index.js";
import type { Step } from "../state.js";
import { compact, elementLabel, meansAllOptions, parseLevels, withoutSpokenEnd } from "./values.js";

/** The number of an answer that is only a number ("8", "８", "第8个"), else undefined. */
export function bareNumber(text: string): number | undefined {
  const m = /^\s*(?:第\s*)?(\d+)\s*(?:个|项|号|条)?\s*[。.]?\s*$/.exec(text.normalize("NFKC"));
  return m ? Number(m[1]) : undefined;
}

/** What to type instead of a number, per step without options. */
const WRITE_INSTEAD: Partial<Record<Step, string>> = {
  level1: "一级事项的名称",
  level2: "二级事项的名称",
  content: "公开内容（要公开的具体要素，如：征收范围、补偿标准）",
  basis: "公开依据（法规政策文件的名称，带书名号）",
  timeLimit: "公开时限（如“信息形成或变更之日起20个工作日内”）",
  subject: "公开主体的名称（单位全称，如“××县自然资源局”）",
  channels: "公开渠道的名称（如：政府网站、两微一端）",
  audience: "公开对象（全社会，或特定群体的名称）",
  mode: "公开方式（主动或依申请）",
  levels: "公开层级（县级、乡级或县级和乡级）",
  group: "具体群体的名称（如：被征地农户）",
  otherChannel: "渠道的名称（如：村务公开微信群）",
};

/**
 * Why a bare number typed at a prompt is not recorded ("" when the text is not a bare number).
 * A number reaches the flow as text only when it did not pick a choice: the prompt has no
 * options, the number is outside them, or the numbered list was replaced by a later message —
 * or the platform shows the options as buttons (Telegram), which carry no numbers.
 * @param optionCount how many options the prompt shows (0 for free text).
 * @param buttons whether the chat's platform shows options as buttons rather than a numbered list.
 */
export function numberRefusal(step: Exclude<Step, "pick">, text: string, optionCount: number, buttons = false): string {
  const n = bareNumber(text);
  if (n === undefined) return "";
  const instead = WRITE_INSTEAD[step] ?? elementLabel(step as ElementKey);
  if (optionCount === 0) return `“${text.trim()}”没有记录：这一步没有编号可选，请直接写${instead}。`;
  if (buttons) return `“${text.trim()}”没有记录：选项在按钮上，请点下面的按钮选择，或直接写${instead}。`;
  if (n < 1 || n > optionCount) return `没有编号为 ${n} 的选项，没有记录。请回复 1–${optionCount} 之间的编号，或直接写${instead}。`;
  return `“${text.trim()}”没有记录：编号只对紧接着列出的选项有效，之前的列表已被后来的消息取代。请按下面重新列出的选项回复编号，或直接写${instead}。`;
}

/** A period or a 实时-type wording: what a 公开时限 is made of. */
const PERIOD = /(?:\d+|[一二两三四五六七八九十百]+)\s*个?\s*(?:工作日|自然日|日|天|个月|月|周|小时)(?:内|以内|之内)?/;
const TIMING = /^(?:实时|及时|即时|适时|随时|长期|常态化|定期)(?:公开|更新|发布)?$/;
/** Words of a body's name (县民政局, 镇政府, 党政办, 司法所, 便民服务中心): a 公开主体, not a 公开层级. */
const UNIT = /[局委办所站]|政府|中心/;
/** Endings of an agency's name (县自然资源局, 某某镇人民政府). */
const AGENCY = /(?:局|人民政府|政府|委员会|管委会|办事处|办公室)$/;

/** The element a typed value plainly belongs to, judged by its shape alone; undefined when unclear. */
export function elementShape(text: string, k: CatalogueKnowledge): ElementKey | undefined {
  const t = withoutSpokenEnd(text);
  const key = compact(t);
  // A sentence is questioned as a sentence (looksLikeSentence), not as a value of another element.
  if (key === "" || [...key].length > 40 || /[，,。！？!?]/.test(key)) return undefined;
  // "都有吧" answers whichever multi-choice prompt is open; it is no other element's shape.
  if (meansAllOptions(t)) return undefined;
  const list = /[、；;]/.test(key);
  if (!list && !key.includes("《") && (TIMING.test(key) || PERIOD.test(key))) return "timeLimit";
  if (k.mode.lookup.has(key)) return "mode";
  if (k.audience.lookup.has(key)) return "audience";
  // 县民政局和乡镇 names bodies, not levels
  if ([...key].length <= 8 && !UNIT.test(key) && parseLevels(key, k)) return "levels";
  const channels = writtenChannels(t, k);
  if (channels.length && channels.every((c) => k.channelLookup.has(compact(c)))) return "channels";
  if (key.startsWith("《") && key.includes("》")) return "basis";
  if (!list && AGENCY.test(key)) return "subject";
  return undefined;
}

/** Steps whose answer is free text that could silently take another element's value. */
const FREE_TEXT_STEPS: ReadonlySet<Step> = new Set<Step>(["level1", "level2", "content", "basis", "timeLimit", "subject", "audience", "group"]);

/** Shapes questioned at each step (a 公开内容 may name a document; a group may be a 村委会). */
const SKIP: Partial<Record<Step, readonly ElementKey[]>> = {
  content: ["basis", "subject"],
  basis: ["subject"],
  subject: [],
  audience: ["subject"],
  group: ["audience", "subject"],
};

/**
 * Why an answer is questioned instead of recorded: it looks like another element's value
 * ("" when it does not). The official confirms with a label, as for a sentence at the 一级事项 prompt.
 */
export function misplacedRefusal(step: Exclude<Step, "pick">, text: string, k: CatalogueKnowledge): string {
  if (!FREE_TEXT_STEPS.has(step)) return "";
  const shape = elementShape(text, k);
  const own: ElementKey = step === "group" ? "audience" : (step as ElementKey);
  if (!shape || shape === own || SKIP[step]?.includes(shape)) return "";
  const typed = text.trim();
  const cleaned = withoutSpokenEnd(typed);
  const other = elementLabel(shape);
  const label = step === "group" ? "特定群体" : elementLabel(step as ElementKey);
  return `“${typed}”看起来是${other}，不像${label}，没有记录。是${other}的话，请发送“${other}：${cleaned}”；确实要用作${label}，请发送“${label}：${typed}”。`;
}
