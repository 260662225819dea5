/** Questions to the knowledge base, answered with compact citations or an honest abstention. */
import type { Logger } from "../log.js";
import type { AskResult, Citation, KnowledgeBase } from "../knowledge/types.js";
import type { Reply } from "./types.js";
import { citedNumbers } from "../knowledge/citations.js";
import { looksLikePinyin, PINYIN_REPLY } from "./pinyin-input.js";

/** Example questions offered when the bot cannot answer. */
export const EXAMPLE_QUESTIONS = ["公开依据需要写到具体条款吗？", "公开时限应该怎么写？", "公开对象是特定群体时怎么填？"];

/** "标题 › 节" with the section path shortened to its last two parts (text before a document's first heading is cited by its title alone). */
export function citationLabel(c: Pick<Citation, "title" | "section">): string {
  const parts = c.section
    .split(/\s*>\s*/)
    .map((p) => p.trim())
    .filter((p) => p && p !== c.title);
  let section = parts.slice(-2).join(" › ");
  if ([...section].length > 40) section = `${[...section].slice(0, 40).join("")}…`;
  return section ? `《${c.title}》 › ${section}` : `《${c.title}》`;
}

/**
 * The answer text with the citations it cites, one compact line each, numbered in order of first
 * use. Passages with the same label (two parts of one long section) share one line, and the
 * answer's [n] marks are renumbered to match the lines shown.
 */
export function formatAnswer(result: AskResult): string {
  const numberOf = new Map<string, number>();
  const renumber = new Map<number, number>();
  const lines: string[] = [];
  // the source list shows only the passages the answer cites (all of them when it cites none)
  const cited = [...citedNumbers(result.answer)].filter((n) => n >= 1 && n <= result.citations.length);
  const shown = cited.length ? cited : result.citations.map((_, i) => i + 1);
  for (const i of shown) {
    const label = citationLabel(result.citations[i - 1]!);
    let n = numberOf.get(label);
    if (n === undefined) {
      n = lines.length + 1;
      numberOf.set(label, n);
      lines.push(`[${n}] ${label}`);
    }
    renumber.set(i, n);
  }
  const answer = result.answer.trim().replace(/\[(\d+)\]/g, (m, d: string) => {
    const n = renumber.get(Number(d));
    return n === undefined ? m : `[${n}]`;
  });
  // a run such as "[1][1]" left by merging reads as one mark
  const tidy = answer.replace(/(\[\d+\])(?:\1)+/g, "$1");
  return lines.length ? `${tidy}\n\n📄 出处：\n${lines.join("\n")}` : tidy;
}

/** The reply for a question the knowledge does not cover. */
export function abstentionText(coverage: string): string {
  return [
    "这个问题超出了我掌握的文件范围，我不能凭空回答。",
    coverage,
    `可以这样问：${EXAMPLE_QUESTIONS.map((q) => `“${q}”`).join(" ")}`,
  ].join("\n");
}

/** Longer than this, a message is a pasted text (a notice) unless it asks exactly one thing. */
const PASTED_MIN = 300;
/** A message asking this many things is answered on its most relevant one, saying so. */
const MANY_ASKS = 3;
// what marks a clause as asking, not stating: notices say 是否, 如何 and 哪些 in statements too
const ASKING = /[？?]|吗|呢|咋|能不能|可不可以|行不行|中不中|算不算|要不要|请问/;

/** How many things a message asks: its clauses (between sentence ends) that ask something. */
function asksIn(text: string): number {
  return text.split(/(?<=[。！!？?；;\n])/).filter((clause) => ASKING.test(clause)).length;
}

/** The reply to a long message asking several things: one question per message. */
export function manyAsksText(asks: number): string {
  return `您这条消息比较长，一次问了 ${asks} 件事。我一次只能答好一个问题，请分开发送，每条问一件事，如“${EXAMPLE_QUESTIONS[1]}”“${EXAMPLE_QUESTIONS[2]}”。`;
}

/** The reply to a pasted text: the assistant answers from its own documents, it does not read what is pasted. */
export function pastedText(chars: number): string {
  return [
    `您发来的是一段较长的文字（约 ${chars} 字），看起来是文件或通知的原文。`,
    "我只根据知识库里的文件回答问题，不会阅读、也不会核对您发来的这段文字。请把想问的事直接写成一句问题，",
    `如“${EXAMPLE_QUESTIONS[1]}”；通知里的截止日期可以用 /deadline add 添加为本群的提醒事项。`,
  ].join("\n");
}

