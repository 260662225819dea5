import fs from "node:fs";
import path from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { Document } from "@langchain/core/documents";
import { HNSWLib } from "@langchain/community/vectorstores/hnswlib";
import MiniSearch, { type Options } from "minisearch";
import type { Logger } from "../log.js";
import { type Chunk, type Knowledge, loadKnowledge } from "./ingest.js";
import { LocalEmbeddings, type LocalEmbeddingsState } from "./local-embeddings.js";
import { domainSalience } from "./salience.js";
import { charBigrams, tokenize } from "./tokenize.js";

/** A remote embeddings client and the key that identifies its vector space. */
export interface RemoteEmbeddings {
  client: EmbeddingsInterface;
  key: string;
}

/** Everything retrieval needs, in memory. */
export interface KnowledgeIndex {
  knowledge: Knowledge;
  /** BM25 over jieba tokens of each passage (text, heading path, FAQ question). */
  bm25: MiniSearch;
  /** BM25 over character bigrams: catches words jieba cuts differently (报/上报, 进展/进展情况). */
  bigrams: MiniSearch;
  /** BM25 over the FAQ questions alone, for question-to-question matching. */
  questions: MiniSearch;
  vectors: HNSWLib;
  embeddings: EmbeddingsInterface;
  /** Which vector space the index was built in ("local" or the remote key). */
  embeddingsKey: string;
  /** Document frequency of each token over the passages. */
  df: Map<string, number>;
  /** The token set of each passage (heading path and text), by chunk index. */
  tokens: Set<string>[];
  /** How much more often each token occurs in the knowledge than in general Chinese (log ratio). */
  salience: Map<string, number>;
}

/**
 * Version of the index layout and of the chunking rules. Bump it whenever chunk.ts or the
 * tokenizer changes how passages are cut or tokenised: a saved index of another version is
 * rebuilt, never reused with passage numbers that no longer match.
 */
export const INDEX_VERSION = 6;

interface Manifest {
  version: number;
  hash: string;
  embeddingsKey: string;
  chunks: number;
  builtAt: string;
}

const passageOptions: Options = {
  fields: ["text", "heading", "question"],
  tokenize,
  processTerm: (t) => t,
  searchOptions: { boost: { heading: 1.5, question: 2 }, combineWith: "OR" },
};

const bigramOptions: Options = {
  fields: ["text"],
  tokenize: charBigrams,
  processTerm: (t) => t,
  searchOptions: { combineWith: "OR" },
};

const questionOptions: Options = {
  fields: ["question"],
  tokenize,
  processTerm: (t) => t,
  searchOptions: { combineWith: "OR" },
};

/**
 * Loads the index from `indexDir` if it was built from the same knowledge and vector space,
 * otherwise builds it from `knowledgeDir` and saves it (atomically, by renaming a temp folder).
 */
export async function openIndex(options: {
  knowledgeDir: string;
  indexDir: string;
  remote?: RemoteEmbeddings;
  logger?: Logger;
}): Promise<KnowledgeIndex> {
  const { knowledgeDir, indexDir, logger } = options;
  const knowledge = loadKnowledge(knowledgeDir);
  const key = options.remote?.key ?? "local";
  const manifest = readManifest(indexDir);
  if (
    manifest?.version === INDEX_VERSION &&
    manifest.hash === knowledge.hash &&
    manifest.embeddingsKey === key &&
    manifest.chunks === knowledge.chunks.length
  ) {
    try {
      return await loadIndex(indexDir, knowledge, options.remote);
    } catch (err) {
      logger?.warn({ err }, "index unreadable, rebuilding");
    }
  }
  const started = Date.now();
  const index = await buildIndex(knowledge, options.remote, logger);
  await saveIndex(index, indexDir);
  logger?.info({ chunks: knowledge.chunks.length, ms: Date.now() - started, embeddings: index.embeddingsKey }, "knowledge index built");
  return index;
}

