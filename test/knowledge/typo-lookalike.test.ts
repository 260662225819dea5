import { describe, expect, it } from "vitest";
import { LookalikeTerms, singlesAt } from "../../src/knowledge/typo-lookalike.js";

describe("handwriting slips", () => {
  const corpus = "公开主体。公开要素。保密审查。试点县。";
  const terms = new LookalikeTerms(["公开主体", "公开要素", "保密审查", "试点县", "年报"], (w) => corpus.split(w).length - 1);
  // the dictionary's cut of each window, as word lengths by start
  const cut = (...lengths: number[]) => {
    const wordAt = new Map<number, number>();
    let at = 0;
    for (const n of lengths) {
      wordAt.set(at, n);
      at += n;
    }
    return singlesAt(wordAt, 0, at);
  };

  it("reads a term of three or four characters broken by one like-shaped character", () => {
    expect(terms.slipFor("公开主休", cut(2, 1, 1))).toBe("公开主体");
    expect(terms.slipFor("保密宙查", cut(2, 1, 1))).toBe("保密审查");
  });

  it("leaves an odd character beside a whole word, a function character, a short word, and the documents' own words", () => {
    expect(terms.slipFor("试点搞", cut(2, 1))).toBeUndefined();
    expect(terms.slipFor("公开要担", cut(2, 1, 1))).toBeUndefined();
    expect(terms.slipFor("年假", cut(1, 1))).toBeUndefined();
    expect(terms.slipFor("公开主体", cut(2, 1, 1))).toBeUndefined();
  });
});
