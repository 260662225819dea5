import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { normalize } from "./tokenize.js";

/** Serialised state of a fitted LocalEmbeddings (the IDF of every hash bucket). */
export interface LocalEmbeddingsState {
  kind: "hashed-char-ngram-tfidf";
  dimensions: number;
  documents: number;
  idf: number[];
}

const DEFAULT_DIMENSIONS = 4096;

/**
 * Offline embeddings needing no model: character unigrams and bigrams, hashed into a fixed
 * number of buckets, weighted by sublinear TF × IDF fitted on the corpus, L2-normalised.
 * It captures shared wording, not meaning: a real embedding model (bge-m3 …) also matches
 * paraphrases that share no characters. It implements LangChain's embeddings interface without
 * extending its base class, so that an offline `ask` does not load @langchain/core.
 */
export class LocalEmbeddings implements EmbeddingsInterface {
  private constructor(private readonly state: LocalEmbeddingsState) {}

  /** Fits the IDF table on the corpus texts. */
  static fit(texts: string[], dimensions = DEFAULT_DIMENSIONS): LocalEmbeddings {
    const df = new Float64Array(dimensions);
    for (const t of texts) for (const b of new Set(features(t, dimensions))) df[b]! += 1;
    const n = texts.length;
    const idf = Array.from(df, (d) => Math.log((n + 1) / (d + 1)) + 1);
    return new LocalEmbeddings({ kind: "hashed-char-ngram-tfidf", dimensions, documents: n, idf });
  }

  /** Restores a fitted instance. */
  static fromState(state: LocalEmbeddingsState): LocalEmbeddings {
    return new LocalEmbeddings(state);
  }

  toState(): LocalEmbeddingsState {
    return this.state;
  }

  /** Embeds synchronously (the LangChain methods wrap this). */
  embed(text: string): number[] {
    const { dimensions, idf } = this.state;
    const tf = new Map<number, number>();
    for (const b of features(text, dimensions)) tf.set(b, (tf.get(b) ?? 0) + 1);
    const v = new Array<number>(dimensions).fill(0);
    let norm = 0;
    for (const [b, c] of tf) {
      const w = (1 + Math.log(c)) * idf[b]!;
      v[b] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [b] of tf) v[b] = v[b]! / norm;
    return v;
  }

  async embedDocuments(documents: string[]): Promise<number[][]> {
    return documents.map((d) => this.embed(d));
  }

  async embedQuery(document: string): Promise<number[]> {
    return this.embed(document);
  }
}

/** Character unigrams and bigrams of the meaningful characters, as hash buckets. */
function features(text: string, dimensions: number): number[] {
  const chars = Array.from(normalize(text)).filter((c) => /[\p{L}\p{N}]/u.test(c));
  const out: number[] = [];
  for (let i = 0; i < chars.length; i++) {
    out.push(hash(chars[i]!) % dimensions);
    if (i + 1 < chars.length) out.push(hash(chars[i]! + chars[i + 1]!) % dimensions);
  }
  return out;
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
