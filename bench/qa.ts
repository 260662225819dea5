/**
 * Q&A bench: this engine against peers over the same passages, on the dev set, plus
 * latency, index build time, process start to first answer, and the abstention margin.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Document } from "@langchain/core/documents";
import { BM25Retriever } from "@langchain/community/retrievers/bm25";
import MiniSearch from "minisearch";
import { loadConfig } from "../src/config.js";
import { buildIndex } from "../src/knowledge/index.js";
import { loadKnowledge } from "../src/knowledge/ingest.js";
import { openKnowledgeBase } from "../src/knowledge/knowledge-base.js";
import { retrieve } from "../src/knowledge/retrieve.js";

const root = path.resolve(import.meta.dirname, "..");
const devFile = path.resolve(root, "../shared/eval/qa-dev.jsonl");
interface Q {
  q: string;
  expect?: string[];
  abstain?: boolean;
}
const readSet = (f: string): Q[] => fs.readFileSync(f, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as Q);
const sets: [string, Q[]][] = [
  ["开发集 shared/eval/qa-dev.jsonl", readSet(devFile)],
  ["补充集 bench/qa-extra.jsonl（另行编写的口语化问法）", readSet(path.join(import.meta.dirname, "qa-extra.jsonl"))],
];
const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

interface Row {
  name: string;
  hit1: number;
  hit3: number;
  mrr: number;
  abstain: string;
}

async function score(name: string, dev: Q[], search: (q: string) => Promise<{ texts: string[]; abstained: boolean }>): Promise<Row> {
  let hit1 = 0, hit3 = 0, rr = 0, n = 0, offOk = 0, off = 0, falseAbs = 0;
  for (const q of dev) {
    const r = await search(q.q);
    if (q.abstain) {
      off++;
      if (r.abstained) offOk++;
      continue;
    }
    n++;
    if (r.abstained) falseAbs++;
    const exp = (q.expect ?? []).map(norm);
    const rank = r.abstained ? 0 : r.texts.slice(0, 5).findIndex((t) => exp.some((e) => norm(t).includes(e))) + 1;
    if (rank === 1) hit1++;
    if (rank >= 1 && rank <= 3) hit3++;
    if (rank) rr += 1 / rank;
  }
  return { name, hit1: hit1 / n, hit3: hit3 / n, mrr: rr / n, abstain: `${offOk}/${off} 拒答，${falseAbs}/${n} 误拒` };
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

const knowledge = loadKnowledge(path.join(root, "knowledge"));
const t0 = performance.now();
const index = await buildIndex(knowledge);
const buildMs = performance.now() - t0;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-bench-"));
const kb = await openKnowledgeBase({ config: loadConfig({ DATA_DIR: dataDir }) });
const latencies: number[] = [];
const chunks = knowledge.chunks;
const plain = new MiniSearch({ fields: ["text"] });
plain.addAll(chunks.map((c, i) => ({ id: i, text: c.text })));
const bm25 = BM25Retriever.fromDocuments(chunks.map((c) => new Document({ pageContent: c.text })), { k: 5 });
const tables: [string, Row[]][] = [];
for (const [label, dev] of sets) {
  const rows: Row[] = [];
  rows.push(
    await score("本引擎（BM25+字二元组+向量+答疑匹配，RRF 融合，拒答）", dev, async (q) => {
      const s = performance.now();
      const r = await kb.ask(q, { top: 5 });
      latencies.push(performance.now() - s);
      return { texts: r.citations.map((c) => c.text), abstained: r.abstained };
    }),
  );
  rows.push(await score("MiniSearch 默认分词", dev, async (q) => ({ texts: plain.search(q).slice(0, 5).map((r) => chunks[r.id as number]!.text), abstained: false })));
  rows.push(await score("LangChain BM25Retriever（原样）", dev, async (q) => ({ texts: (await bm25.invoke(q)).map((d) => d.pageContent), abstained: false })));
  rows.push(
    await score("仅向量（本地字符 n-gram 向量）", dev, async (q) => {
      const v = await index.embeddings.embedQuery(q);
      const res = await index.vectors.similaritySearchVectorWithScore(v, 5);
      return { texts: res.map(([d]) => chunks[(d.metadata as { i: number }).i]!.text), abstained: false };
    }),
  );
  tables.push([`${label}，${dev.length} 题`, rows]);
}

// Abstention margin on the calibration set (everyday vs officials' questions).
const cal = readSet(path.join(root, "bench", "abstention-calibration.jsonl"));
let domMin = Infinity, offMax = -Infinity;
for (const q of cal) {
  const r = await retrieve(kb.index, q.q, 5);
  if (q.abstain) offMax = Math.max(offMax, r.relevance);
  else domMin = Math.min(domMin, r.relevance);
}

// Process start to first answer: a warm index (already built) and a cold one (built on start).
const askOnce = (dir: string) => {
  const s = performance.now();
  execFileSync("npx", ["tsx", "src/cli/ask.ts", "--json", "公开依据需要写到具体条款吗？"], { cwd: root, env: { ...process.env, DATA_DIR: dir }, stdio: "pipe" });
  return performance.now() - s;
};
const coldDir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-bench-cold-"));
const cold = askOnce(coldDir);
const warm = askOnce(coldDir);
fs.rmSync(coldDir, { recursive: true, force: true });
fs.rmSync(dataDir, { recursive: true, force: true });

const f = (x: number) => x.toFixed(3);
console.log(`## 问答检索（${knowledge.docs.length} 份文件，${chunks.length} 个段落；各方法检索同一批段落）`);
for (const [label, rows] of tables) {
  console.log(`\n${label}\n\n| 方法 | hit@1 | hit@3 | MRR@5 | 拒答 |\n| --- | --- | --- | --- | --- |`);
  for (const r of rows) console.log(`| ${r.name} | ${f(r.hit1)} | ${f(r.hit3)} | ${f(r.mrr)} | ${r.abstain} |`);
}
console.log(`\n| 指标 | 数值 |\n| --- | --- |`);
console.log(`| 单次提问延迟（进程内，无模型）p50 / p95 | ${pct(latencies, 50).toFixed(1)} ms / ${pct(latencies, 95).toFixed(1)} ms |`);
console.log(`| 索引构建（BM25 + HNSW，本地向量） | ${buildMs.toFixed(0)} ms |`);
console.log(`| 进程启动到首个答案：索引已建 / 需新建 | ${warm.toFixed(0)} ms / ${cold.toFixed(0)} ms |`);
console.log(`| 拒答阈值校准（bench/abstention-calibration.jsonl）：领域问题最低相关度 / 日常问题最高相关度 | ${f(domMin)} / ${f(offMax)}（阈值 0.65） |`);
console.log(`| 峰值 RSS | ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB |`);
