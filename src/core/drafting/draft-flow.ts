/**
 * Drafting by conversation: guided steps in template order, labelled text in any order, LLM
 * extraction shown for confirmation, the validator after every change. State lives in the
 * store, so a restart continues where the conversation was.
 */
import { emptyRow, sortChannels, type CatalogueKnowledge, type ElementKey } from "../../catalogue/index.js";
import type { Logger } from "../../log.js";
import type { PilotField } from "../../knowledge/fields.js";
import type { ChatStore } from "../../store/chat-store.js";
import { chatField, loadDraft, loadRows, saveDraft, type DraftState } from "../state.js";
import type { Reply } from "../types.js";
import { resolveField, type FieldReading } from "./field.js";
import { cancelQuestion } from "./draft-cancel.js";
import { fieldConflict, startDraft } from "./draft-start.js";
import { formatFindings } from "./findings.js";
import { parseLabelled, type LabelledResult } from "./labelled.js";
import { answerStep } from "./step-answer.js";
import { ExtractionError, extractionLines, type ExtractedLine, type RowExtractor } from "./llm-extract.js";
import { hasErrors, nonceOf, reviewDraft, warningSignature } from "./review.js";
import { channelAt, channelKeyboard, completeChoices, completeText, looksLikeProse, nextStep, optionsFor, promptFor } from "./steps.js";
import { applyPatch, describeRow, elementLabel, elementText, isProblem, parseElementValue, type RowPatch } from "./values.js";
import { draftButtons, type DraftButton } from "./buttons.js";

export interface DraftDeps {
  store: ChatStore;
  knowledge: CatalogueKnowledge;
  /** The 26 pilot fields (knowledge/fields.yaml): a field typed by a variant gets its official name. */
  fields?: PilotField[];
  extractor?: RowExtractor;
  logger: Logger;
}

/** The finding a step's own question is about: 其他 without a name (R11), 特定群体 without the group (R13). */
const ASKED_BY_STEP: Partial<Record<string, string>> = { otherChannel: "R11", group: "R13" };

/** The conversation part of drafting; saving and the catalogue commands are in draft-save.ts. */
export class DraftFlow {
  constructor(readonly deps: DraftDeps) {}

  /** The chat's draft, if one is in progress. */
  current(chatId: string): DraftState | undefined {
    return loadDraft(this.deps.store, chatId, (err) => this.deps.logger.warn({ err, chatId }, "damaged draft dropped"));
  }

  /** Stores the draft. */
  save(chatId: string, draft: DraftState | undefined): void {
    saveDraft(this.deps.store, chatId, draft);
  }

  /** The chat's saved field (领域): the catalogue's. */
  field(chatId: string): string | null {
    return chatField(this.deps.store, chatId);
  }

  /** The field a draft is written for: the one given with /draft, else the catalogue's. */
  fieldOf(chatId: string, draft: DraftState | undefined): string | null {
    return draft?.field ?? this.field(chatId);
  }

  /** Reads a field (领域) typed by the official (see resolveField). */
  resolveField(text: string, retype?: (field: string) => string): FieldReading {
    return resolveField(text, this.deps.fields, this.deps.knowledge, retype);
  }

  /**
   * Why this official may not set the draft's field to `field` ("" when they may): only an
   * admin changes a field the chat's catalogue already has (isChatAdmin; always in private).
   */
  fieldChangeRefusal(chatId: string, field: string, admin: boolean): string {
    const saved = this.field(chatId);
    return !admin && saved !== null && saved !== field ? `在群里只有管理员可以更改本群目录的领域（现为“${saved}”）。` : "";
  }

  /** /draft [领域]: see startDraft. */
  start(chatId: string, fieldArg: string, author?: DraftState["author"]): Reply[] {
    return startDraft(this, chatId, fieldArg, author);
  }

