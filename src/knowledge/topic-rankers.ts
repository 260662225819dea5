/** Rankers for kinds of question whose answer is a known kind of passage, found by its wording: what must be disclosed, a field's items, the catalogue's deadline. */
import type { Chunk } from "./ingest.js";
import type { QueryReading } from "./query-understanding.js";
import { overlap, type Query, type Ranker, WEIGHTS } from "./rankers.js";
import { normalize, tokenize } from "./tokenize.js";

/**
 * A passage that lists what must be disclosed proactively: "主动公开本行政机关的下列政府信息" (条例
 * 第二十条), "主动公开涉及…社会救助等方面的政府信息" (第二十一条).
 */
const DISCLOSURE_LIST = /主动公开[^。：:]{0,30}(下列|以下)|主动公开[^。]{0,160}等方面的政府信息/;
const DISCLOSE = /公开|公示|公布|挂网|贴出/;

/**
 * Whether a question asks if something is to be disclosed (招生划片要公开不, 特困供养名单要公示吗):
 * not how to fill a column, nor about an application for information.
 */
export function asksIfDisclosed(r: QueryReading): boolean {
  return r.kind === "whether" && !r.howToFill && !r.columns.length && !r.text.includes("申请") && (DISCLOSE.test(r.text) || r.meant.includes("公开"));
}

/**
 * A question whether something is to be disclosed goes also to the passages listing what must be
 * disclosed proactively, those sharing most of its words (and the documents' words for them) first:
 * the clerk's name for it (招生划片, 特困供养名单) is rarely the list's (教育, 社会救助).
 */
export function disclosureListRanker(chunks: readonly Chunk[], passageTokens: Set<string>[]): Ranker {
  return routeRanker({ name: "disclosure-list", weight: WEIGHTS.disclosureList, chunks, passageTokens, passages: DISCLOSURE_LIST }, (q) =>
    asksIfDisclosed(q.reading) || (asksProactiveScope(q.reading) && LEVEL.test(q.reading.text)) ? withExpansion(q) : undefined,
  );
}

/**
 * The general scope of proactive disclosure: which information is to be disclosed proactively
 * (条例第十九条) and the list every administrative organ discloses (第二十条), not the additions of
 * one level of government (第二十一条: 市、县…还应当, 乡（镇）…还应当).
 */
const PROACTIVE_SCOPE = /行政机关应当主动公开。|主动公开本行政机关的下列/;
/** A level of government named in a question (县级部门主动公开哪些): its own additions answer it too. */
const LEVEL = /县|乡|镇|街道|市/;

/** 主动公开的范围有哪些, 主动公开啥, asked of no level of government: answered by the general scope (PROACTIVE_SCOPE). */
export function proactiveScopeRanker(chunks: readonly Chunk[], passageTokens: Set<string>[]): Ranker {
  return routeRanker({ name: "proactive-scope", weight: WEIGHTS.proactiveScope, chunks, passageTokens, passages: PROACTIVE_SCOPE }, (q) =>
    asksProactiveScope(q.reading) && !LEVEL.test(q.reading.text) ? withExpansion(q) : undefined,
  );
}

/** The question's words and the documents' words for them (the clerk's name for a thing is rarely the list's). */
function withExpansion(q: Query): string[] {
  return [...q.tokens, ...q.expansion.flatMap((e) => tokenize(e))];
}

/** What is to be disclosed proactively (主动公开的范围有哪些, 主动公开啥): the lists themselves answer it. */
function asksProactiveScope(r: QueryReading): boolean {
  return (r.kind === "what" || r.kind === "other") && !r.howToFill && /主动公开/.test(r.text) && /范围|哪些|什么|内容|包括/.test(r.text) && !r.text.includes("申请");
}

/**
 * A ranker for one kind of question: the passages whose text matches `passages`, those holding
 * most of the words `asks` gives first; none for a question `asks` gives no words for.
 */
function routeRanker(
  route: { name: string; weight: number; chunks: readonly Chunk[]; passageTokens: Set<string>[]; passages: RegExp },
  asks: (q: Query) => string[] | undefined,
): Ranker {
  const ids = route.chunks.flatMap((c, i) => (route.passages.test(c.text) ? [i] : []));
  return {
    name: route.name,
    weight: route.weight,
    rank(q) {
      const words = asks(q);
      if (!words) return [];
      const unique = [...new Set(words)];
      return ids
        .map((id) => ({ id, s: overlap(unique, route.passageTokens[id]!, q.idf) }))
        .sort((a, b) => b.s - a.s)
        .map(({ id }) => ({ id }));
    },
  };
}

