import type { Chunk, QuestionIntent, SynonymGroup } from "./ingest.js";
import type { KnowledgeIndex } from "./index.js";
import { normalize, stripQuestionWords, tokenize } from "./tokenize.js";

/** One ranked passage with the evidence behind its rank. */
export interface Hit {
  chunk: Chunk;
  /** Fused reciprocal-rank score. */
  score: number;
  /** Share of the query's IDF mass that the passage contains (0–1). */
  coverage: number;
  /** Question-to-question similarity when the passage is an FAQ pair (0–1), else 0. */
  questionMatch: number;
}

export interface Retrieval {
  /** The question's content words (question phrasing and fillers removed), each once. */
  terms: string[];
  hits: Hit[];
  /** How clearly the question is about this domain and covered by a passage (see ABSTAIN_BELOW). */
  relevance: number;
  abstain: boolean;
}

/** Reciprocal rank fusion constant (Cormack et al. use 60). */
const RRF_K = 20;
const CANDIDATES = 40;
const BIGRAM_WEIGHT = 0.5;
/** An FAQ question counts as the same question from this similarity on (both ways, IDF-weighted). */
const QUESTION_MATCH_MIN = 0.4;
/** Weight of synonym-expansion terms relative to the words the user typed. */
const EXPANSION_WEIGHT = 0.4;

/**
 * Abstention: a question is answered when it is about this domain and a passage covers it.
 * relevance = (strongest domain salience of its words) / 10 + (best passage coverage).
 * Calibrated on bench/abstention-calibration.jsonl (everyday questions vs officials'
 * questions written apart from the dev set): everyday questions scored ≤ 0.49, domain
 * questions ≥ 0.77; `npm run bench` prints both bounds so the margin stays visible.
 */
export const ABSTAIN_BELOW = 0.65;

/**
 * Hybrid retrieval: BM25 over jieba tokens (with synonym expansion), vector search, and
 * FAQ question-to-question matching, fused by reciprocal rank; then the abstention decision.
 */
export async function retrieve(index: KnowledgeIndex, question: string, top = 5): Promise<Retrieval> {
  const chunks = index.knowledge.chunks;
  const queryTokens = [...new Set(tokenize(stripQuestionWords(question)))];
  const expansion = [...new Set([...expand(question, index.knowledge.synonyms), ...intentTerms(question, index.knowledge.intents)])];
  const idf = idfOf(index);
  const rankings: { ids: number[]; weight: number }[] = [];

  if (queryTokens.length) {
    const typed = new Set(queryTokens);
    const bm25 = index.bm25.search([question, ...expansion].join(" "), {
      boostTerm: (term) => (typed.has(term) ? 1 : EXPANSION_WEIGHT),
    });
    rankings.push({ ids: bm25.slice(0, CANDIDATES).map((r) => r.id as number), weight: 1 });
  }

  const bigram = index.bigrams.search(stripQuestionWords(question));
  if (bigram.length) rankings.push({ ids: bigram.slice(0, CANDIDATES).map((r) => r.id as number), weight: BIGRAM_WEIGHT });

  const questionScores = new Map<number, number>();
  if (queryTokens.length) {
    for (const r of index.questions.search(question).slice(0, 10)) {
      const asked = new Set(tokenize(chunks[r.id as number]!.question ?? ""));
      const match = Math.min(overlap(queryTokens, asked, idf), overlap([...asked], new Set(queryTokens), idf));
      if (match >= QUESTION_MATCH_MIN) questionScores.set(r.id as number, match);
    }
    const matched = [...questionScores.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
    if (matched.length) rankings.push({ ids: matched, weight: 1 });
  }

  const vector = await vectorRanking(index, `${question} ${expansion.join(" ")}`.trim());
  if (vector.length) rankings.push({ ids: vector, weight: 1 });

  const fused = new Map<number, number>();
  for (const { ids, weight } of rankings) {
    ids.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + weight / (RRF_K + rank + 1)));
  }

  const hits: Hit[] = [...fused.entries()].map(([id, score]) => {
    const chunk = chunks[id]!;
    const coverage = overlap(queryTokens, index.tokens[id]!, idf);
    const questionMatch = questionScores.get(id) ?? 0;
    // Passages that hold most of the question's meaning move up; the fused rank breaks ties.
    return { chunk, score: score * (0.75 + coverage) ** 2 * (1 + 0.5 * questionMatch), coverage, questionMatch };
  });
  hits.sort((a, b) => b.score - a.score);

  const passage = Math.max(0, ...hits.slice(0, 10).map((h) => Math.max(h.coverage, h.questionMatch)));
  const salience = Math.max(0, ...queryTokens.map((t) => index.salience.get(t) ?? 0));
  const relevance = Math.min(salience, 10) / 10 + passage;
  return { terms: queryTokens, hits: hits.slice(0, top), relevance, abstain: queryTokens.length === 0 || relevance < ABSTAIN_BELOW };
}

async function vectorRanking(index: KnowledgeIndex, text: string): Promise<number[]> {
  try {
    const v = await index.embeddings.embedQuery(text);
    const res = await index.vectors.similaritySearchVectorWithScore(v, Math.min(CANDIDATES, index.knowledge.chunks.length));
    return res.map(([doc]) => (doc.metadata as { i: number }).i);
  } catch {
    return []; // a remote embeddings endpoint that fails leaves BM25 and FAQ matching
  }
}

/** Terms of the synonym groups that the question mentions, minus what it already says. */
export function expand(question: string, groups: SynonymGroup[]): string[] {
  const q = normalize(question);
  const out = new Set<string>();
  for (const g of groups) {
    if (g.terms.some((t) => q.includes(normalize(t)))) {
      for (const t of g.terms) if (!q.includes(normalize(t))) out.add(t);
    }
  }
  return [...out];
}

/** Terms the documents use to answer the way the question asks (多久 → 时限, 工作日内 …). */
export function intentTerms(question: string, intents: QuestionIntent[]): string[] {
  const q = normalize(question);
  return intents.filter((i) => i.ask.some((a) => q.includes(a))).flatMap((i) => i.terms);
}

/** Inverse document frequency of a token over the passages (unseen tokens weigh most). */
export function idfOf(index: KnowledgeIndex): (t: string) => number {
  const n = index.knowledge.chunks.length;
  return (t) => Math.log((n + 1) / ((index.df.get(t) ?? 0) + 1)) + 1;
}

/** IDF-weighted share of the query tokens that occur among `tokens`. */
function overlap(query: string[], have: { has(t: string): boolean }, idf: (t: string) => number): number {
  if (!query.length) return 0;
  let total = 0;
  let got = 0;
  for (const t of query) {
    const w = idf(t);
    total += w;
    if (have.has(t)) got += w;
  }
  return total ? got / total : 0;
}
