import { describe, expect, it } from "vitest";
import { asksElsewhere, asksPersonalStatus, corroborated } from "../../src/knowledge/abstention-signals.js";

describe("a question asking whether one person's money has come", () => {
  it.each([
    ["张老三家的危房改造补助发下来没有", true],
    ["王桂兰的高龄补贴到账没有 帮忙查查", true],
    ["这个月工资咋还没发", true],
    ["刘桂芳的耕地地力补贴发了没有,她问我好几次了", true],
    ["补贴发没发你帮我看看", true],
    ["这个月绩效啥时候发", true],
    ["年终奖几号到账", true],
    // the domain's own questions about payments and documents handed down
    ["危房改造补助发放了要公开吗", false],
    ["补贴发放情况要公示吗", false],
    ["目录是县里统一编好发下来让我们照着填吗", false],
    ["补贴什么时候发放情况要公开", false],
    ["年报什么时候发", false],
    ["涉农补贴什么时候发 要公示不", false],
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

describe("a question the documents never answer (out-of-scope.yaml)", () => {
  const scope = { services: ["要带啥材料", "补办", "丢了", "多少钱"], everyday: ["下雨", "打印机"], anchors: ["公开", "公示", "目录"] };
  const read = (q: string, named: string[] = [], meant: string[] = []) => ({ original: q, text: q, named, meant });
  it.each([
    // a personal service, asked without a word of disclosure
    ["低保咋申请，要带啥材料去", [], true],
    ["社保卡丢了咋补办", [], true],
    ["危房改造补助一户多少钱", [], true],
    // the same ways of asking about disclosure itself, or naming one of its concepts
    ["低保名单公示要带啥材料", [], false],
    ["依申请公开收费吗 多少钱", [], false],
    ["申请人要带啥材料", ["申请人"], false],
    ["公开目录丢了咋补", [], false],
    // …or said in everyday words the reader maps to disclosure (贴出来 → 公开)
    ["危房改造谁家补了多少钱 要贴出来不", [], false, ["公开"]],
    // an everyday matter, whatever else the question names
    ["明天下雨不 公示栏要贴东西", [], true],
    ["打印机打公示表老卡纸", [], true],
    // neither
    ["公开时限咋填", ["公开时限"], false],
  ])("%s → %s", (q, named, out, meant = []) => {
    expect(asksElsewhere(read(q, named as string[], meant as string[]), scope)).toBe(out);
  });
});
