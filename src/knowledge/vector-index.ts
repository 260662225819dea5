import fs from "node:fs";
import path from "node:path";
import hnswlib from "hnswlib-node";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";

const FILE = "hnswlib.index";
const META = "vectors.json";

/**
 * Passage vectors in an HNSW graph (hnswlib-node, cosine space); a passage's label is its
 * index in the chunk list. Used directly rather than through LangChain's HNSWLib store, whose
 * document classes cost about 150 ms of start-up for every `ask`.
 */
export class VectorIndex {
  private constructor(private readonly hnsw: hnswlib.HierarchicalNSW) {}

  /** Embeds the texts with `embeddings` and indexes them in order. */
  static async build(texts: string[], embeddings: EmbeddingsInterface): Promise<VectorIndex> {
    const vectors = await embeddings.embedDocuments(texts);
    const dim = vectors[0]?.length ?? 0;
    if (!dim || vectors.length !== texts.length) throw new Error(`embeddings returned ${vectors.length} vectors for ${texts.length} texts`);
    const hnsw = new hnswlib.HierarchicalNSW("cosine", dim);
    hnsw.initIndex(vectors.length);
    vectors.forEach((v, i) => hnsw.addPoint(v, i));
    return new VectorIndex(hnsw);
  }

  /** Reads an index written by {@link VectorIndex.save} into `dir`. */
  static load(dir: string): VectorIndex {
    const { dim } = JSON.parse(fs.readFileSync(path.join(dir, META), "utf8")) as { dim: number };
    const hnsw = new hnswlib.HierarchicalNSW("cosine", dim);
    hnsw.readIndexSync(path.join(dir, FILE));
    return new VectorIndex(hnsw);
  }

  /** Writes the graph and its dimension count into `dir`. */
  save(dir: string): void {
    fs.mkdirSync(dir, { recursive: true });
    this.hnsw.writeIndexSync(path.join(dir, FILE));
    fs.writeFileSync(path.join(dir, META), JSON.stringify({ dim: this.hnsw.getNumDimensions() }));
  }

  /** Labels of the `k` nearest passages, nearest first. */
  search(vector: number[], k: number): number[] {
    const n = Math.min(k, this.hnsw.getCurrentCount());
    return n > 0 ? this.hnsw.searchKnn(vector, n).neighbors : [];
  }
}
