/**
 * The drafting feature: /draft, /done, /rows, /edit, /delete, the draft's buttons and text
 * answers, and its part of /cancel. In a group a draft belongs to whoever started it: only
 * they or an admin may change, save or drop it (see roles.ts).
 */
import type { CatalogueKnowledge } from "../../catalogue/index.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import type { Logger } from "../../log.js";
import { draftButtons } from "../drafting/buttons.js";
import type { DraftFlow } from "../drafting/draft-flow.js";
import { answerCancelQuestion, cancelDraft, confirmCancel, forgetCancelQuestion, keepDraft } from "../drafting/draft-cancel.js";
import { confirmDelete, deleteRow, editRow, listRows, saveDraftRow } from "../drafting/draft-save.js";
import { parseLabelled } from "../drafting/labelled.js";
import { promptFor } from "../drafting/steps.js";
import type { Feature } from "../feature.js";
import { looksLikeQuestion } from "../intent.js";
import { answerQuestion } from "../qa.js";
import { adminOnlyText, senderLabel } from "../roles.js";
import type { DraftState } from "../state.js";
import type { InboundMessage, Reply } from "../types.js";

export interface DraftingFeatureDeps {
  flow: DraftFlow;
  knowledgeBase: KnowledgeBase;
  catalogue: CatalogueKnowledge;
  logger: Logger;
}

const author = (msg: InboundMessage): DraftState["author"] => ({ id: msg.senderId, name: senderLabel(msg) });

/** Whether the sender may change the draft: its author, an admin, or anyone for a draft of unknown author. */
function mayChange(msg: InboundMessage, draft: DraftState): boolean {
  return msg.isAdmin || !draft.author || draft.author.id === msg.senderId;
}

function notYours(draft: DraftState): Reply[] {
  return [{ text: `这条草稿是${draft.author?.name ?? "其他成员"}起草的：在群里只有起草人或管理员可以修改、保存或放弃它。可以用 /rows 查看已保存的目录。` }];
}

/** Creates the drafting feature over a DraftFlow. */
export function draftingFeature(deps: DraftingFeatureDeps): Feature {
  const { flow } = deps;
  return {
    name: "drafting",
    helpTitle: "📝 起草目录",
    commands: [
      {
        name: "draft",
        description: "起草目录事项：/draft [领域]",
        help: "/draft [领域] — 起草一个二级事项，如 /draft 农村集体土地征收；按提示逐项回答，或一次发送“公开时限：…；公开主体：…”",
        handle: (msg, cmd) => {
          const { field } = flow.resolveField(cmd.args);
          const refusal = field ? flow.fieldChangeRefusal(msg.chatId, field, msg.isAdmin) : "";
          if (refusal) return [{ text: `${refusal}不写领域发送 /draft 即可起草本领域的事项。` }];
          const existing = flow.current(msg.chatId);
          if (existing && field && !mayChange(msg, existing)) return notYours(existing);
          return flow.start(msg.chatId, cmd.args, author(msg));
        },
      },
      {
        name: "done",
        description: "保存正在起草的事项",
        help: "/done — 保存（有错误不能保存，有警告需确认一次）",
        handle: (msg) => {
          const draft = flow.current(msg.chatId);
          if (draft && !mayChange(msg, draft)) return notYours(draft);
          forgetCancelQuestion(flow, msg.chatId, draft);
          return saveDraftRow(flow, msg.chatId);
        },
      },
      { name: "rows", description: "查看本聊天已保存的目录", help: "/rows — 查看已保存的事项", handle: (msg) => listRows(flow, msg.chatId) },
      {
        name: "edit",
        description: "修改第N条：/edit N",
        help: "/edit N — 修改第N条",
        adminOnly: "修改已保存的目录事项",
        handle: (msg, cmd) => editRow(flow, msg.chatId, cmd.args, author(msg)),
      },
      {
        name: "delete",
        description: "删除第N条：/delete N",
        help: "/delete N — 删除第N条（先确认）",
        adminOnly: "删除目录事项",
        handle: (msg, cmd) => deleteRow(flow, msg.chatId, cmd.args),
      },
    ],
    text: {
      scope: "chat",
      handle: async (msg, body) => {
        const chatId = msg.chatId;
        const draft = flow.current(chatId);
        if (draft) {
          // 确认放弃 / 继续填写 typed in answer to /cancel's question (other text forgets it).
          const cancelAnswer = draft.cancelPending && mayChange(msg, draft) ? answerCancelQuestion(flow, chatId, draft, body) : null;
          if (cancelAnswer) return cancelAnswer;
          const labelled = parseLabelled(body, deps.catalogue);
          if (!labelled && looksLikeQuestion(body)) {
            const answer = await answerQuestion(deps.knowledgeBase, body, deps.logger);
            const step = draft.step;
            const prompt = step ? promptFor(step, draft, flow.fieldOf(chatId, draft), deps.catalogue) : undefined;
            const tail = prompt ? `\n\n（草稿还在）${prompt.text}` : "\n\n（草稿还在，发送 /done 保存。）";
            return mayChange(msg, draft) ? [answer, { text: tail.trim(), choices: prompt?.choices }] : [answer];
          }
          if (!mayChange(msg, draft)) return notYours(draft);
          return flow.text(chatId, draft, body, { admin: msg.isAdmin, buttons: msg.capabilities?.buttons === true });
        }
        const labelled = parseLabelled(body, deps.catalogue);
        if (!labelled || labelled.keys.length < 2) return null;
        // A labelled row outside a draft starts one, instead of being asked as a question.
        flow.start(chatId, "", author(msg));
        const fresh = flow.current(chatId);
        if (!fresh) return null;
        const [first, ...rest] = await flow.text(chatId, fresh, body, { admin: msg.isAdmin, buttons: msg.capabilities?.buttons === true });
        return first ? [{ ...first, text: `已为您开始起草新的事项（/cancel 可放弃）。\n${first.text}` }, ...rest] : null;
      },
    },
    buttons: {
      prefix: draftButtons.prefix,
      handle: async (msg, data) => {
        const chatId = msg.chatId;
        const button = draftButtons.unpack(data);
        if (!button) return [{ text: "这个按钮已失效。发送 /help 查看可用的命令。" }];
        if (button.kind === "delete") {
          if (!msg.isAdmin) return [{ text: adminOnlyText("删除目录事项") }];
          return confirmDelete(flow, chatId, button.seq, button.nonce);
        }
        if (button.kind === "keep") return [{ text: "好的，没有删除。", replacesPrevious: true }];
        const draft = flow.current(chatId);
        if (draft && !mayChange(msg, draft)) return notYours(draft);
        if (button.kind === "discard" || button.kind === "resume") {
          if (!draft) return [{ text: "这个按钮对应的草稿已经保存或取消了。", replacesPrevious: true }];
          return button.kind === "discard" ? confirmCancel(flow, chatId, draft, button.nonce) : keepDraft(flow, chatId, draft, true);
        }
        forgetCancelQuestion(flow, chatId, draft);
        if (button.kind === "save") return saveDraftRow(flow, chatId);
        if (button.kind === "force") return saveDraftRow(flow, chatId, { confirm: button.nonce });
        if (!draft) return [{ text: "这个按钮对应的草稿已经保存或取消了。发送 /draft 开始起草新的事项。" }];
        return flow.choice(chatId, draft, button);
      },
    },
    cancel: (msg) => {
      const draft = flow.current(msg.chatId);
      if (!draft) return null;
      if (!mayChange(msg, draft)) return notYours(draft);
      return cancelDraft(flow, msg.chatId, draft);
    },
  };
}