/** A passage listing a field's items to disclose: "包括征地管理政策…4个一级公开事项", a table of 一级事项. */
const FIELD_ITEMS = /\d+\s*(个|类)一级(公开)?事项|公开事项要求|公开事项<br>一级事项/;
/** Asks what is to be disclosed: 公开啥, 公开哪些, 哪些要公开, 公开些什么. */
const ASKS_WHAT_DISCLOSED = /公开(什么|哪些|些什么|的内容)|哪些.{0,6}公开/;

/** The pilot fields a question asks what to disclose of (财政预决算公开啥 → 财政预决算), of `fields`. */
export function fieldsAskedWhatDisclosed(question: string, fields: readonly string[]): string[] {
  const text = normalize(question);
  return ASKS_WHAT_DISCLOSED.test(text) ? fields.filter((t) => text.includes(normalize(t))) : [];
}

/** Whether a passage lists a pilot field's items to disclose (FIELD_ITEMS). */
export function listsFieldItems(text: string): boolean {
  return FIELD_ITEMS.test(text);
}

/**
 * What a pilot field discloses (农村集体土地征收公开啥) is answered by the passages listing that
 * field's items, not by its guideline's title or its preamble.
 */
export function fieldItemsRanker(chunks: readonly Chunk[], fieldTerms: readonly string[]): Ranker {
  const items = chunks.flatMap((c, i) => (listsFieldItems(c.text) ? [{ id: i, text: normalize(`${c.title}${c.section}${c.text}`) }] : []));
  return {
    name: "field-items",
    weight: WEIGHTS.fieldItems,
    rank(q) {
      const named = fieldsAskedWhatDisclosed(q.reading.text, fieldTerms);
      if (!named.length) return [];
      return items.filter((p) => named.some((t) => p.text.includes(t))).map(({ id }) => ({ id }));
    },
  };
}

/** A date by which the catalogue is to be compiled or submitted: "于2020年底前编制完成本级政务公开事项标准目录". */
const CATALOGUE_DEADLINE = /\d{4}\s*年[^。；]{0,12}前[^。；]{0,120}编制完成[^。；]{0,20}目录|目录[^。；]{0,60}\d{4}\s*年\s*\d{1,2}\s*月[^。；]{0,6}前|编制[^|\n]{0,30}目录[^|\n]*\|[^|\n]*\|\s*\d{4}年\d{1,2}月底/;

/**
 * When the catalogue is due (目录最晚啥时候交, 县里通知目录啥时候报上去) is answered by the passages
 * giving a date for compiling or submitting it, those sharing most of the question's words (a place) first.
 */
export function catalogueDeadlineRanker(chunks: readonly Chunk[], passageTokens: Set<string>[]): Ranker {
  return routeRanker({ name: "catalogue-deadline", weight: WEIGHTS.catalogueDeadline, chunks, passageTokens, passages: CATALOGUE_DEADLINE }, ({ reading: r, tokens }) =>
    r.kind === "when" && !r.columns.length && r.text.includes("目录") && !/申请|答复|年报|年度报告|更新|调整/.test(r.text) ? tokens : undefined,
  );
}

/** Who organises the work: "基层政府要组织有关部门", "成立工作领导小组", "明确责任科室和责任人", "有机构承担、有专人负责". */
const WORK_DUTY = /组织有关部门|领导小组|责任科室|专人负责|有机构承担|负起主体责任|担负主体责任|抽调业务骨干|牵头编制/;
/** Asks who does the catalogue work or leads it (目录谁牵头, 党政办弄还是站所弄), not who reviews or files it, nor a column. */
const ASKS_WHO_DOES = /谁|哪个部门|哪个单位|牵头|负责|归哪|党政办|政府办|站所/;
const NOT_DUTY = /审|备案|主体|申请|年报|年度报告|公开栏|公示/;

/**
 * Who compiles the catalogue or leads the work (目录谁牵头, 乡镇的目录是党政办弄还是各个站所自己报)
 * is answered by the passages organising the work (WORK_DUTY), those sharing most of the question's words first.
 */
export function catalogueDutyRanker(chunks: readonly Chunk[], passageTokens: Set<string>[]): Ranker {
  return routeRanker({ name: "catalogue-duty", weight: WEIGHTS.catalogueDuty, chunks, passageTokens, passages: WORK_DUTY }, ({ reading: r, tokens }) =>
    !r.columns.length && /目录/.test(r.text) && ASKS_WHO_DOES.test(r.text) && !NOT_DUTY.test(r.text) ? tokens : undefined,
  );
}