  /** The draft as it stands and what it waits for (after a restart, /start, /draft). */
  resume(chatId: string, draft: DraftState): Reply {
    // An unanswered /cancel question is what the draft waits for.
    if (draft.cancelPending) return cancelQuestion(this, chatId, draft);
    const f = this.fieldOf(chatId, draft);
    const step = draft.step ?? nextStep(draft.row);
    const title = draft.editing ? `正在修改第${draft.editing}条：` : "未保存的草稿：";
    // A complete draft's summary has its own heading (全部要素已填写 / 第N条修改后的内容).
    if (!step) return this.completeReply(chatId, draft, "");
    const prompt = promptFor(step, draft, f, this.deps.knowledge);
    return { text: `${title}\n${describeRow(draft.row)}\n\n${prompt.text}`, choices: prompt.choices };
  }

  /** Text while a draft is open: labelled fields, prose for the LLM, or the answer to the current step. */
  async text(chatId: string, draft: DraftState, text: string, o: { admin: boolean; buttons?: boolean } = { admin: true }): Promise<Reply[]> {
    const labelled = parseLabelled(text, this.deps.knowledge);
    if (labelled && (labelled.keys.length || labelled.field || labelled.problems.length)) {
      return this.applyLabelled(chatId, draft, labelled, "", o.admin);
    }
    const step = draft.step ?? nextStep(draft.row);
    if (this.deps.extractor && looksLikeProse(text, step)) return this.extract(chatId, draft, text, o.admin);
    if (!step || step === "pick") {
      return [this.completeReply(chatId, draft, "没有识别出要修改的要素。要修改某一项，请发送“要素名：新内容”，如“公开时限：…”。")];
    }
    return answerStep(this, chatId, draft, step, text, o.buttons);
  }

  private applyLabelled(chatId: string, draft: DraftState, r: LabelledResult, note: string, admin: boolean): Reply[] {
    const notes = [note];
    if (r.keys.length) {
      const row = applyPatch(draft.row, r.patch);
      const saved = r.keys.map((key) => `${elementLabel(key)}＝${elementText(row, key)}`);
      notes.push(saved.length === 1 ? `已记录：${saved[0]}` : `已记录：\n${saved.join("\n")}`);
    }
    if (r.soundReadings.length) notes.push(`（标签按读音理解：${r.soundReadings.join("、")}）`);
    if (r.field) {
      const { field, note } = this.resolveField(r.field, (f) => `领域：${f}`);
      const refusal = field ? this.fieldChangeRefusal(chatId, field, admin) || fieldConflict(this, chatId, field, draft.editing) : note;
      if (refusal) notes.push(`⚠ ${refusal}`);
      else if (field) {
        draft.field = field;
        notes.push(note);
      }
    }
    for (const p of r.problems) notes.push(`⚠ ${p.message}`);
    if (r.unknownLabels.length) notes.push(`未识别的标签：${r.unknownLabels.join("、")}（可用的标签如：一级事项、二级事项、公开内容、公开依据、公开时限、公开主体、公开渠道、公开对象、公开方式、公开层级）`);
    if (r.keys.includes("channels")) draft.channels = undefined;
    return this.change(chatId, draft, r.patch, notes.filter(Boolean).join("\n"));
  }

