import fs from "node:fs";
import path from "node:path";

// Kept apart from ingest.ts (YAML, zod schemas): opening a saved index only lists and stats
// the knowledge files, and should not load the parsers it does not use.

/** Raised when a knowledge file is malformed; names the file. */
export class KnowledgeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "KnowledgeError";
  }
}

/** The data files read for query understanding (besides the documents and the question index). */
export const LANGUAGE_FILES = ["colloquial.yaml", "concepts.yaml", "fields.yaml", "catalogue/vocabulary.yaml", "catalogue/channels.yaml", "out-of-scope.yaml", "lookalikes.yaml"];

/** A knowledge file that shapes the index, with what `stat` says of it (checked before hashing). */
export interface KnowledgeFile {
  /** Path relative to the knowledge folder, "/"-separated. */
  name: string;
  size: number;
  mtimeMs: number;
}

/** Every file that shapes the index, in a stable order: docs, question index, data files. */
export function listKnowledgeFiles(knowledgeDir: string): KnowledgeFile[] {
  const docsDir = path.join(knowledgeDir, "docs");
  if (!fs.existsSync(docsDir)) throw new KnowledgeError(`知识库目录不存在：${docsDir}`);
  const inDir = (dir: string, ext: string) =>
    fs.existsSync(path.join(knowledgeDir, dir))
      ? fs.readdirSync(path.join(knowledgeDir, dir)).filter((f) => f.endsWith(ext)).sort().map((f) => `${dir}/${f}`)
      : [];
  const names = [...inDir("docs", ".md"), ...inDir("questions", ".yaml"), "synonyms.yaml", "question-intents.yaml", ...LANGUAGE_FILES];
  return names.flatMap((name) => {
    try {
      const st = fs.statSync(path.join(knowledgeDir, name));
      return st.isFile() ? [{ name, size: st.size, mtimeMs: st.mtimeMs }] : [];
    } catch {
      return [];
    }
  });
}
