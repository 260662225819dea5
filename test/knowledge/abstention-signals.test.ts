import { describe, expect, it } from "vitest";
import { asksPersonalStatus, corroborated } from "../../src/knowledge/abstention-signals.js";

describe("a question asking whether one person's money has come", () => {
  it.each([
    ["张老三家的危房改造补助发下来没有", true],
    ["王桂兰的高龄补贴到账没有 帮忙查查", true],
    ["这个月工资咋还没发", true],
    ["刘桂芳的耕地地力补贴发了没有,她问我好几次了", true],
    ["补贴发没发你帮我看看", true],
    // the domain's own questions about payments and documents handed down
    ["危房改造补助发放了要公开吗", false],
    ["补贴发放情况要公示吗", false],
    ["目录是县里统一编好发下来让我们照着填吗", false],
  ])("%s → %s", (q, status) => {
    expect(asksPersonalStatus(q)).toBe(status);
  });
});

describe("two everyday wordings that agree", () => {
  const words = [
    { forms: ["往后拖", "拖几天", "弄不完"] },
    { forms: ["快递", "寄过来"] },
    { forms: ["不回复", "没回复"] },
    { forms: ["不归我们", "不归我们管"] },
  ];
  it.each([
    ["要是弄不完能不能往后拖", true],
    ["往后拖,最多拖几天", true],
    // one wording; two of different things; one inside another
    ["作业能往后拖吗", false],
    ["快递一直不回复怎么办", false],
    ["这事不归我们管", false],
  ])("%s → %s", (q, agree) => {
    expect(corroborated(q, words)).toBe(agree);
  });
});
