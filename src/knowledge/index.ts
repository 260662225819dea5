import fs from "node:fs";
import path from "node:path";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { VectorIndex } from "./vector-index.js";
import MiniSearch, { type Options } from "minisearch";
import type { Logger } from "../log.js";
import type { Knowledge } from "./ingest.js";
import { type KnowledgeFile, listKnowledgeFiles } from "./knowledge-files.js";
import { codeFingerprint, readManifest, sameFiles, writeManifest } from "./index-manifest.js";
import { LocalEmbeddings, type LocalEmbeddingsState } from "./local-embeddings.js";
import { askedOf, computeStats, faqQuestions, idfOf, type Stats } from "./index-stats.js";
import { QueryReader, type QueryReading } from "./query-understanding.js";
import { catalogueDeadlineRanker, catalogueDutyRanker, disclosureListRanker, fieldItemsRanker, proactiveScopeRanker } from "./topic-rankers.js";
import { meaningRanker } from "./meaning-ranker.js";
import { bigramRanker, bm25Ranker, conceptRanker, type Ranker, vectorRanker, WEIGHTS } from "./rankers.js";
import { loadSearch, saveSearch } from "./saved-search.js";
import { type Retrieval, type SearchParts, search } from "./retrieve.js";
import { unpackQuestions } from "./packed-meanings.js";
import { charBigrams, normalize, stripQuestionWords, tokenize } from "./tokenize.js";
import { TypoCorrector } from "./typo-correction.js";

/** A remote embeddings client and the key that identifies its vector space. */
export interface RemoteEmbeddings {
  client: EmbeddingsInterface;
  key: string;
}

/**
 * Version of the index layout. A saved index of another version, or built by other code of
 * src/knowledge (codeFingerprint: chunking, tokenizing, question meanings, columnExplainers, the
 * typo lexicon …), is rebuilt, never reused with passage numbers or derived data that no longer
 * match. Bump it when the layout changes in a way the code fingerprint cannot see (the tokenizer's
 * dictionary file).
 */
export const INDEX_VERSION = 19;

/** Weight of a passage's indexed questions (knowledge/questions/) as a BM25 field of the passage. */
const ASKED_BOOST = 1;

const opts = (fields: string[], tok: (t: string) => string[], boost?: Record<string, number>): Options => ({
  fields,
  tokenize: tok,
  processTerm: (t) => t,
  searchOptions: { combineWith: "OR", ...(boost ? { boost } : {}) },
});
const passageOptions = opts(["text", "heading", "question", "asked"], tokenize, { heading: 1.5, question: 2, asked: ASKED_BOOST });
const bigramOptions = opts(["text"], charBigrams);
const SEARCHES = { bm25: passageOptions, bigrams: bigramOptions } as const;
type Searches = Record<keyof typeof SEARCHES, MiniSearch>;

/**
 * The retrieval index: rankers over the passages, query understanding, and the statistics
 * behind abstention. Builds, saves, loads and searches behind this one interface.
 */
export class KnowledgeIndex {
  private constructor(
    private readonly parts: SearchParts,
    private readonly saved: { searches: Searches; vectors: VectorIndex; embeddings: EmbeddingsInterface; stats: Stats },
    /** Which vector space the index was built in ("local" or the remote key). */
    readonly embeddingsKey: string,
  ) {}

  /** The ingested knowledge (documents, passages, data) the index was built from. */
  get knowledge(): Knowledge {
    return this.parts.knowledge;
  }

  /** How the question is read before retrieval (standard wording, typos, concepts, kind). */
  read(question: string): QueryReading {
    return this.parts.reader.read(question);
  }

  /** Ranks the passages for a question and decides whether to abstain. */
  search(question: string, top = 5): Promise<Retrieval> {
    return search(this.parts, question, top);
  }

