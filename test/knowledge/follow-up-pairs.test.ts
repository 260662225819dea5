/**
 * Follow-ups as officials type them, over the real knowledge base: test/knowledge/follow-up-pairs.jsonl
 * holds 40 (previous question, follow-up, expected) pairs. `expect` is phrases copied verbatim from
 * the passage that answers the follow-up (any one in the answer passes), "new question" (not read
 * with the previous one) or "refuse". The tuning pairs are asserted one by one (those the engine
 * still gets wrong as it.fails, with why); the 20 held-out pairs are never tuned on: only their
 * aggregate is printed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";

interface Pair {
  id: string;
  previous: string;
  q: string;
  expect: string[] | "new question" | "refuse";
  heldout: boolean;
}

const pairs: Pair[] = fs
  .readFileSync(path.join(import.meta.dirname, "follow-up-pairs.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Pair);
const norm = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();

/** Tuning pairs the engine still answers wrongly, and why. */
const KNOWN_FAILING: Record<string, string> = {
  t12: "有特别规定的咋办 loses the previous question's 多少天: 第二十六条 is third",
  t16: "以前的老征地信息呢: the passage is right, its sentence on 历史征地信息 is not quoted (此前/历史 for 以前/老)",
};

let dataDir: string;
let kb: KnowledgeBase;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-follow-up-"));
  kb = await openKnowledgeBase({ config: loadConfig({ DATA_DIR: dataDir }) });
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

/** Whether the engine answers a pair as expected. */
async function passes(p: Pair): Promise<boolean> {
  const r = await kb.ask(p.q, { previous: p.previous, top: 3 });
  if (p.expect === "refuse") return r.abstained;
  if (p.expect === "new question") return r.followUp === undefined;
  const answer = norm(r.answer);
  return !r.abstained && p.expect.some((e) => answer.includes(norm(e)));
}

describe("follow-up pairs over the real knowledge base", () => {
  it("holds 40 pairs, 20 held out", () => {
    expect(pairs).toHaveLength(40);
    expect(pairs.filter((p) => p.heldout)).toHaveLength(20);
    for (const id of Object.keys(KNOWN_FAILING)) expect(pairs.find((p) => p.id === id)?.heldout, id).toBe(false);
  });

  for (const p of pairs.filter((p) => !p.heldout)) {
    const failing = KNOWN_FAILING[p.id];
    const name = `${p.id}: ${p.previous} → ${p.q}${failing ? ` (fails: ${failing})` : ""}`;
    (failing ? it.fails : it)(name, async () => {
      expect(await passes(p)).toBe(true);
    });
  }

  it("held-out pairs: the aggregate only", async () => {
    const held = pairs.filter((p) => p.heldout);
    let passed = 0;
    for (const p of held) if (await passes(p)) passed++;
    console.log(`held-out follow-up pairs: ${passed}/${held.length}`);
    expect(passed).toBeGreaterThanOrEqual(0);
  });
});
