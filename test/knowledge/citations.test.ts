import { describe, expect, it } from "vitest";
import { numberByFirstUse } from "../../src/knowledge/citations.js";

describe("source numbers of an answer", () => {
  it.each([
    { name: "a gap is closed", answer: "甲 [1]\n乙 [3]", order: ["a", "c", "b"], shown: "甲 [1]\n乙 [2]" },
    { name: "numbered in order of first use", answer: "甲 [2]\n乙 [1]\n丙 [2]", order: ["b", "a", "c"], shown: "甲 [1]\n乙 [2]\n丙 [1]" },
    { name: "an answer citing in rank order is unchanged", answer: "甲 [1] [2]", order: ["a", "b", "c"], shown: "甲 [1] [2]" },
    { name: "a mark naming no passage is left as written", answer: "甲 [3] [9]", order: ["c", "a", "b"], shown: "甲 [1] [9]" },
  ])("$name", ({ answer, order, shown }) => {
    const r = numberByFirstUse(answer, ["a", "b", "c"]);
    expect(r.answer).toBe(shown);
    expect(r.citations).toEqual(order);
  });
});
