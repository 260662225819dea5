/** Questions to the knowledge base, answered with compact citations or an honest abstention. */
import type { Logger } from "../log.js";
import type { AskResult, Citation, KnowledgeBase } from "../knowledge/types.js";
import type { Reply } from "./types.js";

/** Example questions offered when the bot cannot answer. */
export const EXAMPLE_QUESTIONS = ["公开依据需要写到具体条款吗？", "公开时限应该怎么写？", "公开对象是特定群体时怎么填？"];

/** "标题 › 节" with the section path shortened to its last two parts. */
export function citationLabel(c: Pick<Citation, "title" | "section">): string {
  const parts = c.section
    .split(/\s*>\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  let section = parts.slice(-2).join(" › ");
  if ([...section].length > 40) section = `${[...section].slice(0, 40).join("")}…`;
  return section ? `《${c.title}》 › ${section}` : `《${c.title}》`;
}

/** The answer text with its citations, one compact line each (duplicates merged). */
export function formatAnswer(result: AskResult): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const c of result.citations) {
    const label = citationLabel(c);
    if (seen.has(label)) continue;
    seen.add(label);
    lines.push(`[${lines.length + 1}] ${label}`);
  }
  return lines.length ? `${result.answer.trim()}\n\n📄 出处：\n${lines.join("\n")}` : result.answer.trim();
}

/** The reply for a question the knowledge does not cover. */
export function abstentionText(coverage: string): string {
  return [
    "这个问题超出了我掌握的文件范围，我不能凭空回答。",
    coverage,
    `可以这样问：${EXAMPLE_QUESTIONS.map((q) => `“${q}”`).join(" ")}`,
  ].join("\n");
}

/**
 * Answers one question. Errors of the knowledge base become a Chinese apology, never a crash.
 */
export async function answerQuestion(kb: KnowledgeBase, question: string, logger: Logger): Promise<Reply> {
  const q = question.trim();
  if (q === "") return { text: `请在 /ask 后面写上问题，如：/ask ${EXAMPLE_QUESTIONS[0]}` };
  try {
    const result = await kb.ask(q, { top: 3 });
    if (result.abstained || result.citations.length === 0) return { text: abstentionText(kb.coverage()) };
    return { text: formatAnswer(result) };
  } catch (err) {
    logger.error({ err }, "knowledge base failed to answer");
    return { text: "抱歉，知识库暂时无法回答，请稍后再试。" };
  }
}
