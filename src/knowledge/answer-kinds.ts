/** What kind of sentence answers each kind of question, and whether an answer holds it. */
import type { QueryReading, QuestionKind } from "./query-understanding.js";

/** 应 as a norm (应及时公开), not inside 回应, 相应, 对应, 适应, 应用. */
const SHOULD = "(?<![回响相对适供反效答])应(?!用)";

/**
 * Sentences that answer each kind of question. A whether-question is answered by a norm, and
 * the regulation states its decisions as norms too: "…的，行政机关不予公开", "…的，予以公开".
 */
export const ANSWERS: Record<QuestionKind, RegExp | undefined> = {
  whether: new RegExp(`应当|不得|可以|不需|无需|不必|必须|只需|只要|即可|不宜|原则上|不能|禁止|允许|需要|非必|不是必|均可|不予|予以|告知|${SHOULD}`),
  when: /工作日|\d+\s*日|\d+\s*月|\d{4}\s*年|之日起|日内|日前|月底|年底|每季度|每月|每年|前完成/,
  // a definition, a list of parts, or "名称：内容" (not a bare "注：")
  what: /是指|指的是|即|包括|包含|分为|主要有|分别是|(?<!^注)[：:](?=.)|([^、，。；]{1,20}、){3}/,
  who: /负责|责任单位|牵头|主体|部门|机关|单位|谁/,
  where: /网站|平台|公示栏|公开栏|公告栏|专栏|专区|政务服务中心|便民|门户|网上|栏目|查阅|场所|新媒体|公报|微信|微博|客户端|报刊|广播|电视|邮箱|窗口|报送至|发送至/,
  how: new RegExp(`应当|${SHOULD}|可以|不予|予以|填写|编写|写明|标注|列出|注明|按照|依照|依据|根据|结合|通过|按.{0,6}规定|方式|程序|步骤`),
  other: undefined,
};

/** A question asking how long something stays posted, and an answer's span of days (not a date: 1月31日). */
const LASTS = /(挂|贴|公示|张贴|展示|保留|放)[^，,。？?]{0,4}(多长时间|多长|多久|几天|多少天)/;
const SPAN = /(?<![月\d])\d+\s*个?(工作日|天|日)(?!前|内|以内)|不少于|不得少于/;

/** A question doubting an absolute (隐私一律不能公开吧, 是不是都得公开): the exception answers it. */
export const ABSOLUTE = /一律|一概|全都|全部都|都不能|都不得|都要|都得|绝对|任何|统统|无论/;
export const EXCEPTION = /^但是?|除外|除[^，。；]{1,30}外|另有规定|从其规定/;

/** Asking how long until something is due (多久得公开, 几天内), not how often (多久更新一次). */
export const HOW_LONG = /^(?!.*(一次|一回|一趟|一遍)).*(多久|多长时间|多少天|几天|几个工作日|多少个?工作日|多少日子)/;

/** A question asking what a term means: the term, then 是什么意思, 指什么, 是啥 …. */
const MEANING = /^(?:请问)?[“"]?([^，,。？?！!\s“”"]{2,12}?)[”"]?(?:到底|究竟)?(?:是个|是|指|的)?(?:什么意思|啥意思|是什么|指什么|指的是什么|的含义|什么含义|怎么理解)/;

/**
 * What a what-question names that is not a term to define but a thing to point at: an item of a
 * sequence or list (第一项任务, 最后一步, 表头那些栏), a goal, a task, a requirement.
 */
const NOT_A_TERM = /^(第[一二三四五六七八九十\d]+|最后|头一|首先|下一)|那些|这些|哪些|都|任务|目标|步|环节|阶段|要求|内容|程序|流程|时间|日期/;

/**
 * A sentence that says what `term` means: "X是指…", "X：…", "X（…）", "…（以下统称“X”）",
 * "…简称X", "讨论记录、过程稿…等过程性信息". A sentence that only names it among others (a template's options: "政府网站、两微一端、
 * 发布会") does not.
 */
function defines(term: string, text: string): boolean {
  const t = term.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`[“"]?${t}[”"]?(是指|指的是|指|即|就是|是|为|[：:（(])|(统称|简称|称为|叫做|以下称|等)[“"]?${t}`).test(text);
}

/** Asking what a word means (标准化是个啥意思, 政府信息是什么): the word asked about ends just before. */
const MEANING_AFTER = /(?:到底|究竟)?(?:是个|是|的)?(?:什么意思|是什么|指什么|指的是什么|含义|定义)/;
/** …or begins just after (什么叫过程性信息). */
const MEANING_BEFORE = /什么叫|什么是/;
/** How near the asked word must end (begin) to the phrase asking its meaning. */
const MEANING_REACH = 2;

/**
 * For a question asking what one of its words means, whether a passage defines that word
 * (标准化是指…, 本条例所称政府信息，是指…, 公开主体：是指…); undefined for other questions.
 * Stricter than `defines`, which judges an answer already chosen: retrieval boosts by it.
 */
export function definitionOf(r: QueryReading, tokens: readonly string[]): ((text: string) => boolean) | undefined {
  if (r.kind !== "what") return undefined;
  const words = tokens.filter((t) => [...t].length > 1);
  const asked = new Set<string>();
  const after = MEANING_AFTER.exec(r.text);
  if (after) {
    // the run of words ending at the phrase (标准化规范化 in 标准化规范化到底是个啥意思)
    let end = after.index;
    for (let slack = MEANING_REACH; end > 0; slack = 0) {
      const at = (w: string) => [...Array(slack + 1).keys()].map((k) => end - k - w.length).find((i) => i >= 0 && r.text.startsWith(w, i));
      const t = words.find((w) => at(w) !== undefined);
      if (!t) break;
      asked.add(t);
      end = at(t)!;
    }
  }
  const before = MEANING_BEFORE.exec(r.text);
  if (before) {
    const from = before.index + before[0].length;
    for (const w of words) if (r.text.startsWith(w, from)) asked.add(w);
  }
  const terms = [...asked].map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  if (!terms.length) return undefined;
  const defines = new RegExp(`(?:${terms.join("|")})[，,：:]?(?:是指|指的是)|什么是(?:${terms.join("|")})`);
  return (text) => defines.test(text);
}

/**
 * Whether an answer holds what a question of this kind asks for, where that can be told from its
 * text: a deadline or date for a when-question (多少天, 什么时候), a definition of the term a
 * what-it-means question names (两微一端是什么意思: the documents list it as a channel but never
 * say what it is; a catalogue column is explained by how to fill it). Other questions always hold.
 */
export function holdsKind(kind: QuestionKind | undefined, answer: string, ask: { question?: string; column?: boolean } = {}): boolean {
  // how long something stays up (挂多长时间, 公示几天) is a span, not the date a report is due (1月31日前)
  if (kind === "when" && LASTS.test(ask.question ?? "")) return SPAN.test(answer);
  if (kind === "when") return ANSWERS.when!.test(answer);
  // a column (公开层级) or its value (特定群体) is explained by the notes on filling it in, not defined
  const term = kind === "what" && !ask.column ? MEANING.exec((ask.question ?? "").trim())?.[1] : undefined;
  // a pair of words asked together (标准化规范化) is answered by the definition of the first
  if (!term || NOT_A_TERM.test(term) || defines(term, answer)) return true;
  const chars = [...term];
  const first = chars.slice(0, Math.max(3, Math.ceil(chars.length / 2))).join("");
  return first !== term && defines(first, answer);
}
