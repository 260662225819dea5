/**
 * The channel-agnostic bot core: InboundMessage → intent → Q&A | drafting | extensions
 * (nudges) → Reply[]. Imports no channel. Messages of one chat are handled one at a time;
 * chats never see each other's state.
 */
import type { CatalogueKnowledge } from "../catalogue/index.js";
import type { PilotField } from "../knowledge/fields.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Logger } from "../log.js";
import type { ChatStore } from "../store/chat-store.js";
import { CORE_COMMANDS, helpText, type CommandInfo } from "./commands.js";
import { DraftFlow } from "./drafting/draft-flow.js";
import { deleteRow, editRow, listRows, saveDraftRow } from "./drafting/draft-save.js";
import { parseLabelled } from "./drafting/labelled.js";
import type { RowExtractor } from "./drafting/llm-extract.js";
import { promptFor } from "./drafting/steps.js";
import { classify, looksLikeQuestion, MAX_TEXT_CHARS, type Intent } from "./intent.js";
import { answerQuestion } from "./qa.js";
import { rememberChoicesFor, resolveNumberedChoice } from "./render.js";
import { loadConversation, saveConversation } from "./state.js";
import type { InboundMessage, Reply } from "./types.js";
import { checkWorkbook, exportCatalogue } from "./workbooks.js";

/** A feature plugged into the core (e.g. nudges): its commands, help and handler. */
export interface CoreExtension {
  commands: readonly CommandInfo[];
  /** A section for /help. */
  help?: string;
  /** Handles the message or returns null to let the core route it on. */
  handle(msg: InboundMessage): Promise<Reply[] | null>;
  /** On /cancel: ends the sender's session in this extension, if any, saying so; null when there was none. */
  cancel?(msg: InboundMessage): Reply[] | null;
}

export interface BotCoreDeps {
  store: ChatStore;
  knowledgeBase: KnowledgeBase;
  catalogue: CatalogueKnowledge;
  /** The 26 pilot fields, to name a chat's field officially (optional). */
  fields?: PilotField[];
  logger: Logger;
  maxUploadBytes: number;
  /** LLM row extraction (undefined without an LLM). */
  extractor?: RowExtractor;
  extensions?: CoreExtension[];
}

export interface BotCore {
  /** Handles one message; never throws (errors become a Chinese apology). */
  handle(msg: InboundMessage): Promise<Reply[]>;
  /** What a channel shows when a chat starts (or the process restarts): greeting, help, any unfinished draft. */
  greeting(chatId: string, chatType: InboundMessage["chatType"]): Reply[];
  /** Whether the core would act on this message (lets a channel skip downloading an ignored file). */
  accepts(msg: InboundMessage): boolean;
  /** Every command for the channel's menu (setMyCommands). */
  commands(): CommandInfo[];
}

const FAILURE = "抱歉，处理这条消息时出错了。您的草稿和目录都已保存，没有丢失；请稍后再试，或发送 /help 查看用法。";

