/**
 * The channel-agnostic bot core: InboundMessage → intent → the registered features → Reply[].
 * Imports no channel. The core keeps the classification, the per-chat lock (messages of one
 * chat are handled one at a time), the error boundary and the role checks; everything a chat
 * can do is a Feature (feature.ts), registered in order: Q&A, drafting, workbooks, then the
 * features passed in (nudges). /help, the command menu and routing all derive from them.
 */
import type { CatalogueKnowledge } from "../catalogue/index.js";
import type { PilotField } from "../knowledge/fields.js";
import type { KnowledgeBase } from "../knowledge/types.js";
import type { Logger } from "../log.js";
import type { ChatStore } from "../store/chat-store.js";
import { chineseCommand, nearCommand, pinyinCommand } from "./command-aliases.js";
import { DraftFlow } from "./drafting/draft-flow.js";
import type { RowExtractor } from "./drafting/llm-extract.js";
import { TEXT_SCOPES, type CommandInfo, type Feature, type FeatureCommand } from "./feature.js";
import { draftingFeature } from "./features/drafting.js";
import { qaFeature } from "./features/qa.js";
import { workbooksFeature } from "./features/workbooks.js";
import { commandMenu, helpText } from "./help.js";
import { classify, MAX_TEXT_CHARS, type Intent } from "./intent.js";
import { looksLikePinyin, PINYIN_REPLY } from "./pinyin-input.js";
import { rememberChoicesFor, resolveNumberedChoice } from "./render.js";
import { adminOnlyText, isChatAdmin } from "./roles.js";
import type { InboundMessage, Reply } from "./types.js";

export type { CommandInfo, Feature } from "./feature.js";

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
  /** Features after the core's own (e.g. nudges), in order. */
  features?: readonly Feature[];
  /** Users treated as admins in every group (ADMIN_USER_IDS), for channels without admin information. */
  adminUserIds?: readonly string[];
}

export interface BotCore {
  /** Handles one message; never throws (errors become a Chinese apology). */
  handle(msg: InboundMessage): Promise<Reply[]>;
  /**
   * What a channel shows when a chat starts (or the process restarts): a greeting with the help
   * (or, `brief`, a pointer to /help) and any unfinished draft.
   */
  greeting(chatId: string, chatType: InboundMessage["chatType"], o?: { brief?: boolean }): Reply[];
  /** Whether the core would act on this message (lets a channel skip downloading an ignored file). */
  accepts(msg: InboundMessage): boolean;
  /** Every command for the channel's menu (setMyCommands). */
  commands(): CommandInfo[];
}

const FAILURE = "抱歉，处理这条消息时出错了。您的草稿和目录都已保存，没有丢失；请稍后再试，或发送 /help 查看用法。";
const INTRO = "您好！我是政务公开目录助手，可以回答编制基层政务公开事项标准目录的问题，陪您逐项起草目录、检查目录表格。";

