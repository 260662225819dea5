/**
 * Starting a draft (/draft [领域]) and the one-field-per-chat rule: a chat's catalogue is the
 * catalogue of one field (the export's title and R17/R18/R24 depend on it), so a draft of another
 * field is never saved into it and saved rows are never relabelled.
 */
import { emptyRow, unlistedFieldNote } from "../../catalogue/index.js";
import type { DraftState, Step } from "../state.js";
import type { Reply } from "../types.js";
import type { DraftFlow } from "./draft-flow.js";
import { forgetCancelQuestion } from "./draft-cancel.js";
import { nextStep, promptFor } from "./steps.js";

/**
 * Why `field` cannot become the chat's field ("" when it can): the chat's catalogue already
 * holds saved rows of another field. `editing` (the row being edited) does not count.
 */
export function fieldConflict(flow: DraftFlow, chatId: string, field: string, editing?: number): string {
  const saved = flow.field(chatId);
  const others = flow.deps.store.countRows(chatId) - (editing ? 1 : 0);
  if (saved === null || saved === field || others <= 0) return "";
  const checks = unlistedFieldNote(saved, flow.deps.knowledge) ? "导出标题和领域要求的核对" : "导出标题和 R17/R18/R24 核对";
  return [
    `本聊天的目录是“${saved}”领域，已保存 ${others} 条。一个聊天只保存一个领域的目录（${checks}都按这个领域），“${field}”领域的事项不能存进来，已保存的事项也不会改成“${field}”领域。`,
    `要起草“${field}”领域的目录，请在另一个群或与我私聊发送 /draft ${field}。`,
    "（如本聊天的目录已不再需要，可先 /export 导出留存，再用 /delete N 逐条删除，之后即可更换领域。）",
  ].join("\n");
}

/** What saving a draft of `field` does to saved rows that have no field yet ("" when nothing). */
function labelsSavedRows(flow: DraftFlow, chatId: string, field: string | undefined): string {
  const n = flow.deps.store.countRows(chatId);
  if (!field || n === 0 || flow.field(chatId) !== null) return "";
  return `注意：本聊天已保存的 ${n} 条事项还没有领域，保存这一条后它们将一并归入“${field}”领域（导出标题按此领域）。`;
}

/**
 * /draft [领域]: starts a new row, or shows the one in progress. A field given here is kept with
 * the draft and becomes the catalogue's only when the row is saved, so /cancel leaves the saved
 * catalogue exactly as it was. A field that is not one of the 26 (and not confirmed), or another
 * field than the saved rows', starts nothing: the reply says why and what to send instead.
 */
export function startDraft(flow: DraftFlow, chatId: string, fieldArg: string, author?: DraftState["author"]): Reply[] {
  const reading = flow.resolveField(fieldArg);
  const existing = flow.current(chatId);
  if (existing) {
    // /draft says the official goes on with the draft: an open /cancel question is dropped.
    forgetCancelQuestion(flow, chatId, existing);
    const resume = flow.resume(chatId, existing);
    const current = flow.fieldOf(chatId, existing);
    const asked = reading.field ?? fieldArg.trim();
    const other =
      asked && asked !== current
        ? `没有为“${asked}”另开新稿：这条草稿${current ? `仍是“${current}”领域` : "还没有设定领域"}。请先 /done 保存或 /cancel 放弃它，再发送 /draft ${asked}${existing.editing ? "" : `；如只是要把这条草稿改为“${asked}”领域，请发送“领域：${asked}”`}。\n`
        : "";
    return [{ ...resume, text: `您还有一条未保存的草稿，继续填写即可（放弃请发送 /cancel）。\n${other}\n${resume.text}` }];
  }
  if (reading.status === "near" || reading.status === "unknown") return [{ text: reading.note }];
  const field = reading.field;
  const conflict = field ? fieldConflict(flow, chatId, field) : "";
  if (conflict) return [{ text: conflict }];
  const draft: DraftState = { row: emptyRow(null), field, author };
  const f = flow.fieldOf(chatId, draft);
  const seq = flow.deps.store.countRows(chatId) + 1;
  const intro = [
    `开始起草第${seq}条${f ? `（${f}领域）` : ""}。`,
    reading.note && reading.note !== `目录领域：${f}` ? reading.note : "",
    unlistedFieldNote(f, flow.deps.knowledge),
    labelsSavedRows(flow, chatId, field),
    "可以按提示逐项回答，也可以一次发送多项，例如：",
    "公开时限：信息形成或变更之日起20个工作日内；公开方式：主动",
    flow.deps.extractor ? "也可以用一段话描述这个事项，我会识别后请您确认。" : "",
    f ? "" : "提示：发送 /draft 领域名称（如 /draft 农村集体土地征收）可设定目录领域，用于导出标题；已收录国家指引事项清单的领域还会核对事项名称。",
    "随时发送 /done 保存、/cancel 放弃。",
  ].filter(Boolean);
  const step = nextStep(draft.row) as Step;
  draft.step = step;
  flow.save(chatId, draft);
  const prompt = promptFor(step, draft, f, flow.deps.knowledge);
  return [{ text: `${intro.join("\n")}\n\n${prompt.text}`, choices: prompt.choices }];
}
