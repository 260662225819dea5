import { describe, expect, it } from "vitest";
import { itemStyle, toBlocks } from "../../src/knowledge/chunk-blocks.js";

describe("a section's blocks", () => {
  it.each([
    ["(一) 试点", "paren-han"],
    ["（2）细化", "paren-digit"],
    ["3. 公开时限", "digit"],
    ["一是梳理", "shi"],
    ["① 政府网站", "circled"],
    ["- 公示栏", "bullet"],
    ["2020年底前完成", undefined],
  ])("reads %s as list style %s", (line, style) => {
    expect(itemStyle(line)).toBe(style);
  });

  it("keeps a table apart from the paragraph before it", () => {
    const blocks = toBlocks(["示例：", "| 事项 | 时限 |", "| --- | --- |", "| 预算 | 20个工作日 |", "", "说明文字。"]);
    expect(blocks.map((b) => b.kind)).toEqual(["para", "table", "para"]);
  });

  it("pulls out a long list of items that each say something, but leaves a short one in its paragraph", () => {
    const item = (i: number) => `${i}. 某某领域。（责任单位：县某某局，负责组织编制本领域标准目录并按时报送）`;
    const long = toBlocks(["具体责任分工是：", ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(item)]);
    expect(long.map((b) => b.kind)).toEqual(["para", "list"]);
    const short = toBlocks(["具体如下：", "1. 甲", "2. 乙", "3. 丙"]);
    expect(short.map((b) => b.kind)).toEqual(["para"]);
  });
});