/** Creates the bot core. */
export function createBotCore(deps: BotCoreDeps): BotCore {
  const flow = new DraftFlow({ store: deps.store, knowledge: deps.catalogue, fields: deps.fields, extractor: deps.extractor, logger: deps.logger });
  const locks = new Map<string, Promise<unknown>>();

  const greeting = (chatId: string, chatType: InboundMessage["chatType"], o: { brief?: boolean } = {}): Reply[] => {
    const more = o.brief ? "直接发送问题即可提问；发送 /help 查看全部命令。" : helpText(features, { group: chatType === "group" });
    const replies: Reply[] = [{ text: `${INTRO}\n\n${more}` }];
    // a conversation with the sender (the ledger) takes the next message before the chat's draft
    const pending = features.flatMap((f) => f.resume?.(chatId) ?? []);
    replies.push(...pending);
    const draft = flow.current(chatId);
    if (draft && pending.length) replies.push({ text: "上次的草稿也还在：填完上面这项后，发送 /draft 接着填写草稿（放弃草稿请发送 /cancel）。" });
    else if (draft) {
      const resume = flow.resume(chatId, draft);
      const head = draft.cancelPending ? "上次的草稿还在。您发送了 /cancel，还没有确认是否放弃：" : "上次的草稿还在，接着填写即可（放弃请发送 /cancel）。";
      replies.push({ ...resume, text: `${head}\n\n${resume.text}` });
    }
    return replies;
  };

  const intro: Feature = {
    name: "intro",
    commands: [
      { name: "start", description: "开始使用，查看说明", handle: (msg) => greeting(msg.chatId, msg.chatType) },
      { name: "help", description: "查看全部命令", handle: (msg) => [{ text: helpText(features, { group: msg.chatType === "group" }) }] },
    ],
  };
  const cancel: Feature = {
    name: "cancel",
    commands: [
      {
        name: "cancel",
        description: "取消当前操作",
        help: "/cancel — 取消当前操作（草稿、表格检查、台账填报；已填写内容的草稿先请您确认再放弃）",
        handle: (msg) => {
          const ended = features.flatMap((f) => f.cancel?.(msg) ?? []);
          return ended.length ? ended : [{ text: "当前没有进行中的操作。" }];
        },
      },
    ],
  };
  const workbookDeps = { store: deps.store, knowledge: deps.catalogue, maxUploadBytes: deps.maxUploadBytes, logger: deps.logger };
  const features: readonly Feature[] = [
    intro,
    qaFeature(deps),
    draftingFeature({ flow, knowledgeBase: deps.knowledgeBase, catalogue: deps.catalogue, logger: deps.logger }),
    workbooksFeature(workbookDeps),
    ...(deps.features ?? []),
    cancel,
  ];
  const commands = new Map<string, FeatureCommand>();
  for (const c of features.flatMap((f) => f.commands ?? [])) if (!commands.has(c.name)) commands.set(c.name, c);
  const awaitingFile = (chatId: string) => features.some((f) => f.files?.awaiting(chatId));

  const text = async (msg: InboundMessage, body: string): Promise<Reply[]> => {
    for (const scope of TEXT_SCOPES) {
      for (const f of features) {
        if (f.text?.scope !== scope) continue;
        const replies = await f.text.handle(msg, body);
        if (replies) return replies;
      }
    }
    return [];
  };

  const route = async (msg: InboundMessage, intent: Intent): Promise<Reply[]> => {
    switch (intent.kind) {
      case "ignore":
        return [];
      case "tooLong":
        return [{ text: `这条消息有 ${intent.chars} 个字，太长了（上限 ${MAX_TEXT_CHARS} 字），没有处理，草稿也没有改动。请分几次发送。` }];
      case "choice": {
        const prefix = intent.data.split(":")[0];
        const owner = features.find((f) => f.buttons?.prefix === prefix);
        return owner?.buttons ? owner.buttons.handle(msg, intent.data) : [{ text: "这个按钮已失效。发送 /help 查看可用的命令。" }];
      }
      case "command": {
        const cmd = commands.has(intent.name) ? intent : (chineseCommand(intent.name, intent.args) ?? intent);
        const command = commands.get(cmd.name);
        if (!command) {
          const meant = pinyinCommand(intent.name);
          const near = nearCommand(intent.name, commands.keys());
          const hint = meant && commands.has(meant.command) ? `是要用 /${meant.name}（/${meant.command}）吗？` : near ? `是要用 /${near} 吗？` : "";
          return [{ text: `没有“/${intent.name}”这个命令。${hint}发送 /help 查看可用的命令。` }];
        }
        if (command.adminOnly && !msg.isAdmin) return [{ text: adminOnlyText(command.adminOnly) }];
        return command.handle(msg, { name: cmd.name, args: cmd.args });
      }
      case "file": {
        const owner = features.find((f) => f.files);
        return owner?.files ? owner.files.handle(msg, intent.file) : [];
      }
      case "text":
        // before any feature: pinyin is not recorded as a draft value either; a data cell a
        // feature waits for (the ledger's 联系人: "Zhang Wei") is taken as typed
        return looksLikePinyin(intent.text) && !features.some((f) => f.text?.verbatim?.(msg)) ? [{ text: PINYIN_REPLY }] : text(msg, intent.text);
    }
  };

  const handleNow = async (received: InboundMessage): Promise<Reply[]> => {
    try {
      const numbered = resolveNumberedChoice(deps.store, received);
      const msg = { ...numbered, isAdmin: isChatAdmin(numbered, deps.adminUserIds) };
      const replies = await route(msg, classify(msg, awaitingFile(msg.chatId)));
      rememberChoicesFor(deps.store, msg, replies);
      return replies;
    } catch (err) {
      deps.logger.error({ err, chatId: received.chatId }, "message handling failed");
      return [{ text: FAILURE }];
    }
  };

  return {
    greeting,
    accepts: (msg) => classify(msg, awaitingFile(msg.chatId)).kind !== "ignore",
    commands: () => commandMenu(features),
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
