import type { Concept, ColloquialData, LanguageData } from "./language-data.js";
import { readColumnPositions } from "./column-positions.js";
import { toSimplified } from "./simplified.js";
import { cutDictionary, normalize, tokenize } from "./tokenize.js";
import { type Correction, TypoCorrector } from "./typo-correction.js";

/** What kind of answer a question asks for; the extractive answer picks sentences by it. */
export type QuestionKind = "whether" | "when" | "who" | "where" | "what" | "how" | "other";

/** How the engine read a question before retrieval. */
export interface QueryReading {
  /** The question as typed (trimmed). */
  original: string;
  /** The question in standard wording with typos corrected: what retrieval searches for. */
  text: string;
  /** Typo corrections made (时线 → 时限). */
  corrections: Correction[];
  /** Concepts the question names (catalogue columns by their official name, 五公开 …). */
  concepts: string[];
  /** The concept names and aliases found in the text, as written there. */
  named: string[];
  /** The documents' words for everyday words of the question (贴出去 → 公开; colloquial.yaml `words`). */
  meant: string[];
  /** The everyday forms the question uses for them (往后拖 for 延长答复期限). */
  everyday: string[];
  /**
   * Everyday names of a pilot field's matters (低保 → 社会救助), apart from `everyday`: they find the
   * field's passages, but name a matter of their own (低保怎么申请 asks for the service).
   */
  matters?: string[];
  /** Catalogue columns among the concepts. */
  columns: string[];
  kind: QuestionKind;
  /** Asks how to fill or write a column (怎么填, 能不能写X, 要不要). */
  howToFill: boolean;
}

// Kinds are checked in this order; the wording is the standard wording colloquial.yaml produces.
const KINDS: [QuestionKind, RegExp][] = [
  ["when", /什么时候|何时|多久|多长|几天|多少天|多少日|几号|哪一天|哪天|哪年|哪一年|哪个月|几月|几个月|多少个?月|截止|最晚|最迟|期限|时限|时间节点|几个工作日|多少个?工作日/],
  // 县里公开还是乡里公开, 归镇里答复还是县自然资源局答复: which body
  ["who", /(县|乡|镇|村|街道|社区)(里|上|委会|政府|办)[^，,。？?\s]{0,8}还是[^，,。？?\s]{0,3}(县|乡|镇|村|街道|社区|局|部门)|谁|哪个部门|哪些部门|哪个单位|哪些单位|哪个机关|哪个科室|哪个股室|由哪|哪一级|哪级|牵头/],
  // 在哪发布, 贴哪儿, 往哪报: a place or channel (哪个部门 is who, 哪些 what)
  ["where", /在哪|哪里|哪儿|什么地方|什么位置|[往到去放贴挂发报交传登上]哪(?![些个一种类项条级])/],
  ["what", /什么意思|什么内容|写些?什么|包括什么|哪些内容|些什么|是什么|指什么|指的是|含义|定义|包括哪些|包含哪些|有哪些|哪几|哪些|哪五|几类|几种|几项|几个方面|多少项|多少类|什么叫|啥叫|算不算|属不属于|不一样|有何不同|有什么不同|区别|差别|怎么分(?![工配给钱])|如何分(?![工配给钱])|(公开|做|干|搞|整|弄)(些)?什么(?!时候)/],
  ["whether", /可不可以|会不会|可以吗|能不能|能否|可否|要不要|需不需要|需要.*吗|是否|是不是|必须|一定要|一定得|应不应该|该不该|能.*吗|要.*吗|得.*吗|允许|有没有必要|吗[？?]?$/],
  ["how", /怎么|如何|怎样|咋/],
];

const HOW_TO_FILL = /(能|可以|可|要|得|应该|应当|该|就)(写|填)|[填写][^，,。？?]{1,12}(对吗|对不对|对不|对么|对没|正确吗|合适吗|妥吗|行吗)|怎么填|怎么写|如何填|如何写|填什么|写什么|怎样填|怎样写|填写|编写|能不能写|可不可以写|可以写|要不要写|写到|写成|填成|要不要|需不需要|可不可以|能不能|可以吗|怎么|如何|[填写][^，,。？?]{0,10}还是|[选勾](哪|什么|啥)|[填写][^，,。？?]{0,8}(多少|哪|几)|有(什么|哪些)?要求/;

/** Asking how two things differ (公开主体跟公开层级有啥区别): for two columns, how each is filled. */
const COMPARES = /区别|不同|不一样|一回事|一样吗|一样不|分不清|区分/;

/** Words of filling in a table, which make a question naming a column's value one about the column. */
const FILLING = /填|写|栏|列|格|勾|选|标注|目录|表/;

/**
 * Query understanding: colloquial and dialect wording → standard wording (data in
 * knowledge/colloquial.yaml), pinyin typos → domain terms, concept recognition, and the kind
 * of question. Pure and fast: one regular-expression pass and one pinyin pass per question.
 */
