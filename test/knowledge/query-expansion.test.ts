import { describe, expect, it } from "vitest";
import { contextOf, expand, intentTerms } from "../../src/knowledge/query-expansion.js";
import { charBigrams, splitSentences, stripQuestionWords, tokenize } from "../../src/knowledge/tokenize.js";

describe("query expansion", () => {
  const groups = [{ terms: ["城乡规划", "国土空间规划"] }, { terms: ["两微一端", "政务微博", "微信公众号"] }];

  it.each([
    ["国土空间规划领域怎么编？", ["城乡规划"]],
    ["微信公众号算不算两微一端", ["政务微博"]],
    ["公开时限怎么写", []],
  ])("%s → %j", (q, terms) => {
    expect(expand(q, groups)).toEqual(terms);
  });

  it("adds the wording documents answer a way of asking with", () => {
    const intents = [{ ask: ["多久", "多少天"], terms: ["时限", "工作日内"] }];
    expect(intentTerms("主动公开最晚多少天内挂出去？", intents)).toEqual(["时限", "工作日内"]);
    expect(intentTerms("公开主体怎么写", intents)).toEqual([]);
  });
});

describe("a pilot field as the setting of a question", () => {
  // passages: the 征地 guideline's table row, the regulation's privacy article, the 户籍管理 guideline entry
  const passages = ["征地 公示 公开 补偿 安置 方案", "个人 隐私 个人隐私 第三方 公开", "户籍 管理 户籍管理 指引 标准 标准指引 公安部"].map((p) => new Set(p.split(" ")));
  const parts = { fieldTerms: ["征地", "户籍管理"], tokens: passages, salience: new Map([["公示", 5], ["指引", 6], ["公开", 6]]) };
  const idf = () => 1;
  const context = (text: string, topics: string[] = []) => [...contextOf({ text, tokens: tokenize(stripQuestionWords(text)), topics }, parts, idf)];

  it("is context when the question asks about something the field's passages do not hold", () => {
    expect(context("征地公示里的身份证号能贴出去吗", ["个人隐私"])).toEqual(["征地"]);
  });

  it("is the topic when the field's passages hold what is asked, or nothing else is asked", () => {
    expect(context("户籍管理的指引原文在哪找", ["标准指引"])).toEqual([]);
    expect(context("征地公开什么")).toEqual([]);
    expect(context("公示要多久", ["时限"])).toEqual([]);
  });
});

describe("tokenising questions", () => {
  it("drops interrogative phrasing and fillers, keeps topic words", () => {
    const t = tokenize(stripQuestionWords("编制目录前县级政府要先做哪两件事？"));
    expect(t).toEqual(expect.arrayContaining(["编制", "目录", "县级", "政府"]));
    expect(t.some((x) => x.startsWith("哪"))).toBe(false);
  });

  it("reads 包括哪些 as asking for a list, not as a topic word; 包括 as a topic stays", () => {
    expect(tokenize(stripQuestionWords("26个领域具体包括哪些？"))).not.toContain("包括");
    expect(tokenize(stripQuestionWords("公开内容包括个人信息怎么办"))).toContain("包括");
    expect(tokenize(stripQuestionWords("什么叫主动公开"))).toEqual(["主动", "公开"]);
    expect(tokenize(stripQuestionWords("依申请公开是什么意思"))).not.toContain("意思");
  });

  it("makes character bigrams of letters and digits only", () => {
    expect(charBigrams("上报，县政府")).toEqual(["上报", "报县", "县政", "政府"]);
  });
});

describe("splitSentences", () => {
  it("keeps a parenthesis with its sentence and splits numbered items run together", () => {
    expect(splitSentences("3. 义务教育领域。（责任单位：县教育局）4. 户籍管理领域。（责任单位：县公安局）")).toEqual([
      "3. 义务教育领域。（责任单位：县教育局）",
      "4. 户籍管理领域。（责任单位：县公安局）",
    ]);
    expect(splitSentences("第一句。第二句！\n第三句")).toEqual(["第一句。", "第二句！", "第三句"]);
  });

  it("keeps a closing quotation mark with the sentence it ends", () => {
    expect(splitSentences("指引明确，“不得交叉重叠。”又如卫生健康领域。")).toEqual(["指引明确，“不得交叉重叠。”", "又如卫生健康领域。"]);
  });
});
