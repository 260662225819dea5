import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, withDotEnv } from "../config.js";
import { createLogger } from "../log.js";
import { openKnowledgeBase } from "../knowledge/knowledge-base.js";

/**
 * `npm run ingest`: rebuilds the knowledge index from knowledge/ and prints a summary. Reads the
 * same `.env` as `npm start`, so the index is built in the DATA_DIR (and with the embeddings) the bot uses.
 */
async function main(): Promise<void> {
  const config = loadConfig(withDotEnv(process.env));
  const logger = createLogger(config.logLevel);
  fs.rmSync(path.join(config.dataDir, "index"), { recursive: true, force: true });
  const started = Date.now();
  const kb = await openKnowledgeBase({ config, logger });
  const { docs, chunks } = kb.index.knowledge;
  const faq = chunks.filter((c) => c.question).length;
  process.stdout.write(
    `已重建知识索引：${docs.length} 份文件，${chunks.length} 个段落（其中答疑 ${faq} 条），` +
      `向量：${kb.index.embeddingsKey}，用时 ${Date.now() - started} ms\n索引目录：${path.join(config.dataDir, "index")}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof ConfigError ? err.message : `重建索引失败：${err instanceof Error ? err.message : String(err)}`}\n`);
  process.exit(2);
});
