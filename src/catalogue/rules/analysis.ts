/** Pure text analysis used by the rules: 公开依据 items and 公开时限 periods. */
import { compactKey } from "../text.js";

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** Converts a small Chinese numeral (up to 九百九十九) or Arabic digits to a number. */
export function parseNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in CN_DIGITS) current = CN_DIGITS[ch] as number;
    else if (ch === "十") {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch === "百") {
      total += (current || 1) * 100;
      current = 0;
    } else return null;
  }
  return total + current;
}

/** A period named in a 公开时限. */
export interface Period {
  amount: number;
  unit: "working-day" | "day" | "week" | "month" | "year" | "hour";
  text: string;
  /** A minimum duration (公示期不少于30日, 满30日): not a disclosure deadline. */
  minimum?: boolean;
  /** Followed by 内/以内: the deadline itself. */
  within?: boolean;
}

const CN = "[一二两三四五六七八九十百〇零]";
const NUM = `(?:\\d+|${CN}+)`;
const PERIOD = new RegExp(`(\\d+|${CN}+)\\s*(?:个)?\\s*(工作日|自然日|日|天|周|星期|月|年|小时)`, "g");
/**
 * Calendar dates, which name a day rather than a period: 3月31日, 6月底, 次月10日, 每月5日, 每年1月,
 * 3月份, 2019年.
 * "3个月" (with 个) stays a period.
 */
const DATE = new RegExp(
  [
    `(?:[每次当上下]\\s*年\\s*)?${NUM}\\s*月\\s*(?:${NUM}\\s*[日号]|[底末初]|[上中下]旬)`,
    `[每次当上下]\\s*月\\s*${NUM}\\s*[日号]`,
    `(?:[每次当上下]\\s*年|(?:19|20)\\d{2}\\s*年)\\s*${NUM}\\s*月(?:份)?`,
    `${NUM}\\s*月份`,
    `(?:19|20)\\d{2}\\s*年`,
  ].join("|"),
  "g",
);
const MINIMUM_BEFORE = /(?:不少于|不得少于|不低于|不短于|不少於|至少|满)\s*$/;

/** The 公开时限 text with calendar dates blanked out (same length, so offsets still match). */
function withoutDates(text: string): string {
  return text.replace(DATE, (m) => "\u3000".repeat(m.length));
}

/** True when the text names a calendar date (每年3月31日前, 次月10日前, 6月底前). */
export function namesDate(timeLimit: string): boolean {
  return new RegExp(DATE.source).test(timeLimit.normalize("NFKC"));
}

/** All periods named in a 公开时限, in order; calendar dates are not periods. */
export function findPeriods(timeLimit: string): Period[] {
  const t = withoutDates(timeLimit.normalize("NFKC"));
  const out: Period[] = [];
  for (const m of t.matchAll(PERIOD)) {
    const amount = parseNumber(m[1] as string);
    if (amount === null) continue;
    const u = m[2] as string;
    const unit: Period["unit"] =
      u === "工作日" ? "working-day" : u === "周" || u === "星期" ? "week" : u === "月" ? "month" : u === "年" ? "year" : u === "小时" ? "hour" : "day";
    const start = m.index ?? 0;
    const after = t.slice(start + m[0].length);
    const period: Period = { amount, unit, text: m[0] };
    if (MINIMUM_BEFORE.test(t.slice(0, start))) period.minimum = true;
    if (/^\s*(?:以内|之内|内)/.test(after)) period.within = true;
    out.push(period);
  }
  return out;
}

/**
 * The period a 公开时限 sets for disclosure (R08): minimum durations (不少于/不得少于/满/至少 …)
 * are ignored and a period followed by 内/以内 is preferred; null when there is none.
 */
export function disclosurePeriod(timeLimit: string): Period | null {
  const candidates = findPeriods(timeLimit).filter((p) => !p.minimum);
  return candidates.find((p) => p.within) ?? candidates[0] ?? null;
}

/** True when the 公开时限 names a concrete period (a number of days/working days/months …), a date, or 实时. */
export function hasConcretePeriod(timeLimit: string): boolean {
  return findPeriods(timeLimit).length > 0 || namesDate(timeLimit) || /实时|即时|当日|当天/.test(timeLimit);
}

/**
 * Working days a period amounts to at least (calendar days × 5/7, a month counted as 21 working days).
 */
export function workingDays(p: Period): number {
  switch (p.unit) {
    case "working-day":
      return p.amount;
    case "day":
      return (p.amount * 5) / 7;
    case "week":
      return p.amount * 5;
    case "month":
      return p.amount * 21;
    case "year":
      return p.amount * 250;
    case "hour":
      return p.amount / 24;
  }
}

/** Document titles in a 公开依据 item (text inside 《》 or 〈〉). */
export function titlesOf(item: string): string[] {
  return [...item.matchAll(/[《〈<]([^》〉>]+)[》〉>]/g)].map((m) => (m[1] as string).trim());
}

/**
 * Rewrites order numbers written in Chinese numerals as digits: 国务院令第四九二号 → 国务院令第492号,
 * 第七百一十一号 → 第711号 (digit by digit when there is no 十/百).
 */
