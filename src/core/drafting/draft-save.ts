/**
 * Saving a draft (/done: errors block, warnings need one confirmation) and the commands over
 * saved rows: /rows, /edit N, /delete N.
 */
import { loadRows, type DraftState } from "../state.js";
import type { Reply } from "../types.js";
import type { DraftFlow } from "./draft-flow.js";
import { fieldConflict } from "./draft-start.js";
import { formatFindings } from "./findings.js";
import { draftButtons } from "./buttons.js";
import { confirmNonce, draftSeq, hasErrors, nonceOf, reviewDraft, warningSignature } from "./review.js";
import { promptFor } from "./steps.js";
import { describeRow, elementLabel, missingElements } from "./values.js";

/**
 * /done (or the 保存 / 仍然保存 buttons): saves the draft when it has no error; with warnings,
 * the first /done asks for confirmation and a second /done saves.
 * @param o.confirm the nonce of a 仍然保存 button ({kind: "force"}): saves only when it is the
 *   confirmation pending for exactly this draft; an out-of-date button saves nothing.
 */
export function saveDraftRow(flow: DraftFlow, chatId: string, o: { confirm?: string } = {}): Reply[] {
  const { store, knowledge } = flow.deps;
  const draft = flow.current(chatId);
  if (!draft) return [{ text: "当前没有正在起草的事项。发送 /draft 开始起草，/rows 查看已保存的目录。" }];
  const field = flow.fieldOf(chatId, draft);
  const missing = missingElements(draft.row);
  if (missing.length) {
    draft.step = missing[0];
    flow.save(chatId, draft);
    const prompt = promptFor(missing[0] as NonNullable<typeof draft.step>, draft, field, knowledge);
    return [{ text: `还不能保存，以下要素尚未填写：${missing.map(elementLabel).join("、")}。\n\n${prompt.text}`, choices: prompt.choices }];
  }
  // Another field's rows may have been saved since the draft started (a group, two members).
  const conflict = draft.field ? fieldConflict(flow, chatId, draft.field, draft.editing) : "";
  if (conflict) return [{ text: `还不能保存：${conflict}` }];
  const saved = loadRows(store, chatId);
  const findings = reviewDraft(draft, saved, field, knowledge, true);
  if (hasErrors(findings)) {
    return [
      {
        text: `还不能保存，请先修改以下错误：\n${formatFindings(findings)}\n\n修改方法：发送“要素名：新内容”，如“公开时限：信息形成或变更之日起20个工作日内”。`,
        choices: [[{ label: "✏️ 修改某一项", data: draftButtons.pack({ kind: "pick" }) }]],
      },
    ];
  }
  const signature = warningSignature(findings);
  const nonce = confirmNonce(signature, draft);
  if (o.confirm !== undefined && (o.confirm !== nonce || draft.confirmPending !== signature)) {
    return [{ text: "这个“仍然保存”按钮已过期（草稿在那之后有改动，或已换成另一条草稿），没有保存。请发送 /done 重新校验后再保存。" }];
  }
  const confirmed = signature === "" || o.confirm === nonce || draft.confirmedWarnings === signature || draft.confirmPending === signature;
  if (!confirmed) {
    draft.confirmPending = signature;
    flow.save(chatId, draft);
    return [
      {
        text: `这一条还有以下警告：\n${formatFindings(findings)}\n\n建议先修改。确认仍要保存吗？再次发送 /done 或点“仍然保存”。`,
        choices: [
          [
            { label: "💾 仍然保存", data: draftButtons.pack({ kind: "force", nonce }) },
            { label: "✏️ 继续修改", data: draftButtons.pack({ kind: "pick" }) },
          ],
        ],
      },
    ];
  }
  const row = { ...draft.row, seq: null };
  delete row.sheetRow;
  let seq: number;
  if (draft.editing && store.replaceRow(chatId, draft.editing, row)) seq = draft.editing;
  else seq = store.addRow(chatId, row);
  // The field given with /draft becomes the catalogue's with the saved row (not before: a
  // cancelled draft leaves the catalogue as it was).
  if (draft.field && draft.field !== flow.field(chatId)) store.setSetting(chatId, "field", draft.field);
  flow.save(chatId, undefined);
  const total = store.countRows(chatId);
  const warned = signature ? `（含 ${findings.length} 条已确认的警告）` : "";
  return [
    {
      text: `✅ 已保存为第${seq}条${warned}：${row.level1} / ${row.level2}\n目录共 ${total} 条。发送 /draft 起草下一条，/rows 查看目录，/export 导出表格。`,
    },
  ];
}