  /**
   * Loads the index from `indexDir` when it was built from the same knowledge (files unchanged
   * by size and mtime, or by content hash) and vector space; otherwise builds and saves it.
   */
  static async open(options: { knowledgeDir: string; indexDir: string; remote?: RemoteEmbeddings; logger?: Logger }): Promise<KnowledgeIndex> {
    const { knowledgeDir, indexDir, logger } = options;
    const key = options.remote?.key ?? "local";
    const files = listKnowledgeFiles(knowledgeDir);
    const manifest = readManifest(indexDir);
    const code = codeFingerprint();
    const usable = manifest?.version === INDEX_VERSION && manifest.code === code && manifest.embeddingsKey === key;
    if (usable && sameFiles(manifest.files, files)) {
      try {
        const saved = JSON.parse(fs.readFileSync(path.join(indexDir, "knowledge.json"), "utf8")) as Knowledge;
        return await KnowledgeIndex.load(indexDir, saved, options.remote);
      } catch (err) {
        logger?.warn({ err }, "index unreadable, rebuilding");
      }
    }
    // the parsers (YAML, zod schemas) load only when the saved index cannot be used as it is
    const { loadKnowledge } = await import("./ingest.js");
    const knowledge = loadKnowledge(knowledgeDir);
    if (usable && manifest.hash === knowledge.hash && manifest.chunks === knowledge.chunks.length) {
      try {
        const index = await KnowledgeIndex.load(indexDir, knowledge, options.remote);
        writeManifest(indexDir, { ...manifest, files });
        return index;
      } catch (err) {
        logger?.warn({ err }, "index unreadable, rebuilding");
      }
    }
    const started = Date.now();
    const index = await KnowledgeIndex.build(knowledge, options.remote, logger);
    await index.save(indexDir, files);
    logger?.info({ chunks: knowledge.chunks.length, ms: Date.now() - started, embeddings: index.embeddingsKey }, "knowledge index built");
    return index;
  }

  /** Builds every part in memory. A failing remote embeddings endpoint falls back to local vectors. */
  static async build(knowledge: Knowledge, remote?: RemoteEmbeddings, logger?: Logger): Promise<KnowledgeIndex> {
    const { chunks } = knowledge;
    const searches: Searches = {
      bm25: new MiniSearch(passageOptions),
      bigrams: new MiniSearch(bigramOptions),
    };
    const asked = askedOf(knowledge);
    searches.bm25.addAll(chunks.map((c, i) => ({ id: i, text: c.text, heading: `${c.title} ${c.section}`, question: c.question ?? "", asked: asked[i]!.join("\n") })));
    searches.bigrams.addAll(chunks.map((c, i) => ({ id: i, text: `${c.section}\n${c.text}` })));
    const texts = chunks.map((c) => `${c.title}\n${c.section}\n${c.text}`);
    let embeddings: EmbeddingsInterface = LocalEmbeddings.fit(texts);
    let embeddingsKey = "local";
    let vectors: VectorIndex | undefined;
    if (remote) {
      try {
        vectors = await VectorIndex.build(texts, remote.client);
        embeddings = remote.client;
        embeddingsKey = remote.key;
      } catch (err) {
        logger?.warn({ err }, "remote embeddings failed, using local vectors");
      }
    }
    vectors ??= await VectorIndex.build(texts, embeddings);
    return KnowledgeIndex.assemble(knowledge, { searches, vectors, embeddings, stats: computeStats(knowledge) }, embeddingsKey);
  }