export function normalizeOrderNumbers(text: string): string {
  return text.replace(/令(\s*第?\s*)([一二三四五六七八九十百〇零]+)(\s*号)/g, (all, pre: string, num: string, post: string) => {
    const n = /[十百]/.test(num) ? parseNumber(num) : Number([...num].map((ch) => CN_DIGITS[ch] ?? "x").join(""));
    return n === null || Number.isNaN(n) ? all : `令${pre}${n}${post}`;
  });
}

const DOC_NUMBER = /[\u4e00-\u9fa5]{1,15}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*(?:第\s*)?\d+\s*号|令\s*第?\s*\d+\s*号/;

/** A 公开依据 item names a document: it has a 《》 title or a 文号 such as 国办发〔2019〕54号. */
export function isNamedDocument(item: string): boolean {
  return titlesOf(item).length > 0 || DOC_NUMBER.test(normalizeOrderNumbers(item.normalize("NFKC")));
}

/** Endings of a law's, regulation's or policy document's title (土地管理法, 社会救助暂行办法, …的意见). */
const TITLE_ENDING = /(?:法|条例|规定|办法|规则|细则|意见|通知|决定|方案|纲要|指引)$/;
/** Wording that refers to documents in general, not to one of them (相关法律法规, 国家有关规定). */
const GENERIC_REFERENCE = /^(?:国家|中央|省|市|县|上级|各级)?(?:有关|相关|其他|其它|现行|上级|各项|各类)|等$|^(?:法律|法规|规章|法律法规|法律法规规章|规定|政策|文件|通知|意见)$/;

/**
 * The title a 公开依据 item names without 书名号 (R05): "社会救助暂行办法" names a regulation
 * but lacks 《》. Returns the title to write in 《》 — the full title when documents.yaml knows the
 * name (政府信息公开条例 → 中华人民共和国政府信息公开条例) — or null when the item has a 《》 title or
 * a 文号, or does not read as a document's title (相关法律法规, 国家有关规定).
 */
export function titleWithoutQuotes(item: string, documents?: ReadonlyMap<string, { doc: { title: string } }>): string | null {
  if (isNamedDocument(item)) return null;
  // An article cited after the name (R04 reports it) is not part of the title.
  const name = compactKey(item)
    .replace(/第[0-9一二三四五六七八九十百零〇两]+[条款项].*$/, "")
    .replace(/[。；;，,、]+$/, "")
    .replace(/\([^)]*\)$/, "");
  if (name === "") return null;
  const known = documents?.get(name);
  if (known) return known.doc.title;
  if ([...name].length < 3 || !TITLE_ENDING.test(name) || GENERIC_REFERENCE.test(name)) return null;
  return name;
}

/** The item cites article numbers (第X条/款/项) outside any 《》 title. */
export function citesArticle(item: string): boolean {
  const outside = item.replace(/《[^》]*》/g, "").replace(/[〈<][^〉>]*[〉>]/g, "");
  // 第五十七条, and 第五十七。 with 条 dropped before the punctuation.
  return /第\s*[0-9一二三四五六七八九十百零〇两]+\s*(?:[条款项]|(?=[。；;，,、）)]|$))/.test(outside);
}

/** Documents known by title or alias (knowledge documents.yaml): compactKey → document. */
export type DocumentIndex = ReadonlyMap<string, { doc: { kind: string; disclosureRegulation: boolean } }>;

function knownDocuments(item: string, documents?: DocumentIndex): { kind: string; disclosureRegulation: boolean }[] {
  if (!documents) return [];
  const titles = titlesOf(item);
  return (titles.length > 0 ? titles : [item]).flatMap((t) => {
    const hit = documents.get(compactKey(t).replace(/\([^)]*\)$/, ""));
    return hit ? [hit.doc] : [];
  });
}

/** The item is the 政府信息公开条例 — also abbreviated (《信息公开条例》) when `documents` knows the alias. */
export function isDisclosureRegulation(item: string, documents?: DocumentIndex): boolean {
  return compactKey(item).includes("政府信息公开条例") || knownDocuments(item, documents).some((d) => d.disclosureRegulation);
}

/**
 * The item cites the superseded 2007 regulation (国务院令第492号). An item that also names the
 * 2019 revision (国务院令第711号, or 2019年…修订) cites the regulation in force.
 */
export function citesSupersededRegulation(item: string, documents?: DocumentIndex): boolean {
  const k = normalizeOrderNumbers(compactKey(item));
  if (/令第?711号/.test(k) || /2019年.*修订/.test(k)) return false;
  return /国务院令第?492号|令第492号/.test(k) || (isDisclosureRegulation(item, documents) && /2007/.test(k));
}

/** The item is a law or regulation (法律、行政法规、规章), which may set its own disclosure period. */
export function isLawOrRegulation(item: string, documents?: DocumentIndex): boolean {
  const known = knownDocuments(item, documents);
  if (known.length > 0) return known.some((d) => d.kind === "law" || d.kind === "regulation");
  const titles = titlesOf(item);
  const names = titles.length > 0 ? titles : [item];
  return names.some((n) => /(法|条例|规定|办法|规则|细则)$/.test(compactKey(n).replace(/\(.*\)$/, "")));
}
