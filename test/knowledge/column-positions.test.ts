import { describe, expect, it } from "vitest";
import { readColumnPositions } from "../../src/knowledge/column-positions.js";

const TEMPLATE = ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象（全社会）", "公开对象（特定群体）", "公开方式（主动公开）", "公开方式（依申请公开）", "公开层级（县级）", "公开层级（乡级）"];

describe("a template column named by its position", () => {
  it.each([
    ["E列填什么", "公开依据栏填什么", "公开依据"],
    ["e 列填什么", "公开依据栏填什么", "公开依据"],
    ["附件那个表第三列写什么", "附件那个表二级事项栏写什么", "二级事项"],
    ["第5栏要写到条款吗", "公开依据栏要写到条款吗", "公开依据"],
    ["第十四列打勾还是写字", "公开层级乡级栏打勾还是写字", "公开层级（乡级）"],
    ["第十列写啥", "公开对象特定群体栏写啥", "公开对象（特定群体）"],
    ["A列序号从几开始", "序号栏序号从几开始", "序号"],
  ])("%s → %s", (q, text, column) => {
    const r = readColumnPositions(q, TEMPLATE);
    expect(r.text).toBe(text);
    expect(r.corrections).toEqual([{ from: expect.any(String), to: column }]);
  });

  it.each([["第十五列填什么"], ["Z列填什么"], ["QA列是什么"], ["公开依据那一列填什么"]])("leaves %s as typed: the template has no such column", (q) => {
    expect(readColumnPositions(q, TEMPLATE)).toEqual({ text: q, corrections: [] });
  });

  it("reads nothing without a template", () => {
    expect(readColumnPositions("E列填什么", []).text).toBe("E列填什么");
  });
});