/** Builds every part of the index in memory. A failing remote embeddings endpoint falls back to local vectors. */
export async function buildIndex(knowledge: Knowledge, remote?: RemoteEmbeddings, logger?: Logger): Promise<KnowledgeIndex> {
  const bm25 = new MiniSearch(passageOptions);
  bm25.addAll(knowledge.chunks.map(toPassageDoc));
  const bigrams = new MiniSearch(bigramOptions);
  bigrams.addAll(knowledge.chunks.map((c, i) => ({ id: i, text: `${c.section}\n${c.text}` })));
  const questions = new MiniSearch(questionOptions);
  questions.addAll(knowledge.chunks.flatMap((c, i) => (c.question ? [{ id: i, question: c.question }] : [])));
  const docs = knowledge.chunks.map((c, i) => new Document({ pageContent: `${c.title}\n${c.section}\n${c.text}`, metadata: { i } }));
  let embeddings: EmbeddingsInterface = LocalEmbeddings.fit(docs.map((d) => d.pageContent));
  let embeddingsKey = "local";
  let vectors: HNSWLib | undefined;
  if (remote) {
    try {
      vectors = await HNSWLib.fromDocuments(docs, remote.client);
      embeddings = remote.client;
      embeddingsKey = remote.key;
    } catch (err) {
      logger?.warn({ err }, "remote embeddings failed, using local vectors");
    }
  }
  vectors ??= await HNSWLib.fromDocuments(docs, embeddings);
  const stats = tokenStats(knowledge.chunks);
  return { knowledge, bm25, bigrams, questions, vectors, embeddings, embeddingsKey, ...stats, salience: domainSalience(stats.counts) };
}

function toPassageDoc(c: Chunk, i: number) {
  return { id: i, text: c.text, heading: `${c.title} ${c.section}`, question: c.question ?? "" };
}

function tokenStats(chunks: Chunk[]): { df: Map<string, number>; tokens: Set<string>[]; counts: Map<string, number> } {
  const df = new Map<string, number>();
  const counts = new Map<string, number>();
  const tokens = chunks.map((c) => {
    const all = tokenize(`${c.title}\n${c.section}\n${c.text}`);
    for (const t of all) counts.set(t, (counts.get(t) ?? 0) + 1);
    return new Set(all);
  });
  for (const set of tokens) for (const t of set) df.set(t, (df.get(t) ?? 0) + 1);
  return { df, tokens, counts };
}

function readManifest(indexDir: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(indexDir, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

async function saveIndex(index: KnowledgeIndex, indexDir: string): Promise<void> {
  const tmp = `${indexDir}.tmp-${process.pid}-${Date.now()}`;
  fs.mkdirSync(tmp, { recursive: true });
  fs.writeFileSync(path.join(tmp, "bm25.json"), JSON.stringify(index.bm25));
  fs.writeFileSync(path.join(tmp, "bigrams.json"), JSON.stringify(index.bigrams));
  fs.writeFileSync(path.join(tmp, "questions.json"), JSON.stringify(index.questions));
  fs.writeFileSync(path.join(tmp, "salience.json"), JSON.stringify([...index.salience]));
  if (index.embeddings instanceof LocalEmbeddings) {
    fs.writeFileSync(path.join(tmp, "local-embeddings.json"), JSON.stringify(index.embeddings.toState()));
  }
  await index.vectors.save(path.join(tmp, "hnsw"));
  const manifest: Manifest = {
    version: INDEX_VERSION,
    hash: index.knowledge.hash,
    embeddingsKey: index.embeddingsKey,
    chunks: index.knowledge.chunks.length,
    builtAt: new Date().toISOString(),
  };
  fs.writeFileSync(path.join(tmp, "manifest.json"), JSON.stringify(manifest, null, 2));
  fs.rmSync(indexDir, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(indexDir), { recursive: true });
  fs.renameSync(tmp, indexDir);
}

async function loadIndex(indexDir: string, knowledge: Knowledge, remote?: RemoteEmbeddings): Promise<KnowledgeIndex> {
  const bm25 = MiniSearch.loadJSON(fs.readFileSync(path.join(indexDir, "bm25.json"), "utf8"), passageOptions);
  const bigrams = MiniSearch.loadJSON(fs.readFileSync(path.join(indexDir, "bigrams.json"), "utf8"), bigramOptions);
  const questions = MiniSearch.loadJSON(fs.readFileSync(path.join(indexDir, "questions.json"), "utf8"), questionOptions);
  const embeddings: EmbeddingsInterface =
    remote?.client ??
    LocalEmbeddings.fromState(
      JSON.parse(fs.readFileSync(path.join(indexDir, "local-embeddings.json"), "utf8")) as LocalEmbeddingsState,
    );
  const vectors = await HNSWLib.load(path.join(indexDir, "hnsw"), embeddings);
  return {
    knowledge,
    bm25,
    bigrams,
    questions,
    vectors,
    embeddings,
    embeddingsKey: remote?.key ?? "local",
    ...tokenStats(knowledge.chunks),
    salience: new Map(JSON.parse(fs.readFileSync(path.join(indexDir, "salience.json"), "utf8")) as [string, number][]),
  };
}
