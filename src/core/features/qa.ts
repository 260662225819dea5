/** The Q&A feature: /ask, and any other text addressed to the bot (the catch-all). */
import type { CatalogueKnowledge } from "../../catalogue/index.js";
import type { KnowledgeBase } from "../../knowledge/types.js";
import type { Logger } from "../../log.js";
import type { ChatStore } from "../../store/chat-store.js";
import type { Feature } from "../feature.js";
import type { InboundMessage } from "../types.js";
import { answerInChat } from "../qa.js";
import { valueCheck } from "../value-check.js";

/** How long after a question a short one may be read as its follow-up. */
export const FOLLOW_UP_WINDOW_MS = 20 * 60_000;

/** Creates the Q&A feature; it remembers each person's last answered question per chat (for follow-ups). */
export function qaFeature(deps: { knowledgeBase: KnowledgeBase; logger: Logger; store: ChatStore; catalogue: CatalogueKnowledge }): Feature {
  const answer = async (msg: InboundMessage, question: string) => {
    const now = msg.now ?? new Date();
    const last = deps.store.lastQuestion(msg.chatId, msg.senderId);
    const recent = last && now.getTime() - last.askedAt.getTime() <= FOLLOW_UP_WINDOW_MS ? last.question : undefined;
    const { reply, context, read } = await answerInChat(deps.knowledgeBase, question, deps.logger, recent);
    if (context) deps.store.setLastQuestion(msg.chatId, msg.senderId, context, now);
    // an answered question proposing a value for a column: what the validator's rules say of it,
    // the column named by the question or, in a follow-up (能写及时公开不), by the one before it
    const checked = context ? (valueCheck(question, deps.catalogue) ?? (read ? valueCheck(read, deps.catalogue) : undefined)) : undefined;
    return checked ? [{ ...reply, text: `${reply.text}\n\n${checked}` }] : [reply];
  };
  return {
    name: "qa",
    helpTitle: "❓ 提问",
    commands: [
      {
        name: "ask",
        description: "提问：/ask 问题",
        help: ({ group }) =>
          group ? "/ask 问题 — 在群里提问（也可以 @我 或回复我的消息）" : "直接发送问题即可，如“公开依据需要写到具体条款吗？”，可以接着追问（如“那乡镇呢”）；也可以用 /ask 问题",
        handle: (msg, cmd) => answer(msg, cmd.args),
      },
    ],
    text: { scope: "any", handle: (msg, text) => answer(msg, text) },
  };
}
