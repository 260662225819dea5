import { type Candidate, continuationsLast, eachPart, MAX_SENTENCES, withRules } from "./answer-order.js";
import { type Sentence, sentencesOf } from "./passage-sentences.js";
import type { QuestionKind } from "./query-understanding.js";
import { ABSOLUTE, ANSWERS, EXCEPTION, HOW_LONG, holdsKind } from "./answer-kinds.js";
import type { Hit } from "./retrieve.js";
import { charBigrams, normalize, stripQuestionWords } from "./tokenize.js";
import { listsFieldItems } from "./topic-rankers.js";

/**
 * When the best passage's question matches this well, its official answer is quoted whole: the
 * same question, each holding nearly all of the other's words. A merely related FAQ question
 * (目录信息是否需要更新 for 哪些不用公开) gives its answer's sentences to the selection instead.
 */
const FAQ_QUOTE_MIN_MATCH = 0.8;
/** Longest list quoted whole for a what-question (its lead-in and all items). */
const LIST_ANSWER_MAX = 400;
/**
 * Factor on a sentence's word evidence when it is the kind of sentence the question asks for.
 * A factor, not a fixed bonus: the kind says which of the sentences about the question answers
 * it, not that a norm sharing one common word with the question outranks the sentence holding
 * what the question is about (most sentences of the documents are norms: 应当, 可以, 要).
 */
const KIND_FACTOR = 2;
/** Score lost per rank of the passage a sentence comes from. */
const RANK_PENALTY = 0.1;
const MIN_SENTENCE = 8;
/** Weight of the question's character pairs found in a sentence: breaks ties between sentences sharing the same words. */
const BIGRAM_WEIGHT = 0.1;
/**
 * Part of a word's weight a sentence gets for the documents' word of what the question says
 * otherwise (身份证号 → 个人隐私), or for a word of the written question its passage matched through.
 */
const RELATED_SHARE = 0.5;
/** Part of the question's mean word weight a sentence gets for each of the documents' terms it holds whole for what the question says in everyday words. */
const MEANT_SHARE = 1;
/** Part of a word's weight a sentence gets when the word is only in the heading it stands under. */
const HEADING_SHARE = 0.5;

/** A notice's closing line: its issuer and date (住房和城乡建设部办公厅，2019年11月4日). */
const SIGNED = /^[^，。；：:]{4,40}[，,\s]\s*\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[。]?$/;

/** A form's options as checkboxes (☐ 政府公报、☑ 政府网站 …). */
const CHECKBOXES = /☐/;
/** A column note's label: "备注：4.公开主体：…", "3.公开时限：…". */
const NOTE_LABEL = /^(?:备注[：:]\s*)?\d+[.、．]\s*([^：:，,。]{2,10})[：:]/;

/** A contact line (a person's phone or e-mail): never an answer unless contacts are asked for. */
const CONTACT = /(电话|联系人|联系方式|手机|邮箱|传真)[:：]?\s*[\d-]{5,}|1[3-9]\d{9}|\d{3,4}-\d{7,8}|@\w+\./;
const ASKS_CONTACT = /电话|联系|手机|邮箱|传真/;
/** A question about a table's columns as a whole (哪几列, 表头, 模板). */
const ASKS_COLUMNS = /[几哪些多少]列|列数|栏目|表头|模板|样式|格式|表格|表样/;

/**
 * The offline answer: the FAQ's official answer when the question matches one, otherwise at
 * most three sentences of the top three passages (the fourth when the first has none to quote) that share most with the question's `terms`
 * (Retrieval.terms) and are the kind of sentence the question asks for (whether → a norm,
 * when → a date or deadline, what → a definition or list, who → a subject), each marked [n].
 * The lead sentence is the best of passage [1] when [1] has one that shares a word with the
 * question; sentences of [2]/[3] only follow it — unless [1] is one locality's own document the
 * question does not name (`ask.local`) and a sentence of a general document scores at least as well,
 * or the question asks what a field discloses (`ask.fieldItems`) and a sentence lists the field's items. When a passage matched through one of its
 * written questions (Hit.asked), that question's words count like `related` words in its sentences.
 * A question asking two things gets a sentence for each (eachPart).
 * A table row is shown with its column names, never bare, and competes like a sentence for a
 * question about its own item (at most one row per answer: the rows of a table repeat the same
 * columns); headings are never quoted, a document's title only as who issued it. Empty when
 * none of the top passages has a sentence to quote (only tables and headings, none about the question).
 */
