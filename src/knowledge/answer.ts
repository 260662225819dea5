import type { Citation } from "./types.js";
import type { Hit } from "./retrieve.js";
import { splitSentences, tokenize } from "./tokenize.js";

/** Turns ranked passages into the citations an answer shows. */
export function toCitations(hits: Hit[]): Citation[] {
  return hits.map((h) => ({
    doc: h.chunk.doc,
    title: h.chunk.title,
    section: h.chunk.section,
    text: h.chunk.text,
    score: Number(h.score.toFixed(6)),
  }));
}

/** When the best passage's question matches this well, its official answer is quoted whole. */
const FAQ_QUOTE_MIN_MATCH = 0.6;
const MAX_SENTENCES = 3;
const TABLE_ROW_WEIGHT = 0.6;
const TABLE_ROW_MIN_SHARE = 0.5;

/** A table row worth quoting: at least half of its cells hold text (not a sub-header or blank template row). */
function isMostlyFilled(row: string): boolean {
  const cells = row.replace(/^\||\|$/g, "").split("|");
  return cells.filter((c) => c.trim()).length * 2 >= cells.length;
}

/**
 * The offline answer: the FAQ's official answer when the question matches one, otherwise the
 * sentences of the top passages that share most with the question's `terms` (Retrieval.terms),
 * each marked [n].
 */
export function extractiveAnswer(terms: readonly string[], hits: Hit[], weight: (token: string) => number = () => 1): string {
  const first = hits[0];
  if (!first) return "";
  const faq = officialAnswer(hits);
  if (faq) return faq;
  const q = new Set(terms);
  let total = 0;
  for (const t of q) total += weight(t);
  const scored: { text: string; hit: number; pos: number; score: number }[] = [];
  hits.slice(0, 3).forEach((h, hi) => {
    // headings name the passage; they are not answer sentences (merged sections join theirs with —)
    const headings = new Set(h.chunk.section.split(/ > |—/));
    const body = h.chunk.text.split("\n").flatMap((line, i, lines) => {
      if (headings.has(line) || line === h.chunk.question || /^[\d一二三四五六七八九十]+[.、．]\s*\S{1,20}$/.test(line)) return [];
      if (!line.startsWith("|")) return splitSentences(line);
      const isHeader = lines[i + 1] !== undefined && /^\|[\s:|-]+\|?$/.test(lines[i + 1]!);
      return isHeader || /^\|[\s:|-]+\|?$/.test(line) || !isMostlyFilled(line) ? [] : [line];
    });
    body.forEach((s, pos) => {
      if (s.length < 8) return;
      let got = 0;
      for (const t of new Set(tokenize(s))) if (q.has(t)) got += weight(t);
      // a table row is quoted only when it holds most of the question, and then at most one
      const share = total ? got / total : 0;
      const isRow = s.startsWith("|");
      if (got > 0 && (!isRow || share >= TABLE_ROW_MIN_SHARE)) scored.push({ text: s, hit: hi, pos, score: share * (isRow ? TABLE_ROW_WEIGHT : 1) - hi * 0.1 });
    });
  });
  let rows = 0;
  const chosen = scored
    .sort((a, b) => b.score - a.score)
    .filter((c) => !c.text.startsWith("|") || rows++ === 0)
    .slice(0, MAX_SENTENCES)
    .sort((a, b) => a.hit - b.hit || a.pos - b.pos);
  if (!chosen.length) return `${firstLines(first.chunk.text)} [1]`;
  return chosen.map((c) => `${c.text} [${c.hit + 1}]`).join("\n");
}

/**
 * The FAQ pair to quote whole, if one of the top passages is an official answer to the same
 * question: its question matches closely, or it covers the question as well as the best passage.
 */
function officialAnswer(hits: Hit[]): string | undefined {
  const best = Math.max(...hits.slice(0, 3).map((h) => h.coverage));
  const i = hits
    .slice(0, 3)
    .findIndex((h) => h.chunk.question && (h.questionMatch >= FAQ_QUOTE_MIN_MATCH || h.coverage >= best * 0.95));
  if (i < 0) return undefined;
  const h = hits[i]!;
  return `${h.chunk.text.slice(h.chunk.question!.length).trim()} [${i + 1}]`;
}

function firstLines(text: string): string {
  return text.split("\n").slice(0, 4).join("\n");
}