export class QueryReader {
  private readonly replaceRe: RegExp | undefined;
  private readonly replacement: Map<string, string>;
  private readonly patterns: { re: RegExp; standard: string }[];
  private readonly conceptNames: { name: string; concept: Concept }[];
  private readonly unlike: string[];
  private readonly words: { term: string; forms: string[] }[];
  private readonly keep: Set<string>;
  /** Everyday forms every `words` entry of which maps to a pilot field's name (低保 → 社会救助): QueryReading.matters. */
  private readonly matterForms: Set<string>;
  private readonly templateColumns: string[];
  private readonly columnStems: { stem: string; concept: Concept }[];

  constructor(data: LanguageData, private readonly typos: TypoCorrector) {
    this.templateColumns = data.templateColumns;
    ({ re: this.replaceRe, map: this.replacement } = compileReplace(data.colloquial));
    this.patterns = data.colloquial.patterns.map((p) => ({ re: new RegExp(p.match, "gu"), standard: p.standard }));
    this.conceptNames = data.concepts
      .flatMap((concept) => [concept.name, ...concept.aliases, ...concept.values].map((name) => ({ name: normalize(name), concept })))
      .sort((a, b) => b.name.length - a.name.length);
    this.unlike = data.concepts.flatMap((c) => c.unlike.map(normalize));
    this.columnStems = data.concepts.filter((c) => c.column && c.name.startsWith("公开") && c.name.length > 3).map((concept) => ({ stem: normalize(concept.name.slice(2)), concept }));
    this.words = data.colloquial.words.map((w) => ({ term: normalize(w.term), forms: w.forms.map(normalize) }));
    this.keep = new Set(data.colloquial.keep.map(normalize));
    const fields = new Set(data.fields.map(normalize));
    const forms = new Set(this.words.flatMap((w) => w.forms));
    this.matterForms = new Set([...forms].filter((f) => this.words.every((w) => !w.forms.includes(f) || fields.has(w.term))));
  }

  /** Reads one question. */
  read(question: string): QueryReading {
    const original = question.trim();
    // a traditional input method's characters (公開時限) and words typed apart with spaces are read
    // as plain simplified text before anything else
    const positions = readColumnPositions(joinSpacedWords(toSimplified(normalize(original))), this.templateColumns);
    let text = positions.text;
    if (this.replaceRe) text = text.replace(this.replaceRe, (m) => this.replacement.get(m) ?? m);
    for (const p of this.patterns) text = text.replace(p.re, p.standard);
    const typed = this.typos.readPinyin(text, this.keep);
    const corrected = this.typos.correct(typed.text, cutDictionary(typed.text));
    text = corrected.text;
    const { concepts, named } = this.conceptsIn(text);
    // beside a column in a comparison, a column's bare stem names it too (依据和内容是一回事不), but
    // not inside another name (事项 in 基层政务公开事项标准目录)
    if (concepts.some((c) => c.column) && COMPARES.test(text)) {
      const rest = named.reduce((t, n) => t.split(n).join("\u0000"), text);
      for (const { stem, concept } of this.columnStems) {
        if (!concepts.includes(concept) && rest.includes(stem)) {
          concepts.push(concept);
          named.push(stem);
        }
      }
    }
    const columns = concepts.filter((c) => c.column).map((c) => c.name);
    // a column named only by one of its values (依申请公开 for 公开方式) is asked how to fill only
    // with words of filling a table: 依申请公开咋整 asks how to handle a request
    const byName = concepts.some((c, i) => c.column && !c.values.map(normalize).includes(named[i]!));
    const kind = KINDS.find(([, re]) => re.test(text))?.[0] ?? "other";
    // a column named by its full name (公开时限, not the law's 时限) is asked what goes in it for the
    // matter beside it, however the question ends (征收决定公开时限, 统计数据公开主体是统计局还是乡镇)
    const fullName = concepts.some((c, i) => c.column && named[i]!.startsWith("公开") && !c.values.map(normalize).includes(named[i]!));
    const howToFill = columns.length > 0 && (fullName || ((HOW_TO_FILL.test(text) || (new Set(columns).size > 1 && COMPARES.test(text))) && (byName || FILLING.test(text))));
    // in 公开对象写群众对吗 the everyday word after 写 is the value proposed for the column, not
    // the documents' 公民、法人或者其他组织
    const at = text.search(/[填写]/);
    const proposed = howToFill && at >= 0 ? text.slice(at + 1) : "";
    const found = [...this.words.flatMap((w) => w.forms.filter((f) => text.includes(f)).map((f) => ({ f, term: w.term }))), ...named.map((f) => ({ f, term: "" }))];
    // an everyday form found only inside a longer one of another term (名字 in 改名字) or inside a
    // concept's name (保密 in 保密审查) is that one's part, not a word of its own
    const own = (f: string, term: string) =>
      !proposed.includes(f) && !found.some((g) => g.term !== term && g.f.length > f.length && g.f.includes(f) && occurrencesWithin(text, f, g.f));
    const meant = this.words.filter((w) => !text.includes(w.term) && w.forms.some((f) => text.includes(f) && own(f, w.term)));
    const forms = meant.flatMap((w) => w.forms.filter((f) => text.includes(f) && own(f, w.term)));
    const matter = (f: string) => this.matterForms.has(f);
    return {
      original,
      text,
      corrections: [...positions.corrections, ...typed.corrections, ...corrected.corrections],
      concepts: [...new Set(concepts.map((c) => c.name))],
      named,
      meant: meant.map((w) => w.term),
      everyday: forms.filter((f) => !matter(f)),
      matters: forms.filter(matter),
      columns: [...new Set(columns)],
      kind,
      howToFill,
    };
  }