  /** Saves the index atomically (a temp folder renamed over `indexDir`). */
  async save(indexDir: string, files: KnowledgeFile[] = []): Promise<void> {
    const tmp = `${indexDir}.tmp-${process.pid}-${Date.now()}`;
    fs.mkdirSync(tmp, { recursive: true });
    for (const name of Object.keys(SEARCHES) as (keyof Searches)[]) {
      fs.writeFileSync(path.join(tmp, `${name}.json`), saveSearch(this.saved.searches[name]));
    }
    fs.writeFileSync(path.join(tmp, "stats.json"), JSON.stringify(this.saved.stats));
    fs.writeFileSync(path.join(tmp, "knowledge.json"), JSON.stringify(this.parts.knowledge));
    if (this.saved.embeddings instanceof LocalEmbeddings) {
      fs.writeFileSync(path.join(tmp, "local-embeddings.json"), JSON.stringify(this.saved.embeddings.toState()));
    }
    this.saved.vectors.save(path.join(tmp, "hnsw"));
    const k = this.parts.knowledge;
    writeManifest(tmp, { version: INDEX_VERSION, code: codeFingerprint(), hash: k.hash, embeddingsKey: this.embeddingsKey, chunks: k.chunks.length, files, builtAt: new Date().toISOString() });
    fs.rmSync(indexDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(indexDir), { recursive: true });
    fs.renameSync(tmp, indexDir);
  }

  private static async load(indexDir: string, knowledge: Knowledge, remote?: RemoteEmbeddings): Promise<KnowledgeIndex> {
    const read = (name: string) => fs.readFileSync(path.join(indexDir, name), "utf8");
    const searches = Object.fromEntries(
      (Object.keys(SEARCHES) as (keyof Searches)[]).map((name) => [name, loadSearch(read(`${name}.json`), SEARCHES[name])]),
    ) as Searches;
    const embeddings: EmbeddingsInterface = remote?.client ?? LocalEmbeddings.fromState(JSON.parse(read("local-embeddings.json")) as LocalEmbeddingsState);
    const vectors = VectorIndex.load(path.join(indexDir, "hnsw"));
    const stats = JSON.parse(read("stats.json")) as Stats;
    if (stats.tokens.length !== knowledge.chunks.length) throw new Error("saved statistics do not match the passages");
    return KnowledgeIndex.assemble(knowledge, { searches, vectors, embeddings, stats }, remote?.key ?? "local");
  }

  private static assemble(knowledge: Knowledge, saved: KnowledgeIndex["saved"], embeddingsKey: string): KnowledgeIndex {
    const { searches, vectors, embeddings, stats } = saved;
    const tokens = stats.tokens.map((t) => new Set(t));
    const indexed = unpackQuestions(stats.questionMeanings, knowledge.questions.map((q) => q.chunk));
    const rankers: Ranker[] = [
      bm25Ranker(searches.bm25),
      bigramRanker(searches.bigrams, stripQuestionWords),
      meaningRanker("faq", WEIGHTS.faq, faqQuestions(knowledge).map((q, i) => ({ chunk: q.chunk, ...stats.faqMeanings[i]! })), { matchedOnly: true }),
      meaningRanker("question-index", WEIGHTS.questionIndex, indexed.questions, { byCore: indexed.byCore, byFull: indexed.byFull, numbered: indexed.numbered }),
      vectorRanker(embeddings, vectors, knowledge.chunks.length),
      conceptRanker(new Map(stats.explainers), tokens),
      disclosureListRanker(knowledge.chunks, tokens),
      proactiveScopeRanker(knowledge.chunks, tokens),
      fieldItemsRanker(knowledge.chunks, stats.fieldTerms),
      catalogueDeadlineRanker(knowledge.chunks, tokens),
      catalogueDutyRanker(knowledge.chunks, tokens),
    ];
    const typos = TypoCorrector.fromState(stats.typos);
    const df = new Map(stats.df);
    const parts: SearchParts = {
      knowledge,
      rankers,
      reader: new QueryReader(knowledge.language, typos),
      meaningGroups: stats.groups,
      fieldTerms: stats.fieldTerms,
      fieldsNamed: knowledge.chunks.map((c) => {
        const text = normalize(c.text);
        return stats.fieldTerms.filter((t) => text.includes(t)).length;
      }),
      df,
      idf: idfOf(df, knowledge.chunks.length),
      tokens,
      salience: new Map(stats.salience),
    };
    return new KnowledgeIndex(parts, saved, embeddingsKey);
  }
}
