import { describe, expect, it } from "vitest";
import { followUpNote, isElliptical, keepsFollowUp, mayFollow, withPrevious } from "../../src/knowledge/follow-up.js";

describe("a question that says it continues the one before", () => {
  it.each([
    ["那乡镇呢", true],
    ["特定群体呢？", true],
    ["那要是超期了", true],
    ["还有别的要求吗", true],
    ["如果申请人不同意", true],
    ["收费吗", false],
    ["公开时限咋填", false],
    ["那个公开对象一栏要是特定群体的话具体写到什么程度呢", false], // too long to lean on the one before
  ])("%s → %s", (q, elliptical) => {
    expect(isElliptical(q)).toBe(elliptical);
  });
});

describe("when a question is read with the one before", () => {
  const weak = { abstain: true, confidence: 0, unfamiliar: 0, terms: ["收费"], related: [] };
  const sure = { abstain: false, confidence: 0.9, unfamiliar: 0, terms: ["乡镇"], related: [] };
  it.each([
    ["收费吗", weak, true],
    ["那乡镇呢", sure, true],
    ["公开依据要写到第几条吗", sure, false],
    ["谁来审", { ...sure, confidence: 0.3 }, false], // answered alone, however weakly: its own
    ["我们乡今年新来的同志问公开依据一栏到底要写到哪一级的文件才行", weak, false],
  ])("%s (alone %o) → tried: %s", (q, alone, tried) => {
    expect(mayFollow(q, alone)).toBe(tried);
  });

  it.each([
    ["收费吗", weak, { abstain: false, confidence: 0.8 }, true],
    ["明天下不下雨", { ...weak, unfamiliar: 1 }, { abstain: false, confidence: 0.8 }, false],
    ["收费吗", weak, { abstain: true, confidence: 0 }, false],
    ["好吧", { ...weak, terms: ["好"] }, { abstain: false, confidence: 0.8 }, false],
    ["？？", { ...weak, terms: [] }, { abstain: false, confidence: 0.8 }, false],
    ["谁来审", { ...weak, terms: ["审"], related: ["负责", "牵头"] }, { abstain: false, confidence: 0.8 }, true],
    ["那乡镇呢", sure, { abstain: false, confidence: 0.5 }, true],
  ])("%s → kept: %s", (q, alone, combined, kept) => {
    expect(keepsFollowUp(q, alone, combined)).toBe(kept);
  });

  it("searches the previous question with it and says so, quoting the end of a long one", () => {
    expect(withPrevious(" 公开时限咋填 ", "那乡镇呢")).toBe("公开时限咋填 那乡镇呢");
    expect(followUpNote("公开时限咋填")).toBe("（接着上一个问题“公开时限咋填”理解）");
    expect(followUpNote("甲".repeat(40))).toBe(`（接着上一个问题“…${"甲".repeat(30)}”理解）`);
  });
});
