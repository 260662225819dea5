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

  it("reads a term of two to four characters when the odd character is listed as written for it", () => {
    const listed = new LookalikeTerms(["目录", "审核", "五公开", "其他", "三方"], (w) => corpus.split(w).length - 1, [["目", "日自"], ["核", "该"], ["开", "升"], ["方", "万"]]);
    expect(listed.slipFor("日录", cut(1, 1))).toBe("目录");
    expect(listed.slipFor("审该", cut(1, 1))).toBe("审核");
    // 公升 is a word of its own, yet 五公升 is no word: 升 is listed for 开
    expect(listed.slipFor("五公升", cut(1, 2))).toBe("五公开");
    // only one way: 目 typed is never read as 日; an unlisted character, a pronoun or a numeral beside it is typed on purpose
    expect(listed.slipFor("目录", cut(2))).toBeUndefined();
    expect(listed.slipFor("说他", cut(1, 1))).toBeUndefined();
    expect(listed.slipFor("三万", cut(1, 1))).toBeUndefined();
    expect(listed.slipFor("看录", cut(1, 1))).toBeUndefined();
  });

  it("reads a dictionary word only by a listed lookalike, and only one the documents never use", () => {
    const uses = (w: string) => ("延长。审核。目录".split(w).length - 1);
    const words = new LookalikeTerms(["延长", "审核", "公开主体"], uses, [["延", "廷"]], (t) => t !== "延长");
    // 廷长 is cut as one word; 廷 is listed for 延, and 延长 need not be a strong term
    expect(words.slipFor("廷长", cut(2), true)).toBe("延长");
    // unlisted, a word stays a word
    expect(words.slipFor("公开主休", cut(2, 2), true)).toBeUndefined();
  });

  it("leaves an odd character beside a whole word, a function character, a short word, and the documents' own words", () => {
    expect(terms.slipFor("试点搞", cut(2, 1))).toBeUndefined();
    expect(terms.slipFor("公开要担", cut(2, 1, 1))).toBeUndefined();
    expect(terms.slipFor("年假", cut(1, 1))).toBeUndefined();
    expect(terms.slipFor("公开主体", cut(2, 1, 1))).toBeUndefined();
  });
});
