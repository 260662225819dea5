import type { Chunk } from "./ingest.js";
import type { QuestionKind } from "./query-understanding.js";
import type { Hit } from "./retrieve.js";
import { splitSentences, tokenize } from "./tokenize.js";

/** When the best passage's question matches this well, its official answer is quoted whole. */
const FAQ_QUOTE_MIN_MATCH = 0.6;
const MAX_SENTENCES = 3;
const TABLE_ROW_WEIGHT = 0.6;
const TABLE_ROW_MIN_SHARE = 0.5;
/** Score a sentence gains when it is the kind of sentence the question asks for. */
const KIND_BONUS = 0.4;
/** Score lost per rank of the passage a sentence comes from. */
const RANK_PENALTY = 0.1;
const MIN_SENTENCE = 8;

/** Sentences that answer each kind of question. */
const ANSWERS: Record<QuestionKind, RegExp | undefined> = {
  whether: /应当|不得|可以|不需|无需|不必|必须|只需|不宜|原则上|不能|禁止|允许|需要|应/,
  when: /\d+\s*个?工作日|\d+\s*日|\d+\s*月|\d{4}\s*年|之日起|日内|日前|月底|年底|每季度|每月|每年|前完成/,
  what: /是指|指的是|即|包括|包含|分为|主要有|分别是|：|:/,
  who: /负责|责任单位|牵头|主体|部门|机关|单位|谁/,
  how: /应当|应|可以|填写|编写|写明|标注|列出|注明|按照|根据|结合/,
  other: undefined,
};

/** A contact line (a person's phone or e-mail): never an answer unless contacts are asked for. */
const CONTACT = /(电话|联系人|联系方式|手机|邮箱|传真)[:：]?\s*[\d-]{5,}|1[3-9]\d{9}|\d{3,4}-\d{7,8}|@\w+\./;
const ASKS_CONTACT = /电话|联系|手机|邮箱|传真/;

/**
 * The offline answer: the FAQ's official answer when the question matches one, otherwise at
 * most three sentences of the top passages that share most with the question's `terms`
 * (Retrieval.terms) and are the kind of sentence the question asks for (whether → a norm,
 * when → a date or deadline, what → a definition or list, who → a subject), each marked [n].
 * A table row is shown with its column names, never bare; headings are never quoted.
 */
export function extractiveAnswer(
  terms: readonly string[],
  hits: Hit[],
  weight: (token: string) => number = () => 1,
  ask: { kind?: QuestionKind; question?: string } = {},
): string {
  const first = hits[0];
  if (!first) return "";
  const faq = officialAnswer(hits);
  if (faq) return faq;
  const q = new Set(terms);
  let total = 0;
  for (const t of q) total += weight(t);
  const wanted = ANSWERS[ask.kind ?? "other"];
  const contactOk = ASKS_CONTACT.test(ask.question ?? "");
  const scored: { text: string; hit: number; pos: number; score: number; row: boolean }[] = [];
  hits.slice(0, 3).forEach((h, hi) => {
    sentencesOf(h.chunk).forEach(({ text, row, tokens }, pos) => {
      if (text.length < MIN_SENTENCE || (!contactOk && CONTACT.test(text))) return;
      let got = 0;
      for (const t of tokens) if (q.has(t)) got += weight(t);
      const share = total ? got / total : 0;
      // a table row is quoted only when it holds most of the question, and then at most one
      if (got <= 0 || (row && share < TABLE_ROW_MIN_SHARE)) return;
      const bonus = wanted?.test(text) ? KIND_BONUS : 0;
      scored.push({ text, hit: hi, pos, row, score: share * (row ? TABLE_ROW_WEIGHT : 1) + bonus - hi * RANK_PENALTY });
    });
  });
  let rows = 0;
  const ranked = scored.sort((a, b) => b.score - a.score).filter((c) => !c.row || rows++ === 0);
  const lead = ranked[0];
  if (!lead) return `${firstLines(first)} [1]`;
  // the sentence that answers leads; the next best follow in reading order
  const rest = ranked
    .slice(1, MAX_SENTENCES)
    .sort((a, b) => a.hit - b.hit || a.pos - b.pos);
  const chosen = [lead, ...rest];
  return chosen.map((c) => `${c.text} [${c.hit + 1}]`).join("\n");
}