export function extractiveAnswer(
  terms: readonly string[],
  hits: Hit[],
  weight: (token: string) => number = () => 1,
  ask: {
    kind?: QuestionKind;
    question?: string;
    related?: readonly string[];
    /** Whether the question names one catalogue column (or a value of one). */
    column?: boolean;
    /** The place of a document that is one locality's own and the question does not name (scope.ts). */
    local?: (doc: string) => string | undefined;
    /** Whether the question asks what a pilot field discloses (fieldsAskedWhatDisclosed). */
    fieldItems?: boolean;
    /** Whether the question asks how to fill its column (QueryReading.howToFill). */
    fill?: boolean;
    /** The catalogue columns the question asks about (QueryReading.columns). */
    columns?: readonly string[];
    /** The catalogue columns a heading or a note's label names (rankers.columnNamer). */
    columnsNamed?: (text: string) => readonly string[];
    /** The documents' terms for what the question says in everyday words (QueryReading.meant). */
    meant?: readonly string[];
  } = {},
): string {
  const first = hits[0];
  if (!first) return "";
  const faq = officialAnswer(hits);
  // an official answer to a close question that lacks what this one asks (a date) is no answer to it
  if (faq && holdsKind(ask.kind, faq, ask)) return faq;
  const q = new Set(terms);
  let total = 0;
  for (const t of q) total += weight(t);
  const meanWeight = q.size ? total / q.size : 0;
  const related = (ask.related ?? []).filter((t) => !q.has(t));
  const meant = (ask.meant ?? []).map(normalize);
  const wanted = ANSWERS[ask.kind ?? "other"];
  const contactOk = ASKS_CONTACT.test(ask.question ?? "");
  // a template's column list names every column: it answers a question about the table's columns
  // (台账要填哪些栏), not one about filling one column (特定群体那一栏咋写), which it matches just as well
  const columnsOk = !ask.column || ASKS_COLUMNS.test(ask.question ?? "");
  const absolute = ABSOLUTE.test(ask.question ?? "");
  const qPairs = new Set(charBigrams(stripQuestionWords(ask.question ?? terms.join(" "))));
  const askedColumns = ask.columns ?? [];
  const headed = (s: Sentence) => ask.columnsNamed?.(s.headingText) ?? [];
  // the columns a sentence explains: under its heading, or by its label ("备注：4.公开主体：…")
  const named = (s: Sentence) => [...headed(s), ...(ask.columnsNamed?.(NOTE_LABEL.exec(s.text)?.[1] ?? "") ?? [])];
  const explains = (c: Candidate) => named(c.s);
  const scored: Candidate[] = [];
  hits.slice(0, 4).forEach((h, hi) => {
    // a fourth passage stands in when the first has nothing to quote (a guideline's title and link)
    if (hi === 3 && scored.some((c) => c.hit === 0)) return;
    const sentences = sentencesOf(h.chunk);
    // the written question the passage matched through was written for one point of it: its
    // words (重复, 处理 for 三天两头来申请) say which sentence that point is
    const asked = (h.asked ?? []).filter((t) => !q.has(t) && !related.includes(t));
    sentences.forEach((s, pos) => {
      // a list item is read with its lead-in ("…分别作出答复：(四)…"); a lead-in alone is no answer
      const intro = s.intro === undefined ? undefined : sentences[s.intro];
      const full = intro ? `${intro.text}${s.text}` : s.text;
      // a document's title names its issuer and where to read it: it answers who issued it (社会救助的
      //指引是哪个部门发的) and where it is (国家的指引在哪里看), from the passage the question is most
      // about, and nothing else (what that guideline requires)
      if (s.opens || s.text.length < MIN_SENTENCE || (!contactOk && CONTACT.test(full)) || (s.title && (hi > 0 || (ask.kind !== "who" && ask.kind !== "where")))) return;
      if (s.columns && !columnsOk) return;
      // an issuer and date closing a notice answers when it was issued, nothing else
      if (SIGNED.test(s.text) && (ask.kind !== "when" || ask.fill)) return;
      // a slide explaining two columns in turn (5. 公开时限的编写 … 6. 公开主体的编写): the note under
      // the other column's heading shares the words of filling a column, not what is asked
      // …and so is a note labelled with another column ("备注：5.公开渠道和载体：…" for 公开主体)
      if (askedColumns.length && named(s).length && !named(s).some((c) => askedColumns.includes(c))) return;
      let own = 0;
      let context = 0;
      const matched = new Set<string>();
      for (const t of q) {
        if (s.tokens.has(t) || intro?.tokens.has(t)) {
          own += weight(t);
          matched.add(t);
        }
        else if (s.heading.has(t)) context += HEADING_SHARE * weight(t);
      }
      for (const t of related) if (s.tokens.has(t) || intro?.tokens.has(t)) own += RELATED_SHARE * weight(t);
      for (const t of asked) if (s.tokens.has(t) || intro?.tokens.has(t)) own += RELATED_SHARE * weight(t);
      // a sentence in the documents' own words for what the question tells (没有 → 该政府信息不存在) says it
      if (meant.length) {
        const text = normalize(full);
        for (const m of meant) if (text.includes(m)) own += MEANT_SHARE * meanWeight;
      }
      // what a field discloses is answered by the sentence listing its items ("…等4类一级事项13类二级事项")
      const kindOk = (wanted?.test(intro ? `${intro.own}${s.own}` : s.own) ?? false) || (ask.fieldItems === true && listsFieldItems(s.text));
      // a sentence sharing no word with the question is quoted only as the kind asked for (a date
      // line for a when-question) under a heading about the question; a signature line never
      if (own <= 0 && !(kindOk && context > 0)) return;
      // a sample row answers a question about its own item only, named by one of the question's
      // telling words (人事 in 人事信息, not 信息), not one sharing a word of its other cells (公开)
      if (s.item && ![...matched].some((t) => s.item!.has(t) && weight(t) >= meanWeight)) return;
      const got = own + context;
      const share = total ? got / total : 0;
      let pairs = 0;
      for (const b of qPairs) if (s.bigrams.has(b) || intro?.bigrams.has(b)) pairs++;
      const tie = qPairs.size ? (BIGRAM_WEIGHT * pairs) / qPairs.size : 0;
      scored.push({ s, intro, hit: hi, pos, matched, score: share * (kindOk ? KIND_FACTOR : 1) + tie - hi * RANK_PENALTY, fits: kindOk });
    });
  });
  let rows = 0;
  const ranked = scored.sort((a, b) => b.score - a.score).filter((c) => !c.s.row || rows++ === 0);
  // Retrieval ranks the passages on the whole question; a sentence scores on its words only. So
  // the lead comes from the best passage whenever one of its sentences shares a word with the
  // question (a norm of [2] does not outrank the article the question is about); the next best
  // of all three passages follow in reading order.
  // …but what a field discloses is answered first by the sentence listing its items, wherever it is
  // …and a yes-or-no question (只贴公示栏中不中) is not answered by a form's row of checkboxes
  // when the passage has a sentence of its own
  const boxes = (c: Candidate) => ask.kind === "whether" && CHECKBOXES.test(c.s.text);
  let lead = (ask.fieldItems ? ranked.find((c) => listsFieldItems(c.s.text)) : undefined) ?? ranked.find((c) => c.hit === 0 && !boxes(c)) ?? ranked.find((c) => c.hit === 0) ?? ranked[0];
  // One locality's notice is not the rule for an official elsewhere: a sentence of a national or
  // provincial document that answers at least as well leads instead.
  const local = (c: Candidate) => ask.local?.(hits[c.hit]!.chunk.doc) !== undefined;
  const general = lead && local(lead) ? ranked.find((c) => !local(c)) : undefined;
  if (general && general.score >= lead!.score) lead = general;
  // how to fill a column is answered first by the note on that column, wherever it ranks
  // (征收决定公开时限: the field's guideline notice ranks first, the note on 公开时限 says what to write)
  const onColumn = (c: Candidate) => explains(c).some((col) => askedColumns.includes(col));
  if (ask.fill && lead && !onColumn(lead)) lead = ranked.find(onColumn) ?? lead;
  // how long until something is due is answered by a period: when the best passage states none,
  // the best sentence of the others that does leads (城乡规划批了多久公开 → 20个工作日内); how often
  // (多久更新一次) is not a period
  if (lead && ask.kind === "when" && HOW_LONG.test(ask.question ?? "") && !ranked.some((c) => c.hit === lead!.hit && c.fits)) lead = ranked.find((c) => c.fits && c.matched.size > 0) ?? lead;
  if (!lead) return firstLines(hits);
  let rest = eachPart(lead, ranked, terms, ask.question ?? "", { asked: askedColumns, explains });
  // doubting an absolute is answered by the lead rule's exception, which follows it (但是，第三方同意公开…)
  const next = absolute ? sentencesOf(hits[lead.hit]!.chunk)[lead.pos + 1] : undefined;
  if (next && EXCEPTION.test(next.text) && !rest.some((c) => c.s === next)) {
    rest = [{ s: next, matched: new Set<string>(), intro: undefined, hit: lead.hit, pos: lead.pos + 1, score: lead.score }, ...rest].slice(0, MAX_SENTENCES - 1);
  }
  const list = ask.kind === "what" ? wholeList(lead, hits) : undefined;
  const shown = new Set<Sentence>();
  const quote = (c: Candidate) => {
    const withIntro = c.intro && !shown.has(c.intro) ? `${c.intro.text}${c.s.text}` : c.s.text;
    if (c.intro) shown.add(c.intro);
    return `${withIntro} [${c.hit + 1}]`;
  };
  if (list) return [list, ...rest.filter((c) => c.hit !== lead.hit || c.intro !== lead.intro).map(quote)].join("\n");
  return continuationsLast(withRules([lead, ...rest], hits)).map(quote).join("\n");
}

