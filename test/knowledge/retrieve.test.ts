import { describe, expect, it } from "vitest";
import { expand, intentTerms } from "../../src/knowledge/retrieve.js";
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

describe("tokenising questions", () => {
  it("drops interrogative phrasing and fillers, keeps topic words", () => {
    const t = tokenize(stripQuestionWords("编制目录前县级政府要先做哪两件事？"));
    expect(t).toEqual(expect.arrayContaining(["编制", "目录", "县级", "政府"]));
    expect(t.some((x) => x.startsWith("哪"))).toBe(false);
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
});