  /** Concepts named in the text, longest names first, each span used once. */
  private conceptsIn(text: string): { concepts: Concept[]; named: string[] } {
    let rest = text;
    for (const other of this.unlike) rest = rest.split(other).join("\u0000");
    const concepts: Concept[] = [];
    const named: string[] = [];
    for (const { name, concept } of this.conceptNames) {
      if (!rest.includes(name)) continue;
      concepts.push(concept);
      named.push(name);
      rest = rest.split(name).join("\u0000");
    }
    return { concepts, named };
  }
}

function compileReplace(data: ColloquialData): { re: RegExp | undefined; map: Map<string, string> } {
  const map = new Map<string, string>();
  // standards map to themselves so that 有没有 is not read as 有没 + 有
  for (const g of data.replace) map.set(normalize(g.standard), normalize(g.standard));
  for (const g of data.replace) for (const f of g.forms) if (!map.has(normalize(f))) map.set(normalize(f), normalize(g.standard));
  const keys = [...map.keys()].filter(Boolean).sort((a, b) => b.length - a.length);
  if (!keys.length) return { re: undefined, map };
  return { re: new RegExp(keys.map(escapeRe).join("|"), "gu"), map };
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The note that tells the official how the question was read ("按“公开时限”理解"), shown when a
 * typo was corrected: each corrected term is shown inside the longest concept name around it.
 */
export function readingNote(reading: QueryReading): string | undefined {
  if (!reading.corrections.length) return undefined;
  const shown = reading.corrections.map((c) => {
    const around = reading.concepts.find((name) => name.includes(c.to) && reading.text.includes(name));
    return `“${around ?? c.to}”`;
  });
  return `（按${[...new Set(shown)].join("、")}理解）`;
}

/**
 * The documents' words for the everyday words of a question, by the question's tokens, each as
 * its tokens: a passage holding 个人隐私 holds what 身份证 says in the question, and one holding
 * 重复申请 what 隔三差五 says, though neither uses the everyday word.
 */
export function heldAs(reading: QueryReading, words: readonly { term: string; forms: string[] }[]): Map<string, string[][]> {
  const held = new Map<string, string[][]>();
  for (const w of words) {
    if (!reading.meant.includes(w.term)) continue;
    const term = tokenize(w.term);
    for (const f of w.forms) if (reading.text.includes(f)) for (const t of tokenize(f)) held.set(t, [...(held.get(t) ?? []), term]);
  }
  return held;
}

/** Mean length of the runs of Chinese between spaces at or below which the spaces only part words. */
const SPACED_RUN = 2.5;

/**
 * Words typed one by one with spaces between (公开时限 怎么 填 要, 他 说 要 看 村里 修路 的 钱) are
 * joined again, as one writes Chinese; spaces between longer runs part two questions
 * (目录编完了要报谁审 县里还是市里) and stay.
 */
export function joinSpacedWords(text: string): string {
  return text
    .split(/([，,。？?！!；;])/)
    .map((clause) => {
      const runs = clause.trim().split(/\s+/);
      const han = runs.filter((r) => /^\p{Script=Han}+$/u.test(r));
      if (runs.length < 3 || han.length < runs.length - 1) return clause;
      const mean = han.reduce((n, r) => n + [...r].length, 0) / han.length;
      return mean <= SPACED_RUN ? clause.replace(/(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu, "") : clause;
    })
    .join("");
}

/** Whether every occurrence of `part` in `text` lies inside an occurrence of `whole`. */
function occurrencesWithin(text: string, part: string, whole: string): boolean {
  const covered: [number, number][] = [];
  for (let i = text.indexOf(whole); i >= 0; i = text.indexOf(whole, i + 1)) covered.push([i, i + whole.length]);
  for (let i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) if (!covered.some(([a, b]) => i >= a && i + part.length <= b)) return false;
  return true;
}
