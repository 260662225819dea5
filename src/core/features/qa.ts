/** The Q&A feature: /ask, and any other text addressed to the bot (the catch-all). */
import type { KnowledgeBase } from "../../knowledge/types.js";
import type { Logger } from "../../log.js";
import type { Feature } from "../feature.js";
import { answerQuestion } from "../qa.js";

/** Creates the Q&A feature. */
export function qaFeature(deps: { knowledgeBase: KnowledgeBase; logger: Logger }): Feature {
  const answer = async (question: string) => [await answerQuestion(deps.knowledgeBase, question, deps.logger)];
  return {
    name: "qa",
    helpTitle: "❓ 提问",
    commands: [
      {
        name: "ask",
        description: "提问：/ask 问题",
        help: ({ group }) =>
          group ? "/ask 问题 — 在群里提问（也可以 @我 或回复我的消息）" : "直接发送问题即可，如“公开依据需要写到具体条款吗？”；也可以用 /ask 问题",
        handle: (_msg, cmd) => answer(cmd.args),
      },
    ],
    text: { scope: "any", handle: (_msg, text) => answer(text) },
  };
}