interface Sentence {
  text: string;
  row: boolean;
  tokens: Set<string>;
}

// Passages are immutable once loaded: their sentences and tokens are cut once, not per question.
const sentenceCache = new WeakMap<Chunk, Sentence[]>();

function sentencesOf(chunk: Chunk): Sentence[] {
  let s = sentenceCache.get(chunk);
  if (!s) {
    s = passageSentences(chunk).map((x) => ({ ...x, tokens: new Set(tokenize(x.text)) }));
    sentenceCache.set(chunk, s);
  }
  return s;
}

/** The passage's answerable sentences: prose split at sentence ends, table rows with their column names. */
function passageSentences(chunk: Chunk): { text: string; row: boolean }[] {
  // headings name the passage; they are not answer sentences (merged sections join theirs with —)
  const headings = new Set(chunk.section.split(/ > |—/));
  let header: string[] | undefined;
  return chunk.text.split("\n").flatMap((line, i, lines): { text: string; row: boolean }[] => {
    if (headings.has(line) || line === chunk.question || /^[\d一二三四五六七八九十]+[.、．]\s*\S{1,20}$/.test(line)) return [];
    if (!line.startsWith("|")) return splitSentences(line).map((text) => ({ text, row: false }));
    if (isRule(line)) return [];
    if (lines[i + 1] !== undefined && isRule(lines[i + 1]!)) {
      header = cells(line);
      return [];
    }
    return isMostlyFilled(line) ? [{ text: labelledRow(cells(line), header), row: true }] : [];
  });
}

const isRule = (line: string) => /^\|[\s:|-]+\|?$/.test(line);
const cells = (row: string) => row.replace(/^\||\|$/g, "").split("|").map((c) => c.replace(/<br\s*\/?>/g, "、").trim());

/** A table row worth quoting: at least half of its cells hold text (not a sub-header or blank template row). */
function isMostlyFilled(row: string): boolean {
  const c = cells(row);
  return c.filter(Boolean).length * 2 >= c.length;
}

/** "公开时限：…；公开主体：…" — a row reads as an answer only with its column names. */
function labelledRow(values: string[], header: string[] | undefined): string {
  const parts = values.flatMap((v, i) => {
    if (!v || /^(序号|\d+)$/.test(header?.[i] ?? "") || (i === 0 && /^\d+$/.test(v))) return [];
    const name = header?.[i];
    return [name ? `${name}：${v}` : v];
  });
  return `${parts.join("；")}。`;
}

/**
 * The FAQ pair to quote whole, if one of the top passages is an official answer to the same
 * question: its question matches closely, or it covers the question as well as the best passage.
 */
function officialAnswer(hits: Hit[]): string | undefined {
  const best = Math.max(...hits.slice(0, 3).map((h) => h.coverage));
  // an FAQ below the best passage is quoted only when its question is the same question
  const i = hits
    .slice(0, 3)
    .findIndex((h, rank) => h.chunk.question && (h.questionMatch >= FAQ_QUOTE_MIN_MATCH || (rank === 0 && h.coverage >= best * 0.95)));
  if (i < 0) return undefined;
  const h = hits[i]!;
  return `${h.chunk.text.slice(h.chunk.question!.length).trim()} [${i + 1}]`;
}

/** The passage's first prose lines (never a heading or table alone). */
function firstLines(h: Hit): string {
  const prose = sentencesOf(h.chunk).slice(0, MAX_SENTENCES).map((s) => s.text);
  return prose.length ? prose.join("\n") : h.chunk.text.split("\n").slice(0, 4).join("\n");
}
