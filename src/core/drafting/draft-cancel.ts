/**
 * /cancel of a draft: a draft holding recorded values is dropped only after a confirmation
 * (确认放弃 / 继续填写 buttons, a typed answer, or a second /cancel); an empty draft is dropped at
 * once. The question is kept in the draft state (cancelPending), so it survives a restart.
 */
import { loadRows, type DraftState } from "../state.js";
import type { Reply } from "../types.js";
import { draftButtons } from "./buttons.js";
import type { DraftFlow } from "./draft-flow.js";
import { nonceOf } from "./review.js";
import { DRAFT_ELEMENTS, elementLabel, elementText, isFilled } from "./values.js";

/** Typed answers to the question: give the draft up, or keep filling it in. */
const CONFIRM = /^(?:(?:确认|确定)?放弃(?:吧|了)?|确认|确定|是的?|对|算了吧?|不要了|不弄了|不填了|不写了|不搞了|删了吧|删掉吧|[，,、])+[。.！!]*$/;
const KEEP = /^(?:继续填写|继续|接着填|接着填写|不放弃|不要放弃|不|不了|否)[。.！!]*$/;

/** Identifies the draft the question was asked about (a button of an older question does nothing). */
export function cancelNonce(draft: DraftState): string {
  return nonceOf({ row: { ...draft.row, seq: null }, editing: draft.editing ?? null, channels: draft.channels ?? null });
}

/** The elements the official has recorded in the draft (for an edit: those changed since /edit). */
function recorded(flow: DraftFlow, chatId: string, draft: DraftState): string[] {
  if (draft.editing) {
    const saved = loadRows(flow.deps.store, chatId)[draft.editing - 1];
    if (!saved) return [];
    const same = (key: (typeof DRAFT_ELEMENTS)[number]) => nonceOf(saved[key]) === nonceOf(draft.row[key]);
    return DRAFT_ELEMENTS.filter((key) => !same(key)).map((key) => `${elementLabel(key)}：${elementText(draft.row, key)}`);
  }
  const lines = DRAFT_ELEMENTS.filter((key) => isFilled(draft.row, key)).map((key) => `${elementLabel(key)}：${elementText(draft.row, key)}`);
  // Channels ticked in the multi-select but not yet confirmed with 完成 are work too.
  if (!isFilled(draft.row, "channels") && draft.channels?.length) lines.push(`公开渠道和载体（未点完成）：${draft.channels.join("、")}`);
  return lines;
}

/** Drops the draft and says so. */
function discard(flow: DraftFlow, chatId: string, draft: DraftState, replacesPrevious = false): Reply[] {
  flow.save(chatId, undefined);
  const text = draft.editing ? `已放弃对第${draft.editing}条的修改，原内容不变。` : "已放弃正在起草的事项。已保存的目录不受影响。";
  return [{ text, replacesPrevious }];
}

/** The confirmation question with its buttons (also shown when the draft is resumed after a restart). */
export function cancelQuestion(flow: DraftFlow, chatId: string, draft: DraftState): Reply {
  const lines = recorded(flow, chatId, draft);
  const what = draft.editing ? `对第${draft.editing}条的修改` : "正在起草的这条事项";
  const kept = draft.editing ? `第${draft.editing}条将保持修改前的内容，以下改动不再保留：` : "已填写的以下内容将不再保留：";
  const nonce = draft.cancelPending ?? cancelNonce(draft);
  return {
    text: [
      `确定要放弃${what}吗？${kept}`,
      lines.join("\n"),
      "",
      "请选择“确认放弃”或“继续填写”（也可以直接回复“确认放弃”或“继续填写”；再次发送 /cancel 也是确认放弃）。",
    ].join("\n"),
    choices: [
      [
        { label: "🗑 确认放弃", data: draftButtons.pack({ kind: "discard", nonce }) },
        { label: "↩️ 继续填写", data: draftButtons.pack({ kind: "resume" }) },
      ],
    ],
  };
}

/**
 * /cancel with a draft open: drops a draft with nothing recorded; otherwise asks to confirm and
 * remembers the question in the draft. A second /cancel about the same draft confirms.
 */
export function cancelDraft(flow: DraftFlow, chatId: string, draft: DraftState): Reply[] {
  if (recorded(flow, chatId, draft).length === 0) return discard(flow, chatId, draft);
  const nonce = cancelNonce(draft);
  if (draft.cancelPending === nonce) return discard(flow, chatId, draft);
  draft.cancelPending = nonce;
  flow.save(chatId, draft);
  return [cancelQuestion(flow, chatId, draft)];
}

/**
 * 确认放弃 (the button, or typed with `typed`): drops the draft only if it is still the one the
 * question was about; a question left from before a change drops nothing.
 */
export function confirmCancel(flow: DraftFlow, chatId: string, draft: DraftState, nonce: string, typed = false): Reply[] {
  if (draft.cancelPending !== nonce || cancelNonce(draft) !== nonce) {
    if (draft.cancelPending && cancelNonce(draft) !== draft.cancelPending) {
      draft.cancelPending = undefined;
      flow.save(chatId, draft);
    }
    const what = typed ? "这个放弃的确认" : "这个“确认放弃”按钮";
    return [{ text: `${what}已过期（草稿在那之后有改动，或已经选择了继续填写），草稿没有放弃。要放弃请重新发送 /cancel。` }];
  }
  return discard(flow, chatId, draft, !typed);
}

/** Going on with the draft (/done, /draft, another draft button) answers the question: a later /cancel asks again. */
export function forgetCancelQuestion(flow: DraftFlow, chatId: string, draft: DraftState | undefined): void {
  if (!draft?.cancelPending) return;
  draft.cancelPending = undefined;
  flow.save(chatId, draft);
}

/** The 继续填写 button (or a typed 继续): forgets the question and asks for the next step again. */
export function keepDraft(flow: DraftFlow, chatId: string, draft: DraftState, replacesPrevious = false): Reply[] {
  draft.cancelPending = undefined;
  flow.save(chatId, draft);
  const resume = flow.resume(chatId, draft);
  return [{ ...resume, text: `好的，草稿保留，继续填写。\n\n${resume.text}`, replacesPrevious }];
}

/**
 * Text sent while the question is open: 确认放弃 / 继续填写 (and their plain forms) answer it;
 * anything else forgets the question (null: handle the text as usual — the draft is kept).
 */
export function answerCancelQuestion(flow: DraftFlow, chatId: string, draft: DraftState, text: string): Reply[] | null {
  if (!draft.cancelPending) return null;
  const typed = text.trim().normalize("NFKC").replace(/\s+/g, "");
  if (CONFIRM.test(typed)) return confirmCancel(flow, chatId, draft, draft.cancelPending, true);
  if (KEEP.test(typed)) return keepDraft(flow, chatId, draft);
  forgetCancelQuestion(flow, chatId, draft);
  return null;
}