  private async extract(chatId: string, draft: DraftState, text: string, admin: boolean): Promise<Reply[]> {
    const extractor = this.deps.extractor as RowExtractor;
    let lines: ExtractedLine[] = [];
    try {
      lines = extractionLines(await extractor(text));
    } catch (err) {
      const reason = err instanceof ExtractionError ? err.reason : "智能识别出错";
      const fallback = parseLabelled(text, this.deps.knowledge);
      const note = `（${reason}，已改用“标签：内容”格式识别。）`;
      if (fallback && fallback.keys.length) return this.applyLabelled(chatId, draft, fallback, note, admin);
      return [this.stepReply(chatId, draft, `${note}\n没有识别出带标签的要素。请逐项回答，或按“公开时限：…；公开主体：…”的格式发送。`)];
    }
    const proposal = parseLabelled(lines.map((l) => `${l.label}：${l.text}`).join("\n"), this.deps.knowledge);
    // Values outside a closed vocabulary (e.g. 公开层级“省级”) are left out of the proposal: say so.
    const rejected = (proposal?.problems ?? []).flatMap((p) => lines.filter((l) => l.key === p.key).map((l) => `${l.label}“${l.text}”`));
    const unrecognised = rejected.length ? `未能识别：${rejected.join("、")}（没有列入，可稍后逐项填写）。` : "";
    if (!proposal || proposal.keys.length === 0) {
      return [this.stepReply(chatId, draft, [unrecognised, "没有从这段话中识别出目录要素。请逐项回答，或按“公开时限：…；公开主体：…”的格式发送。"].filter(Boolean).join("\n"))];
    }
    draft.extraction = proposal.patch;
    this.save(chatId, draft);
    const preview = describeRow(applyPatch(emptyRow(null), proposal.patch))
      .split("\n")
      .filter((line) => !line.endsWith("（未填）"))
      .join("\n");
    return [
      {
        text: `我从您的描述中识别出以下内容（尚未写入草稿），请确认：\n${preview}${unrecognised ? `\n\n${unrecognised}` : ""}`,
        choices: [
          [
            { label: "✅ 采用", data: draftButtons.pack({ kind: "extraction", adopt: true, nonce: nonceOf(proposal.patch) }) },
            { label: "✖ 不采用", data: draftButtons.pack({ kind: "extraction", adopt: false, nonce: nonceOf(proposal.patch) }) },
          ],
        ],
      },
    ];
  }

  /** A pressed button of the draft (save and delete buttons are handled in draft-save.ts). */
  async choice(chatId: string, draft: DraftState, button: DraftButton): Promise<Reply[]> {
    const k = this.deps.knowledge;
    const f = this.fieldOf(chatId, draft);
    switch (button.kind) {
      case "value": {
        const key = button.key;
        const value = optionsFor(key, f, k)[button.index];
        if (value === undefined) return [this.stepReply(chatId, draft, "这个选项已失效，请重新选择。")];
        if (key === "audience" && value === "特定群体") {
          const group = draft.row.audience.kind === "特定群体" ? draft.row.audience.group : undefined;
          return this.change(chatId, draft, { audience: group ? { kind: "特定群体", group } : { kind: "特定群体" } }, "已记录：公开对象＝特定群体");
        }
        const parsed = parseElementValue(key, value, k);
        if (isProblem(parsed)) return [this.stepReply(chatId, draft, parsed.message)];
        return this.change(chatId, draft, parsed, `已记录：${elementLabel(key)}＝${value}`);
      }
      case "channel": {
        const name = channelAt(button.index, k);
        if (!name) return [this.stepReply(chatId, draft, "这个选项已失效，请重新选择。")];
        const chosen = new Set(draft.channels ?? draft.row.channels);
        const isOther = (c: string) => c === "其他" || c.startsWith("其他：");
        if (name === "其他" && [...chosen].some(isOther)) [...chosen].filter(isOther).forEach((c) => chosen.delete(c));
        else if (chosen.has(name)) chosen.delete(name);
        else chosen.add(name);
        draft.channels = sortChannels([...chosen], k);
        draft.step = "channels";
        this.save(chatId, draft);
        const prompt = promptFor("channels", draft, f, k);
        return [{ text: `${prompt.text}\n已选：${draft.channels.join("、") || "（无）"}`, choices: channelKeyboard(f, k, draft.channels), replacesPrevious: true }];
      }
      case "channelsDone": {
        const channels = draft.channels ?? draft.row.channels;
        if (channels.length === 0) return [this.stepReply(chatId, draft, "请至少选择一个公开渠道。")];
        draft.channels = undefined;
        return this.change(chatId, draft, { channels }, `已记录：公开渠道和载体＝${channels.join("、")}`);
      }
      case "extraction": {
        const patch = draft.extraction;
        // The buttons name the extraction they were shown with: an older message's button must
        // not adopt (or discard) a newer, unseen extraction.
        if (!patch || button.nonce !== nonceOf(patch)) return [this.stepReply(chatId, draft, "这个识别结果的按钮已过期（已有更新的识别结果或已处理），草稿未改动。")];
        draft.extraction = undefined;
        if (button.adopt) return this.change(chatId, draft, patch, `已采用：${Object.keys(patch).map((key) => elementLabel(key as ElementKey)).join("、")}`);
        this.save(chatId, draft);
        return [this.stepReply(chatId, draft, "已放弃识别结果，草稿未改动。")];
      }
      case "pick": {
        draft.step = "pick";
        this.save(chatId, draft);
        return [promptFor("pick", draft, f, k)];
      }
      case "element": {
        const key = button.key;
        draft.step = key;
        this.save(chatId, draft);
        const prompt = promptFor(key, draft, f, k);
        return [{ ...prompt, text: `当前${elementLabel(key)}：${elementText(draft.row, key)}\n${prompt.text}` }];
      }
      default:
        return [this.stepReply(chatId, draft, "这个按钮已失效。")];
    }
  }