const GREETING = /^(你好|您好|嗨|哈喽|hello|hi|在吗|在不在|早上好|上午好|下午好|晚上好)[呀啊吗！!。.，,～~\s]*$/i;
// thanks and acknowledgements, alone or several ("好的收到", "嗯嗯 明白了"): never a follow-up question
const ACKNOWLEDGED = /^(?:(?:谢谢|多谢|感谢|辛苦了|好的|好滴|好嘞|好吧|行吧|收到|明白了?|知道了|晓得了|懂了|了解|ok|嗯+|哦+|噢+|喔+|哈+|好|行|中)[您你啦了呀啊哈嘛！!。.，,～~\s]*)+$/i;
const THANKED = /谢|辛苦/;
// asking who the assistant is or what it can do ("你是谁", "你能干啥"): it says so, never a follow-up
const ABOUT_ME = /^(你是谁|你是什么|你是啥|你叫什么|你叫啥|你能干什么|你能干啥|你能做什么|你能做啥|你会什么|你会啥|你有什么用|你有啥用|你都能干啥|你可以做什么|你可以干啥)[呀啊吗呢？?！!。.，,～~\s]*$/;
/** Only punctuation ("？？", "。。。"): the official wants to ask but has not. */
const ONLY_MARKS = /^[\p{P}\p{S}\s]+$/u;

/** A short reply to greetings and thanks, which are not questions for the documents. */
export function smallTalk(text: string): Reply | undefined {
  const t = text.trim();
  if (GREETING.test(t)) return { text: `您好！有编制标准目录的问题请直接问我，如“${EXAMPLE_QUESTIONS[0]}”；发送 /help 查看全部功能。` };
  if (ABOUT_ME.test(t)) {
    return {
      text: [
        "我是政务公开目录助手，帮基层同志做基层政务公开事项标准目录：",
        `· 回答编目录和政府信息公开的问题，每个回答都注明依据的文件和条款，如“${EXAMPLE_QUESTIONS[0]}”；`,
        "· 陪您一行一行起草目录，并按规则逐项检查；也能检查您上传的目录表格；",
        "· 在截止日期前提醒本群。",
        "发送 /help 查看全部功能。",
      ].join("\n"),
    };
  }
  if (ACKNOWLEDGED.test(t)) return { text: THANKED.test(t) ? "不客气！还有问题随时问我。" : "好的，还有问题随时问我。" };
  if (ONLY_MARKS.test(t)) return { text: `请直接发您的问题，如“${EXAMPLE_QUESTIONS[0]}”；发送 /help 查看全部功能。` };
  return undefined;
}

/**
 * Answers one question. `previous` is what the same person asked just before in this chat: a
 * short follow-up ("收费吗", "那公开主体呢") is read with it. Returns the reply and, when the
 * question was answered, what the next one's `previous` is (AskResult.context) and how it was read
 * (AskResult.normalizedQuestion: with the previous question, for a follow-up). Errors of the
 * knowledge base become a Chinese apology, never a crash.
 */
export async function answerInChat(kb: KnowledgeBase, question: string, logger: Logger, previous?: string): Promise<{ reply: Reply; context?: string; read?: string }> {
  const q = question.trim();
  if (q === "") return { reply: { text: `请在 /ask 后面写上问题，如：/ask ${EXAMPLE_QUESTIONS[0]}` } };
  const chat = smallTalk(q);
  if (chat) return { reply: chat };
  if (looksLikePinyin(q)) return { reply: { text: PINYIN_REPLY } };
  // no Chinese and no pinyin (asdfgh jkl, a stray key): not a question out of scope, a message not understood
  if (!/\p{Script=Han}/u.test(q) && !/\d{4}/.test(q)) return { reply: { text: `没有看懂这条消息。请用中文写下您的问题，如“${EXAMPLE_QUESTIONS[0]}”；发送 /help 查看全部功能。` } };
  const asks = asksIn(q);
  if ([...q].length > PASTED_MIN && asks !== 1) return { reply: { text: asks ? manyAsksText(asks) : pastedText([...q].length) } };
  try {
    const result = await kb.ask(q, { top: 3, ...(previous ? { previous } : {}) });
    if (result.abstained || result.citations.length === 0) return { reply: { text: abstentionText(kb.coverage()) } };
    const text = asks >= MANY_ASKS ? `（您一次问了 ${asks} 件事，下面按整段回答最相关的一件；没答到的请分开再问。）\n${formatAnswer(result)}` : formatAnswer(result);
    return { reply: { text }, ...(result.context ? { context: result.context } : {}), ...(result.normalizedQuestion ? { read: result.normalizedQuestion } : {}) };
  } catch (err) {
    logger.error({ err }, "knowledge base failed to answer");
    return { reply: { text: "抱歉，知识库暂时无法回答，请稍后再试。" } };
  }
}

/** Answers one question on its own (no earlier question to follow). */
export async function answerQuestion(kb: KnowledgeBase, question: string, logger: Logger): Promise<Reply> {
  return (await answerInChat(kb, question, logger)).reply;
}