/**
 * A what-question answered by an item of a list ("年度报告应当包括下列内容：(一)…") asks for the
 * whole list: its lead-in and every item, when they fit in LIST_ANSWER_MAX characters.
 */
function wholeList(lead: Candidate, hits: Hit[]): string | undefined {
  if (!lead.intro) return undefined;
  const sentences = sentencesOf(hits[lead.hit]!.chunk);
  const at = sentences.indexOf(lead.intro);
  const items = sentences.filter((s) => s.intro === at);
  const text = `${lead.intro.text}${items.map((s) => s.text).join("")}`;
  return items.length > 1 && text.length <= LIST_ANSWER_MAX ? `${text} [${lead.hit + 1}]` : undefined;
}

/**
 * The FAQ pair to quote whole, if the best passage is an official answer to the same question
 * (its question matches closely) and the answer is short. A long official answer, one to a
 * merely related question, or one that retrieval ranks below another passage gives its
 * sentences to the selection like any passage (quoted whole from [2], it would push out
 * the passage the question is about).
 */
function officialAnswer(hits: Hit[]): string | undefined {
  const h = hits[0]!;
  if (!h.chunk.question || h.questionMatch < FAQ_QUOTE_MIN_MATCH) return undefined;
  const answer = h.chunk.text.slice(h.chunk.question.length).trim();
  return sentencesOf(h.chunk).filter((s) => s.text).length <= MAX_SENTENCES ? `${answer} [1]` : undefined;
}

/**
 * The first prose lines of the first passage that has prose, or nothing (the caller says that
 * no passage answers directly and lists them): never a heading, a title, or a table's markup.
 */
function firstLines(hits: Hit[]): string {
  for (const [i, h] of hits.slice(0, 3).entries()) {
    const prose = sentencesOf(h.chunk).filter((s) => s.text.length >= MIN_SENTENCE && !s.opens && !s.row && !s.title && !SIGNED.test(s.text)).slice(0, MAX_SENTENCES);
    if (prose.length) return prose.map((s) => `${s.text} [${i + 1}]`).join("\n");
  }
  return "";
}
