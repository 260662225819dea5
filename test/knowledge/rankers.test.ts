import { describe, expect, it } from "vitest";
import { fuse, meaningRanker, overlap, type Query } from "../../src/knowledge/rankers.js";

describe("rank fusion", () => {
  it("adds weight / (k + rank) per ranking, whatever the order of the rankings", () => {
    const a = { weight: 1, ranked: [{ id: 7 }, { id: 3 }] };
    const b = { weight: 0.5, ranked: [{ id: 3 }] };
    const fused = fuse([a, b], 10);
    expect(fused.get(7)).toBeCloseTo(1 / 11);
    expect(fused.get(3)).toBeCloseTo(1 / 12 + 0.5 / 11);
    expect([...fuse([b, a], 10)].sort()).toEqual([...fused].sort());
  });

  it("weighs the query's words by IDF when measuring how much of it a passage holds", () => {
    const idf = (t: string) => (t === "时限" ? 3 : 1);
    expect(overlap(["时限", "公开"], new Set(["时限"]), idf)).toBeCloseTo(0.75);
    expect(overlap([], new Set(["时限"]), idf)).toBe(0);
  });

  it("names the words of the written question a passage matched through, and none below the match floor", () => {
    const ranker = meaningRanker("question-index", 1, [
      { chunk: 0, core: ["重复", "申请", "处理"], full: ["重复", "申请", "处理"] },
      { chunk: 1, core: ["申请", "补正", "期限"], full: ["申请", "补正", "期限"] },
    ]);
    const tokens = ["重复", "申请"];
    const q = { tokens, idf: () => 1, meaning: { core: tokens, full: new Set(tokens) } } as unknown as Query;
    const ranked = ranker.rank(q) as { id: number; match?: number; asked?: readonly string[] }[];
    expect(ranked[0]).toMatchObject({ id: 0, asked: ["重复", "申请", "处理"] });
    expect(ranked.find((r) => r.id === 1)).toEqual({ id: 1, match: 0 });
  });
});
