import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import type { VectorIndex } from "./vector-index.js";
import type MiniSearch from "minisearch";
import type { QueryReading } from "./query-understanding.js";
import type { Chunk } from "./ingest.js";
import type { Concept } from "./language-data.js";
import { exactTermSearch } from "./term-search.js";
import { tokenize } from "./tokenize.js";

/** A question as the rankers see it. */
export interface Query {
  reading: QueryReading;
  /** The question's content tokens (jieba, question words removed), each once. */
  tokens: string[];
  /** Synonym and intent expansion terms (weigh less than the typed words). */
  expansion: string[];
  /** Inverse document frequency of a token over the passages. */
  idf: (token: string) => number;
  /** Words of the pilot field the question names when they are its context, not its topic (weigh less). */
  context: Set<string>;
  /** Words only the telling of a long message uses, before what it asks (weigh less; see preamble.ts). */
  preamble: Set<string>;
  /** The question's meaning for question-to-question matching (see meaning.ts). */
  meaning: { core: string[]; full: Set<string> };
}

/** One passage in a ranking; `match` is the ranker's own 0–1 evidence, when it has one. */
export interface Ranked {
  id: number;
  match?: number;
  /** The content words of the written question that gave `match` (question rankers). */
  asked?: readonly string[];
}

/** One way of ranking the passages; rankings are combined by `fuse`. */
export interface Ranker {
  name: string;
  weight: number;
  rank(query: Query): Promise<Ranked[]> | Ranked[];
}

/** Reciprocal rank fusion constant (Cormack et al. use 60; a smaller one trusts the top ranks more). */
export const RRF_K = 10;
/** Passages each ranker contributes to the fusion. */
export const CANDIDATES = 40;
/** Weight of synonym-expansion terms relative to the words the user typed. */
export const EXPANSION_WEIGHT = 0.4;
/** A written question counts as the same question from this match on (see meaningRanker). */
export const QUESTION_MATCH_MIN = 0.4;
/** Weight of the words of a pilot field a question names as its context, not its topic (see contextOf in retrieve.ts). */
export const CONTEXT_WEIGHT = 0.3;
/** Weight of the words only a long message's telling uses (see preamble.ts). */
export const PREAMBLE_WEIGHT = 0.6;

/** Named weights of the rankers in the fusion. */
export const WEIGHTS = {
  bm25: 1,
  bigram: 0.5,
  faq: 1,
  questionIndex: 1,
  vector: 1,
  concept: 1.5,
  disclosureList: 1,
  fieldItems: 1,
  catalogueDeadline: 1,
  proactiveScope: 5,
  catalogueDuty: 1.5,
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
  const find = exactTermSearch(search);
  return {
    name: "bm25",
    weight: WEIGHTS.bm25,
    rank(q) {
      if (!q.tokens.length) return [];
      // a concept the question names by a short name (年报) is what it typed, in the documents' words
      const typed = new Set([...q.tokens, ...q.reading.concepts.flatMap((c) => tokenize(c))]);
      const boostTerm = (t: string) => (typed.has(t) ? 1 : EXPANSION_WEIGHT) * (q.context.has(t) ? CONTEXT_WEIGHT : 1) * (q.preamble.has(t) ? PREAMBLE_WEIGHT : 1);
      return find([q.reading.text, ...q.expansion].join(" "), boostTerm)
        .slice(0, CANDIDATES)
        .map((r) => ({ id: r.id as number }));
    },
  };
}

/** BM25 over character bigrams: catches words jieba cuts differently (报/上报, 进展/进展情况). */
export function bigramRanker(search: MiniSearch, stripped: (text: string) => string): Ranker {
  const find = exactTermSearch(search);
  return {
    name: "bigram",
    weight: WEIGHTS.bigram,
    rank: (q) => find(stripped(q.reading.text)).slice(0, CANDIDATES).map((r) => ({ id: r.id as number })),
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
 * The catalogue's own name holds a column's name (政务公开事项标准目录 holds 公开事项): a heading or
 * FAQ question naming the catalogue is not about that column.
 */
const CATALOGUE_NAME = /公开事项(标准)?(目录|清单)/g;

/**
 * Passages that explain how to fill each catalogue column: a heading naming the column
 * ("5. 公开时限的编写"), an FAQ question naming it, or a column note ("3.公开时限：…") or
 * numbered sub-heading ("9. 公开方式的编写") in its text.
 */
export function columnExplainers(concepts: readonly Concept[], chunks: readonly Chunk[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const col of concepts.filter((c) => c.column)) {
    const names = [col.name, ...col.aliases.filter((a) => a.length >= 3)];
    const note = new RegExp(`^\\s*\\d+[.、．]\\s*(${names.map((n) => n.replace(/[()（）]/g, ".")).join("|")})[^：:\\n]{0,8}([：:]|$)`, "m");
    const ids: number[] = [];
    chunks.forEach((c, i) => {
      const heading = (c.section.split(" > ").at(-1) ?? "").replace(CATALOGUE_NAME, "");
      const question = c.question?.replace(CATALOGUE_NAME, "") ?? "";
      if (names.some((n) => heading.includes(n) || question.includes(n)) || note.test(c.text)) ids.push(i);
    });
    out.set(col.name, ids);
  }
  return out;
}

/**
 * The catalogue columns a heading or a note's label names ("5. 公开时限的编写", "4.公开主体："),
 * by a column's name or a long alias; the catalogue's own name (政务公开事项标准目录) is not 公开事项.
 */
export function columnNamer(concepts: readonly Concept[]): (text: string) => string[] {
  const columns = concepts.filter((c) => c.column).map((c) => ({ name: c.name, names: [c.name, ...c.aliases.filter((a) => a.length >= 3)] }));
  return (text) => {
    const t = text.replace(CATALOGUE_NAME, "");
    return columns.filter((c) => c.names.some((n) => t.includes(n))).map((c) => c.name);
  };
}

/**
 * A question on how to fill a catalogue column, or what one named by its name means, goes first to the passages that explain that
 * column, the ones sharing most of the question's words first.
 */
export function conceptRanker(explainers: Map<string, number[]>, passageTokens: Set<string>[]): Ranker {
  return {
    name: "concept",
    weight: WEIGHTS.concept,
    rank(q) {
      // …or asks what a column named by its name means (公开对象是啥意思)
      if (!q.reading.howToFill && !(q.reading.kind === "what" && q.reading.columns.some((c) => q.reading.text.includes(c)))) return [];
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
