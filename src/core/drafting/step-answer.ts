/** A typed answer to the step a draft waits for: checked, read as the step's element, recorded. */
import type { DraftState, Step } from "../state.js";
import type { Reply } from "../types.js";
import { misplacedRefusal, numberRefusal } from "./answer-check.js";
import type { DraftFlow } from "./draft-flow.js";
import { stripCorrection } from "./labelled.js";
import { channelChoices, channelsByNumber, looksLikeSentence, optionsFor, promptFor } from "./steps.js";
import { applyPatch, elementLabel, elementText, isProblem, parseElementValue, typedValue } from "./values.js";

/** "不要" at the 其他 name prompt: drop 其他 instead of naming it. */
const NO_OTHER = /^(?:不要|不用|不需要|取消|没有|无|算了)(?:其他|其它)?[了。.！!]*$/;

/** The prompt again after an answer that was not recorded, with why. */
function again(flow: DraftFlow, chatId: string, draft: DraftState, step: Step, why: string): Reply[] {
  const prompt = promptFor(step, draft, flow.fieldOf(chatId, draft), flow.deps.knowledge);
  return [{ text: `${why}\n\n${prompt.text}`, choices: prompt.choices }];
}

/**
 * Records the answer `typed` to `step`, or says why it was not recorded and asks again: a bare
 * number without such an option, another element's value, an unreadable value, a sentence as an
 * item name. A correction's wording is dropped ("改成实时公开" answering "当前公开时限：…").
 * @param buttons whether the platform shows the step's options as buttons (a typed number then picks none).
 */
export function answerStep(flow: DraftFlow, chatId: string, draft: DraftState, step: Exclude<Step, "pick">, typed: string, buttons = false): Reply[] {
  let text = stripCorrection(typed);
  const f = flow.fieldOf(chatId, draft);
  const k = flow.deps.knowledge;
  const chosen = draft.channels ?? draft.row.channels;
  const optionCount = step === "channels" ? channelChoices(f, k, chosen).length : step === "group" || step === "otherChannel" ? 0 : optionsFor(step, f, k).length;
  const unusable = numberRefusal(step, text, optionCount, buttons) || misplacedRefusal(step, text, k);
  if (unusable) return again(flow, chatId, draft, step, unusable);
  if (step === "group") {
    const group = typedValue(text).replace(/^[（(]|[）)]$/g, "").slice(0, 100);
    return flow.change(chatId, draft, { audience: { kind: "特定群体", group } }, `已记录：公开对象＝特定群体（${group}）`);
  }
  if (step === "otherChannel") {
    if (NO_OTHER.test(text.trim())) {
      const channels = draft.row.channels.filter((c) => c !== "其他");
      return flow.change(chatId, draft, { channels }, channels.length ? `已取消“其他”。公开渠道和载体＝${channels.join("、")}` : "已取消“其他”。");
    }
    const name = typedValue(text).replace(/^其他[:：]?/, "").slice(0, 60);
    const channels = draft.row.channels.map((c) => (c === "其他" ? `其他：${name}` : c));
    return flow.change(chatId, draft, { channels }, `已记录：其他渠道＝${name}`);
  }
  const numbered = step === "channels" ? channelsByNumber(text, f, k, chosen) : undefined;
  if (numbered && "refused" in numbered) return again(flow, chatId, draft, step, numbered.refused);
  if (numbered) text = numbered.channels;
  const parsed = parseElementValue(step, text, k);
  if (isProblem(parsed)) return again(flow, chatId, draft, step, parsed.message);
  const label = elementLabel(step);
  // text naming no option while options are ticked (被征地农户 typed after 政府网站、公示栏) is no
  // new list of channels: the ticks stay
  const typedChannels = step === "channels" && !numbered ? (parsed.channels ?? []) : [];
  if (chosen.length && typedChannels.length && typedChannels.every((c) => !k.channelNames.includes(c) && !c.startsWith("其他"))) {
    return again(flow, chatId, draft, step, `“${text.trim()}”不是公开渠道的选项，没有记录，已勾选的${chosen.join("、")}仍保留。是模板以外的渠道的话，请发送“其他：${text.trim()}”；是公开对象的话，先点“完成”，再在下一步填写。`);
  }
  if ((step === "level1" || step === "level2") && looksLikeSentence(text)) {
    return again(flow, chatId, draft, step, `这像是一句说明，不像事项名称，没有记录。确认用作${label}吗？确认请发送“${label}：${text.trim()}”；否则请填写简短的事项名称。`);
  }
  if (step === "channels") draft.channels = undefined;
  return flow.change(chatId, draft, parsed, `已记录：${label}＝${elementText(applyPatch(draft.row, parsed), step)}`);
}
