import { describe, expect, it } from "vitest";
import { followUpNote, followUpText, isElliptical, keepsFollowUp, mayFollow, ownPart, topicOf } from "../../src/knowledge/follow-up.js";

describe("a question that says it continues the one before", () => {
  it.each([
    ["那乡镇呢", true],
    ["特定群体呢？", true],
    ["那要是超期了", true],
    ["还有别的要求吗", true],
    ["如果申请人不同意", true],
    ["收费吗", false],
    ["公开时限咋填", false],
    ["乡镇也要写吗", true],
    ["能写及时公开不", true],
    ["填全社会行不行", true],
    ["那个公开对象一栏要是特定群体的话具体写到什么程度呢", false], // too long to lean on the one before
  ])("%s → %s", (q, elliptical) => {
    expect(isElliptical(q)).toBe(elliptical);
  });
});

describe("when a question is read with the one before", () => {
  const reading = { kind: "other" as const, named: [] };
  // every word known to the knowledge: an unseen word's IDF (that of "") is larger
  const idf = (t: string) => (t ? 1 : 2);
  const weak = { abstain: true, confidence: 0, unfamiliar: 0, terms: ["收费"], related: [], reading, idf };
  const sure = { abstain: false, confidence: 0.9, unfamiliar: 0, terms: ["乡镇"], related: [], reading, idf };
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
    ["明天下不下雨", { ...weak, unfamiliar: 1, terms: ["明天", "下雨"], idf: () => 2 }, { abstain: false, confidence: 0.8 }, false],
    ["要写全称不", { ...weak, unfamiliar: 1 }, { abstain: false, confidence: 0.8 }, true],
    ["能多选吗", { ...weak, unfamiliar: 1 }, { abstain: false, confidence: 0.8 }, true],
    ["收费吗", weak, { abstain: true, confidence: 0 }, false],
    ["好吧", { ...weak, terms: ["好"] }, { abstain: false, confidence: 0.8 }, false],
    ["？？", { ...weak, terms: [] }, { abstain: false, confidence: 0.8 }, false],
    ["谁来审", { ...weak, terms: ["审"], related: ["负责", "牵头"] }, { abstain: false, confidence: 0.8 }, true],
    ["那乡镇呢", sure, { abstain: false, confidence: 0.5 }, true],
  ])("%s → kept: %s", (q, alone, combined, kept) => {
    expect(keepsFollowUp(q, alone, combined)).toBe(kept);
  });

  it("asks the previous question about a thing the follow-up names, else its own question about the previous topic", () => {
    expect(ownPart("那乡镇呢？")).toBe("乡镇");
    expect(ownPart("还有几天")).toBe("几天");
    expect(ownPart("呢")).toBe("呢");
    const before = { reading: { text: "公开时限怎么填写", named: ["公开时限"], columns: ["公开时限"] }, terms: ["公开", "时限", "填写"] };
    expect(followUpText(before, "那公开主体呢", { named: ["公开主体"], columns: ["公开主体"] })).toEqual({ text: "公开主体怎么填写", asks: "previous question" });
    expect(followUpText(before, "那乡镇呢", { named: [], columns: [] })).toEqual({ text: "公开时限 乡镇", asks: "own question" });
    // naming nothing, it asks its own question about the previous column
    expect(followUpText(before, "能写及时公开不", { named: [], columns: [] })).toEqual({ text: "公开时限 能写及时公开不", asks: "own question" });
    // another thing named: the previous question about it; a value of the same column: its own question
    const due = { reading: { text: "目录什么时候要弄完", named: ["目录"], columns: [] }, terms: ["目录", "弄完"] };
    expect(followUpText(due, "那工作台账呢", { named: ["工作台账"], columns: [] })).toEqual({ text: "工作台账什么时候要弄完", asks: "previous question" });
    const audience = { reading: { text: "公开对象怎么填写", named: ["公开对象"], columns: ["公开对象"] }, terms: ["公开", "对象", "填写"] };
    expect(followUpText(audience, "写特定群体行不行", { named: ["特定群体"], columns: ["公开对象"] })).toEqual({ text: "公开对象 写特定群体行不行", asks: "own question" });
    expect(followUpText({ reading: { text: "征地公示要贴多久", named: [], columns: [] }, terms: ["征地", "公示", "贴", "多久"] }, "贴在哪", { named: [], columns: [] })).toEqual({
      text: "征地 公示 贴在哪",
      asks: "own question",
    });
    expect(followUpNote("依申请公开 收费吗")).toBe("（接着上一个问题，按“依申请公开 收费吗”理解）");
  });

  it.each([
    [{ named: ["依申请公开"] }, ["依", "申请", "公开", "答复"], "依申请公开"],
    [{ named: ["身份证号", "身份证号"] }, [], "身份证号"],
    [{ named: [] }, ["征地", "公示", "贴", "身份", "身份证"], "征地 公示 身份证"],
  ])("the topic of %o with terms %o is %s", (reading, terms, topic) => {
    expect(topicOf(reading, terms)).toBe(topic);
  });
});
