import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { VectorIndex } from "./vector-index.js";
import type MiniSearch from "minisearch";
import type { QueryReading } from "./query-understanding.js";

/** A question as the rankers see it. */
export interface Query {
  reading: QueryReading;
  /** The question's content tokens (jieba, question words removed), each once. */
  tokens: string[];
  /** Synonym and intent expansion terms (weigh less than the typed words). */
  expansion: string[];
  /** Inverse document frequency of a token over the passages. */
  idf: (token: string) => number;
}

/** One passage in a ranking; `match` is the ranker's own 0–1 evidence, when it has one. */
export interface Ranked {
  id: number;
  match?: number;
}

/** One way of ranking the passages; rankings are combined by `fuse`. */
export interface Ranker {
  name: string;
  weight: number;
  rank(query: Query): Promise<Ranked[]> | Ranked[];
}

/** Reciprocal rank fusion constant (Cormack et al. use 60; a smaller one trusts the top ranks more). */
export const RRF_K = 20;
/** Passages each ranker contributes to the fusion. */
export const CANDIDATES = 40;
/** Written questions compared closely with the question, from BM25's best. */
export const QUESTION_CANDIDATES = 10;
/** Weight of synonym-expansion terms relative to the words the user typed. */
export const EXPANSION_WEIGHT = 0.4;
/** A written question counts as the same question from this similarity on (both ways, IDF-weighted). */
export const QUESTION_MATCH_MIN = 0.4;

/** Named weights of the rankers in the fusion. */
export const WEIGHTS = {
  bm25: 1,
  bigram: 0.5,
  faq: 1,
  questionIndex: 1,
  vector: 1,
  concept: 1.5,
} as const;

/**
 * Weighted reciprocal rank fusion: each ranking adds weight / (k + rank) to its passages.
 * Pure; the order of the rankings does not matter.
 */
export function fuse(rankings: { weight: number; ranked: Ranked[] }[], k = RRF_K): Map<number, number> {
  const fused = new Map<number, number>();
  for (const { weight, ranked } of rankings) {
    ranked.forEach((r, rank) => fused.set(r.id, (fused.get(r.id) ?? 0) + weight / (k + rank + 1)));
  }
  return fused;
}

/** BM25 over jieba tokens of each passage, with the expansion terms weighted down. */
export function bm25Ranker(search: MiniSearch): Ranker {
  return {
    name: "bm25",
    weight: WEIGHTS.bm25,
    rank(q) {
      if (!q.tokens.length) return [];
      const typed = new Set(q.tokens);
      return search
        .search([q.reading.text, ...q.expansion].join(" "), { boostTerm: (t) => (typed.has(t) ? 1 : EXPANSION_WEIGHT) })
        .slice(0, CANDIDATES)
        .map((r) => ({ id: r.id as number }));
    },
  };
}

/** BM25 over character bigrams: catches words jieba cuts differently (报/上报, 进展/进展情况). */
export function bigramRanker(search: MiniSearch, stripped: (text: string) => string): Ranker {
  return {
    name: "bigram",
    weight: WEIGHTS.bigram,
    rank: (q) => search.search(stripped(q.reading.text)).slice(0, CANDIDATES).map((r) => ({ id: r.id as number })),
  };
}

/**
 * Question-to-question matching: written questions (the FAQ's own, or the question index) each
 * pointing to a passage. BM25 finds candidates; each is scored by IDF-weighted overlap both
 * ways, so a short question inside a long one does not count as the same question.
 */
export function questionRanker(
  name: string,
  weight: number,
  search: MiniSearch,
  questions: { chunk: number; tokens: string[] }[],
  options: { keepUnmatched?: boolean } = {},
): Ranker {
  return {
    name,
    weight,
    rank(q) {
      if (!q.tokens.length) return [];
      const typed = new Set(q.tokens);
      const best = new Map<number, number>();
      const results = search.search([q.reading.text, ...q.expansion].join(" "), { boostTerm: (t) => (typed.has(t) ? 1 : EXPANSION_WEIGHT) });
      for (const r of results.slice(0, QUESTION_CANDIDATES)) {
        const asked = questions[r.id as number]!;
        const match = Math.min(overlap(q.tokens, new Set(asked.tokens), q.idf), overlap(asked.tokens, typed, q.idf));
        if (match > (best.get(asked.chunk) ?? -1)) best.set(asked.chunk, match);
      }
      // the FAQ's own questions rank only when one is the same question; the question index,
      // written in officials' words, also ranks its nearest questions in BM25 order
      const ranked = [...best].map(([id, match]) => ({ id, match: match >= QUESTION_MATCH_MIN ? match : 0 }));
      if (!options.keepUnmatched) return ranked.filter((r) => r.match > 0).sort((a, b) => b.match - a.match);
      return ranked.sort((a, b) => b.match - a.match);
    },
  };
}

/** Nearest passages in the vector space (local character n-grams or a configured model). */
export function vectorRanker(embeddings: EmbeddingsInterface, vectors: VectorIndex, size: number): Ranker {
  return {
    name: "vector",
    weight: WEIGHTS.vector,
    async rank(q) {
      try {
        const v = await embeddings.embedQuery(`${q.reading.text} ${q.expansion.join(" ")}`.trim());
        return vectors.search(v, Math.min(CANDIDATES, size)).map((id) => ({ id }));
      } catch {
        return []; // a remote embeddings endpoint that fails leaves the other rankers
      }
    },
  };
}

/**
 * A question on how to fill a catalogue column goes first to the passages that explain that
 * column, the ones sharing most of the question's words first.
 */
export function conceptRanker(explainers: Map<string, number[]>, passageTokens: Set<string>[]): Ranker {
  return {
    name: "concept",
    weight: WEIGHTS.concept,
    rank(q) {
      if (!q.reading.howToFill) return [];
      const ids = [...new Set(q.reading.columns.flatMap((c) => explainers.get(c) ?? []))];
      return ids
        .map((id) => ({ id, s: overlap(q.tokens, passageTokens[id]!, q.idf) }))
        .sort((a, b) => b.s - a.s)
        .map(({ id }) => ({ id }));
    },
  };
}

/** IDF-weighted share of the query tokens that occur among `have`. */
export function overlap(query: readonly string[], have: { has(t: string): boolean }, idf: (t: string) => number): number {
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