/** /rows: the chat's saved rows, one line each. */
export function listRows(flow: DraftFlow, chatId: string): Reply[] {
  const rows = loadRows(flow.deps.store, chatId);
  const field = flow.field(chatId);
  const draft = flow.current(chatId);
  const draftNote = draft ? `\n\n另有一条未保存的草稿（第${draftSeq(draft, rows.length)}条），发送 /done 保存。` : "";
  if (rows.length === 0) return [{ text: `本聊天的目录还没有保存的事项。发送 /draft 开始起草。${draftNote}` }];
  const lines = rows.map((r) => `${r.seq}. ${r.level1} / ${r.level2}（${r.subject}，${r.timeLimit}）`);
  const shown = lines.length > 60 ? [...lines.slice(0, 60), `……共 ${lines.length} 条，完整内容请 /export 导出。`] : lines;
  return [{ text: `${field ? `${field}领域` : ""}目录共 ${rows.length} 条：\n${shown.join("\n")}\n\n/edit N 修改第N条，/delete N 删除第N条，/export 导出表格。${draftNote}` }];
}

function parseIndex(arg: string): number | null {
  const t = arg.trim().normalize("NFKC").replace(/^第|条$/g, "");
  return /^\d{1,5}$/.test(t) ? Number(t) : null;
}

/** /edit N: loads saved row N into the draft for changes; /done writes it back. */
export function editRow(flow: DraftFlow, chatId: string, arg: string, author?: DraftState["author"]): Reply[] {
  const n = parseIndex(arg);
  const rows = loadRows(flow.deps.store, chatId);
  if (n === null) return [{ text: "用法：/edit N（N 是 /rows 列出的序号），如 /edit 2。" }];
  const row = rows[n - 1];
  if (!row) return [{ text: `没有第${n}条。目录共 ${rows.length} 条，发送 /rows 查看。` }];
  const existing = flow.current(chatId);
  if (existing) {
    return [{ text: `您还有一条未保存的草稿${existing.editing ? `（第${existing.editing}条的修改）` : ""}。请先 /done 保存或 /cancel 放弃，再修改第${n}条。` }];
  }
  const draft: DraftState = { row: { ...row, seq: null }, editing: n, step: "pick", author };
  flow.save(chatId, draft);
  const prompt = promptFor("pick", draft, flow.fieldOf(chatId, draft), flow.deps.knowledge);
  return [{ text: `正在修改第${n}条：\n${describeRow(row)}\n\n${prompt.text}\n改完发送 /done 保存，/cancel 放弃修改。`, choices: prompt.choices }];
}

/** /delete N: shows saved row N and asks to confirm with a button (nothing is deleted yet). */
export function deleteRow(flow: DraftFlow, chatId: string, arg: string): Reply[] {
  const n = parseIndex(arg);
  if (n === null) return [{ text: "用法：/delete N（N 是 /rows 列出的序号），如 /delete 2。" }];
  const rows = loadRows(flow.deps.store, chatId);
  const row = rows[n - 1];
  if (!row) return [{ text: `没有第${n}条。目录共 ${rows.length} 条，发送 /rows 查看。` }];
  if (flow.current(chatId)?.editing === n) return [{ text: `第${n}条正在修改中，请先 /cancel 放弃修改再删除。` }];
  return [
    {
      text: `确定要删除第${n}条吗？\n${describeRow(row)}\n\n删除后后面的事项序号依次前移。`,
      choices: [
        [
          { label: `🗑 确认删除第${n}条`, data: draftButtons.pack({ kind: "delete", seq: n, nonce: nonceOf(row) }) },
          { label: "↩️ 不删除", data: draftButtons.pack({ kind: "keep" }) },
        ],
      ],
    },
  ];
}

/**
 * The confirmation button of /delete: removes saved row `seq` (later rows move up) if it is
 * still the row that was shown (`nonce`); a button left from before other changes deletes nothing.
 */
export function confirmDelete(flow: DraftFlow, chatId: string, seq: number, nonce: string): Reply[] {
  const rows = loadRows(flow.deps.store, chatId);
  const row = rows[seq - 1];
  if (!row || nonceOf(row) !== nonce) return [{ text: "目录在那之后有改动，这个删除按钮已失效，没有删除任何事项。请发送 /rows 查看后重新 /delete。", replacesPrevious: true }];
  const draft = flow.current(chatId);
  if (draft?.editing === seq) return [{ text: `第${seq}条正在修改中，请先 /cancel 放弃修改再删除。` }];
  if (!flow.deps.store.deleteRow(chatId, seq)) return [{ text: `没有第${seq}条。`, replacesPrevious: true }];
  if (draft?.editing && draft.editing > seq) flow.save(chatId, { ...draft, editing: draft.editing - 1 });
  return [{ text: `已删除第${seq}条：${row.level1} / ${row.level2}。后面的事项序号依次前移，目录现有 ${rows.length - 1} 条。`, replacesPrevious: true }];
}
