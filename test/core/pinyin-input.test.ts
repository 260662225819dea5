/** Which messages are pinyin typed instead of Chinese characters (trial 2, finding 10). */
import { describe, expect, it } from "vitest";
import { looksLikePinyin } from "../../src/core/pinyin-input.js";

describe("looksLikePinyin", () => {
  it.each([
    ["gongkai shixian zenme tian", true],
    ["gongkaishixianzenmetian", true],
    ["Gongkai Shixian zenme tian?", true],
    ["gōngkāi shíxiàn zěnme tián", true],
    ["gong1kai1 shi2xian4 zen3me tian2", true],
    ["zhengdi gongshi yao tie duoshao tian", true],
    ["lüe xian nüe", true],
    ["excel zenme daochu", true], // one English word among pinyin
    ["ok", false],
    ["OK", false],
    ["excel", false],
    ["hello", false],
    ["hi", false],
    ["export excel", false],
    ["how to fill the time limit", false],
    ["please send me the excel file", false],
    ["sample-catalogue.xlsx", false],
    ["knowledge/examples/sample-catalogue.xlsx", false],
    ["zhang.san@example.com", false],
    ["/rows", false],
    ["/draft zhengdi", false],
    ["a man", false], // two syllables are too few to tell
    ["公开时限怎么填", false],
    ["公开shixian怎么填", false],
    ["123 456", false],
    ["", false],
  ])("%j → %s", (text, expected) => {
    expect(looksLikePinyin(text)).toBe(expected);
  });
});
