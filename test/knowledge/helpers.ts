import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";

/** The repository's root folder (knowledge/, bench/). */
export const root = path.resolve(import.meta.dirname, "../..");
/** The shared dev set of questions (JSON lines), beside the repository. */
export const devSet = path.resolve(root, "../shared/eval/qa-dev.jsonl");
/** Everyday and officials' questions (JSON lines) the abstention threshold is calibrated on. */
export const calibration = path.join(root, "bench", "abstention-calibration.jsonl");

/** Text folded for comparison: NFKC, no whitespace, lower case. */
export const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/** A question of an evaluation set: phrases a passage answering it holds, or that it is to be refused. */
export interface Question {
  id?: string;
  q: string;
  expect?: string[];
  abstain?: boolean;
}

/** The questions of a JSON-lines evaluation set such as `devSet` or `calibration`. */
export function readQuestions(file: string): Question[] {
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l) as Question);
}

/**
 * The real knowledge base without a model for the enclosing suite: its index built into a fresh
 * data directory before the first test (`t.dataDir`, `t.kb`), the directory removed after the last.
 */
export function useKnowledgeBase(): { dataDir: string; kb: KnowledgeBase } {
  const t = {} as { dataDir: string; kb: KnowledgeBase };
  beforeAll(async () => {
    t.dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-kb-"));
    t.kb = await openKnowledgeBase({ config: loadConfig({ DATA_DIR: t.dataDir }) });
  });
  afterAll(() => fs.rmSync(t.dataDir, { recursive: true, force: true }));
  return t;
}