/** Creates the bot core. */
export function createBotCore(deps: BotCoreDeps): BotCore {
  const flow = new DraftFlow({ store: deps.store, knowledge: deps.catalogue, fields: deps.fields, extractor: deps.extractor, logger: deps.logger });
  const wb = { store: deps.store, knowledge: deps.catalogue, maxUploadBytes: deps.maxUploadBytes, logger: deps.logger };
  const extensions = deps.extensions ?? [];
  const locks = new Map<string, Promise<unknown>>();

  const greeting = (chatId: string, chatType: InboundMessage["chatType"]): Reply[] => {
    const replies: Reply[] = [
      {
        text: `您好！我是政务公开目录助手，可以回答编制基层政务公开事项标准目录的问题，陪您逐项起草目录、检查目录表格。\n\n${helpText({ group: chatType === "group", extensionHelp: extensions.flatMap((e) => (e.help ? [e.help] : [])) })}`,
      },
    ];
    const draft = flow.current(chatId);
    if (draft) {
      const resume = flow.resume(chatId, draft);
      replies.push({ ...resume, text: `上次的草稿还在，接着填写即可（放弃请发送 /cancel）。\n\n${resume.text}` });
    }
    return replies;
  };

  const viaExtensions = async (msg: InboundMessage): Promise<Reply[] | null> => {
    for (const ext of extensions) {
      const replies = await ext.handle(msg);
      if (replies) return replies;
    }
    return null;
  };

  const command = async (msg: InboundMessage, name: string, args: string): Promise<Reply[]> => {
    const chatId = msg.chatId;
    switch (name) {
      case "start":
        return greeting(chatId, msg.chatType);
      case "help":
        return [{ text: helpText({ group: msg.chatType === "group", extensionHelp: extensions.flatMap((e) => (e.help ? [e.help] : [])) }) }];
      case "ask":
        return [await answerQuestion(deps.knowledgeBase, args, deps.logger)];
      case "draft":
        return flow.start(chatId, args);
      case "done":
        return saveDraftRow(flow, chatId);
      case "rows":
        return listRows(flow, chatId);
      case "edit":
        return editRow(flow, chatId, args);
      case "delete":
        if (msg.chatType === "group" && !msg.isAdmin) return [{ text: "在群里只有管理员可以删除目录事项。" }];
        return deleteRow(flow, chatId, args);
      case "export":
        return exportCatalogue(wb, chatId);
      case "check":
        if (msg.chatType === "group" && msg.capabilities?.filesInGroups === false) {
          return [{ text: "请私聊机器人发送 .xlsx 文件：在本平台，群里发送的文件不会转给机器人。私聊中直接发送文件，我会逐条校验并返回批注版报告。" }];
        }
        saveConversation(deps.store, chatId, { awaiting: "workbook" });
        return [{ text: "请发送要检查的目录表格（.xlsx 文件）。我会逐条校验，并返回批注版报告。发送 /cancel 取消。" }];
      case "cancel": {
        const draft = flow.current(chatId);
        const awaiting = loadConversation(deps.store, chatId).awaiting;
        flow.save(chatId, undefined);
        saveConversation(deps.store, chatId, {});
        const ended = extensions.flatMap((e) => e.cancel?.(msg) ?? []);
        if (draft) return [{ text: draft.editing ? `已放弃对第${draft.editing}条的修改，原内容不变。` : "已放弃正在起草的事项。已保存的目录不受影响。" }, ...ended];
        if (awaiting) return [{ text: "已取消检查表格。" }, ...ended];
        if (ended.length) return ended;
        return [{ text: "当前没有进行中的操作。" }];
      }
      default: {
        const handled = await viaExtensions(msg);
        if (handled) return handled;
        return [{ text: `没有“/${name}”这个命令。发送 /help 查看可用的命令。` }];
      }
    }
  };

  const text = async (msg: InboundMessage, body: string): Promise<Reply[]> => {
    const handled = await viaExtensions(msg);
    if (handled) return handled;
    const chatId = msg.chatId;
    const draft = flow.current(chatId);
    if (draft) {
      const labelled = parseLabelled(body, deps.catalogue);
      if (!labelled && looksLikeQuestion(body)) {
        const answer = await answerQuestion(deps.knowledgeBase, body, deps.logger);
        const step = draft.step;
        const prompt = step ? promptFor(step, draft, flow.field(chatId), deps.catalogue) : undefined;
        const tail = prompt ? `\n\n（草稿还在）${prompt.text}` : "\n\n（草稿还在，发送 /done 保存。）";
        return [answer, { text: tail.trim(), choices: prompt?.choices }];
      }
      return flow.text(chatId, draft, body);
    }
    const labelled = parseLabelled(body, deps.catalogue);
    if (labelled && labelled.keys.length >= 2) {
      // A labelled row outside a draft starts one, instead of being asked as a question.
      flow.start(chatId, labelled.field ?? "");
      const fresh = flow.current(chatId);
      if (fresh) {
        const [first, ...rest] = await flow.text(chatId, fresh, body);
        if (first) return [{ ...first, text: `已为您开始起草新的事项（/cancel 可放弃）。\n${first.text}` }, ...rest];
      }
    }
    return [await answerQuestion(deps.knowledgeBase, body, deps.logger)];
  };

  const route = async (msg: InboundMessage, intent: Intent): Promise<Reply[]> => {
    const chatId = msg.chatId;
    switch (intent.kind) {
      case "ignore":
        return [];
      case "tooLong":
        return [{ text: `这条消息有 ${intent.chars} 个字，太长了（上限 ${MAX_TEXT_CHARS} 字），没有处理，草稿也没有改动。请分几次发送。` }];
      case "choice": {
        if (intent.data === "d:save") return saveDraftRow(flow, chatId);
        if (intent.data === "d:force" || intent.data.startsWith("d:force:")) return saveDraftRow(flow, chatId, { confirm: intent.data.slice("d:force:".length) });
        if (intent.data.startsWith("d:")) return flow.choice(chatId, intent.data);
        const handled = await viaExtensions(msg);
        return handled ?? [{ text: "这个按钮已失效。发送 /help 查看可用的命令。" }];
      }
      case "command":
        return command(msg, intent.name, intent.args);
      case "file":
        saveConversation(deps.store, chatId, {});
        return checkWorkbook(wb, chatId, intent.file);
      case "text":
        return text(msg, intent.text);
    }
  };

  const handleNow = async (received: InboundMessage): Promise<Reply[]> => {
    try {
      const msg = resolveNumberedChoice(deps.store, received);
      const awaiting = loadConversation(deps.store, msg.chatId).awaiting === "workbook";
      const replies = await route(msg, classify(msg, awaiting));
      rememberChoicesFor(deps.store, msg, replies);
      return replies;
    } catch (err) {
      deps.logger.error({ err, chatId: received.chatId }, "message handling failed");
      return [{ text: FAILURE }];
    }
  };

  return {
    greeting,
    accepts: (msg) => classify(msg, loadConversation(deps.store, msg.chatId).awaiting === "workbook").kind !== "ignore",
    commands: () => {
      const seen = new Set<string>();
      return [...CORE_COMMANDS, ...extensions.flatMap((e) => e.commands)].filter((c) => !seen.has(c.command) && seen.add(c.command));
    },
    handle(msg) {
      const previous = locks.get(msg.chatId) ?? Promise.resolve();
      const run = previous.then(() => handleNow(msg));
      const tail = run.catch(() => undefined);
      locks.set(msg.chatId, tail);
      void tail.then(() => {
        if (locks.get(msg.chatId) === tail) locks.delete(msg.chatId);
      });
      return run;
    },
  };
}