  /** Applies a patch, validates, stores, and replies with the findings and the next step. */
  change(chatId: string, draft: DraftState, patch: RowPatch, ack: string): Reply[] {
    draft.row = applyPatch(draft.row, patch);
    draft.confirmPending = undefined;
    draft.cancelPending = undefined;
    draft.step = nextStep(draft.row);
    this.save(chatId, draft);
    return [this.stepReply(chatId, draft, ack, Object.keys(patch) as ElementKey[])];
  }

  /**
   * The findings on the draft so far and the question for its next step. Errors and findings on
   * the elements just changed are shown in full; the others are only counted.
   */
  stepReply(chatId: string, draft: DraftState, ack: string, changed?: readonly ElementKey[]): Reply {
    const f = this.fieldOf(chatId, draft);
    const step = draft.step ?? nextStep(draft.row);
    if (!step) return this.completeReply(chatId, draft, ack);
    // While the bot asks for the name of 其他 (the specific group), R11 (R13) is that very question.
    const asking = ASKED_BY_STEP[step];
    const findings = reviewDraft(draft, loadRows(this.deps.store, chatId), f, this.deps.knowledge, false).filter((x) => x.rule !== asking);
    // an error is shown in full once, with the step that made it; after that it is counted, as the rest
    const shown = changed ? findings.filter((x) => x.field !== null && changed.includes(x.field)) : findings;
    const rest = findings.filter((x) => !shown.includes(x));
    const errors = rest.filter((x) => x.severity === "error");
    const lines: string[] = [];
    if (shown.length) lines.push(`校验结果：\n${formatFindings(shown)}`);
    else if (changed?.length) lines.push("校验：刚填写的内容没有发现问题。");
    if (rest.length) {
      const rules = (xs: typeof rest) => [...new Set(xs.map((x) => x.rule))].join("、");
      lines.push(`另有 ${rest.length} 条问题尚未修改（${rules(rest)}${errors.length ? `；其中错误 ${errors.length} 条（${rules(errors)}），不改无法保存` : ""}），保存前会一并列出。`);
    }
    const block = lines.join("\n");
    const prompt = promptFor(step, draft, f, this.deps.knowledge);
    return { text: [ack, block, prompt.text].filter(Boolean).join("\n\n"), choices: prompt.choices };
  }

  /** The full draft with its findings and the save / edit buttons. */
  completeReply(chatId: string, draft: DraftState, ack: string): Reply {
    const findings = reviewDraft(draft, loadRows(this.deps.store, chatId), this.fieldOf(chatId, draft), this.deps.knowledge, true);
    const errors = hasErrors(findings);
    const warnings = warningSignature(findings) !== "";
    const advice = errors
      ? "有错误，暂不能保存：请按提示修改（如发送“公开时限：…”），或点“修改某一项”。"
      : warnings
        ? "有警告：建议修改；确认无误也可以发送 /done 保存（需再确认一次）。"
        : "校验未发现问题，发送 /done 或点“保存”即可保存。";
    const block = findings.length ? `校验结果：\n${formatFindings(findings)}` : "";
    return {
      text: [ack, completeText(draft.row, draft.editing), block, advice].filter(Boolean).join("\n\n"),
      choices: completeChoices(!errors),
    };
  }
}
