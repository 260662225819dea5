import { describe, expect, it } from "vitest";
import { followUpNote, followUpText, isElliptical, keepsFollowUp, mayFollow, ownPart, saysOnlyUnknown, topicOf, wordsOf } from "../../src/knowledge/follow-up.js";

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
  const reading = { kind: "other" as const, named: [], original: "" };
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
    // only the clause naming the previous thing is asked anew, not what the question went on to say
    const longer = { ...before, reading: { ...before.reading, text: "公开时限怎么填写啊,直接写及时公开可不可以" } };
    expect(followUpText(longer, "那公开主体呢", { named: ["公开主体"], columns: ["公开主体"] })).toEqual({ text: "公开主体怎么填写啊", asks: "previous question" });
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

describe("the shape of a follow-up", () => {
  const reading = (original: string, kind: "how" | "who" | "other" | "whether", named: string[] = []) => ({ original, kind, named });
  // the words listed are unknown to the knowledge: their IDF is that of a word no passage holds ("")
  const idfKnowing = (...unknown: string[]) => (t: string) => (t === "" || unknown.includes(t) ? 2 : 1);

  it("reads a how-to-do question about one thing of its own as a new question, a situation of the previous matter as a follow-up", () => {
    const refused = { abstain: true, confidence: 0 };
    expect(mayFollow("备案咋弄", { ...refused, terms: ["备案"], reading: reading("备案咋弄", "how") })).toBe(false);
    expect(mayFollow("年报怎么写", { ...refused, terms: ["年报"], reading: reading("年报怎么写", "how", ["年报"]) })).toBe(false);
    expect(mayFollow("超期了咋办", { ...refused, terms: ["超期"], reading: reading("超期了咋办", "how") })).toBe(true);
    expect(mayFollow("有特别规定的咋办", { ...refused, terms: ["特别", "规定"], reading: reading("有特别规定的咋办", "how") })).toBe(true);
  });

  it("reads 那X呢 as a new question when X is a whole question answered alone, not when it only names a thing or adds to the matter", () => {
    const answered = { abstain: false, confidence: 0.9 };
    const third = { ...answered, terms: ["第三", "三方", "第三方", "不", "同意", "公开"], reading: reading("那第三方不同意公开呢", "other", ["第三方"]) };
    expect(mayFollow("那第三方不同意公开呢", third)).toBe(false);
    expect(mayFollow("那第三方不同意公开呢", { ...third, abstain: true, confidence: 0 })).toBe(true);
    expect(mayFollow("那公开主体呢", { ...answered, terms: ["公开", "主体"], reading: reading("那公开主体呢", "other", ["公开主体"]) })).toBe(true);
    expect(mayFollow("还有别的要求吗", { ...answered, terms: ["别的", "要求"], reading: reading("还有别的要求吗", "whether") })).toBe(true);
  });

  it("keeps a follow-up whose unknown words are everyday words or fragments, not one naming another matter", () => {
    const found = { abstain: false };
    const own = (terms: string[], kind: "who" | "how" | "other", unknown: string[]) => ({ unfamiliar: 0.6, terms, related: [], reading: reading("", kind), idf: idfKnowing(...unknown) });
    expect(keepsFollowUp("要经过谁同意", own(["经过", "同意"], "who", ["经过"]), found)).toBe(true);
    expect(keepsFollowUp("那批后呢", { ...own(["批后"], "other", ["批后"]), unfamiliar: 1 }, found)).toBe(true);
    expect(keepsFollowUp("低保怎么申请", own(["低保", "申请"], "how", ["低保"]), found)).toBe(false);
    // an everyday wording the reader knows the documents' words for (不回复 → 逾期未提出意见) names no other matter
    const silent = own(["人家", "企业", "不", "回复"], "other", ["人家", "回复"]);
    expect(keepsFollowUp("那要是人家企业不回复呢", { ...silent, reading: { ...silent.reading, everyday: ["不回复"] } }, found)).toBe(true);
    expect(keepsFollowUp("那要是人家企业不回复呢", silent, found)).toBe(false);
    // a fragment is one only in a question that says it continues
    expect(keepsFollowUp("帮我写首诗", { ...own(["帮", "首诗"], "other", ["首诗"]), unfamiliar: 1 }, found)).toBe(false);
    // a way of asking asks something, though the only word is one character: 在哪 by the words it asks for, 谁 by its kind
    expect(keepsFollowUp("贴在哪", { ...own(["贴"], "other", []), unfamiliar: 0, related: ["网站", "平台"] }, found)).toBe(true);
    expect(keepsFollowUp("谁来贴", { ...own(["贴"], "who", []), unfamiliar: 0 }, found)).toBe(true);
    expect(keepsFollowUp("好吧", { ...own(["好"], "other", []), unfamiliar: 0 }, found)).toBe(false);
  });

  it("asks the previous question as typed when the follow-up's own words are all unknown, and about a thing only when it only names it", () => {
    expect(saysOnlyUnknown({ terms: ["批后"], idf: idfKnowing("批后") })).toBe(true);
    expect(saysOnlyUnknown({ terms: ["下雨"], idf: idfKnowing("下雨") })).toBe(false);
    expect(saysOnlyUnknown({ terms: ["收费"], idf: idfKnowing() })).toBe(false);
    const audit = { reading: { text: "标准目录编完报谁审核", named: ["标准目录"], columns: [] }, terms: ["标准", "目录", "编完", "报", "审核"] };
    expect(followUpText(audit, "那批后呢", { named: [], columns: [] }, true)).toEqual({ text: "标准目录编完报谁审核 批后", asks: "own question" });
    const reply = { reading: { text: "依申请公开多少天内答复", named: ["依申请公开"], columns: [] }, terms: ["依", "申请", "公开", "答复"] };
    expect(followUpText(reply, "那要是第三方不回复呢", { named: ["第三方"], columns: [] })).toEqual({ text: "依申请公开 第三方不回复", asks: "own question" });
    expect(followUpText(reply, "那第三方呢", { named: ["第三方"], columns: [] })).toEqual({ text: "第三方多少天内答复", asks: "previous question" });
  });

  it("leaves the ways of asking out of a topic (截止 too) and keeps the longest words", () => {
    expect(topicOf({ named: [] }, ["年报", "截止", "日期"])).toBe("年报 日期");
    expect(wordsOf(["第三", "三方", "第三方", "不", "同意"])).toEqual(["第三方", "同意"]);
  });
});
