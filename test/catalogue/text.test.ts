import { describe, expect, it } from "vitest";
import { headerKey, parseSeq, readMark, remembered, similarity, splitList } from "../../src/catalogue/text.js";
import { knowledge } from "./helpers.js";

describe("splitList", () => {
  it.each([
    ["newlines", "项目名称\n建设地址\r\n竣工时间", "content", ["项目名称", "建设地址", "竣工时间"]],
    ["bullets (保障性住房 seed)", "● 项目名称\n● 建设地址\n• 建设单位", "content", ["项目名称", "建设地址", "建设单位"]],
    ["numbered lines keep 、 inside (生态环境 seed)", "1. 受理环节：受理情况公示、报告书（表）全本\n2. 拟决定环节：拟审查环评文件基本情况公示", "content", ["受理环节：受理情况公示、报告书（表）全本", "拟决定环节：拟审查环评文件基本情况公示"]],
    ["single line split on 、", "适用范围、审批依据、受理机构", "content", ["适用范围", "审批依据", "受理机构"]],
    ["semicolons", "申请条件；申请材料;办理流程", "content", ["申请条件", "申请材料", "办理流程"]],
    ["、 inside brackets kept", "法定代表人(负责人、联系人)、有效期限", "content", ["法定代表人(负责人、联系人)", "有效期限"]],
    ["basis titles without separators", "《中华人民共和国食品安全法》《中华人民共和国政府信息公开条例》", "basis", ["《中华人民共和国食品安全法》", "《中华人民共和国政府信息公开条例》"]],
    ["basis 、 outside 《》 only", "《中共中央、国务院关于X的意见》、国办发〔2019〕54号。", "basis", ["《中共中央、国务院关于X的意见》", "国办发〔2019〕54号"]],
    ["basis multi-line with 、", "《A法》、《B条例》\n《C办法》", "basis", ["《A法》", "《B条例》", "《C办法》"]],
    ["blank", "  \n ", "content", []],
  ] as const)("%s", (_, text, kind, expected) => {
    expect(splitList(text, kind)).toEqual(expected);
  });
});

describe("readMark", () => {
  it.each([
    ["√", true, ""],
    ["✓", true, ""],
    ["●", true, ""],
    ["是", true, ""],
    ["☑", true, ""],
    ["", false, ""],
    ["☐", false, ""],
    ["项目单位", true, "项目单位"],
    ["√（被征地农民）", true, "被征地农民"],
  ])("%s", (text, marked, rest) => {
    expect(readMark(text, knowledge.marks)).toEqual({ marked, rest });
  });

  // A cross means 否 on Chinese forms: not a tick, but the reading is kept for the report.
  it.each(["×", "x", "X", "ｘ", " × ", "✗"])("%j is not a tick, and is reported as a cross", (text) => {
    expect(readMark(text, knowledge.marks)).toEqual({ marked: false, rest: "", crossed: text.trim() });
  });
});

describe("helpers", () => {
  it("parses 序号", () => {
    expect(parseSeq("3")).toEqual({ seq: 3 });
    expect(parseSeq(" 1.1 ")).toEqual({ seq: 1.1 });
    expect(parseSeq("一")).toEqual({ seq: null, seqText: "一" });
    expect(parseSeq("")).toEqual({ seq: null });
  });
  it("normalises header texts", () => {
    expect(headerKey("公开内容 (要素)")).toBe("公开内容");
    expect(headerKey("公开内容（要素）")).toBe("公开内容");
    expect(headerKey("特 定 群 体 (请 写 明)")).toBe("特定群体");
  });
  it("scores similarity", () => {
    expect(similarity("abc", "abc")).toBe(1);
    expect(similarity("拟征收土地告知书", "拟征收土地告知")).toBeGreaterThan(0.9);
    expect(similarity("机构职责", "征地补偿登记")).toBe(0);
  });
});

describe("cells read once and remembered", () => {
  it("computes a cell's value once, and each caller gets its own copy of a list", () => {
    const memory = new Map<string, string[]>();
    let computed = 0;
    const read = () => remembered(memory, "政府网站、两微一端", () => (computed++, ["政府网站", "两微一端"]));
    expect(read()).toEqual(read());
    expect(computed).toBe(1);
    const first = splitList("《中华人民共和国政府信息公开条例》《土地管理法》", "basis");
    first.push("改动");
    expect(splitList("《中华人民共和国政府信息公开条例》《土地管理法》", "basis")).toHaveLength(2);
  });

  it("starts over past its bound instead of growing without end", () => {
    const memory = new Map<string, number>();
    for (let i = 0; i < 10_000; i++) remembered(memory, `cell ${i}`, () => i);
    expect(memory.size).toBeLessThanOrEqual(4096);
  });
});
