import { describe, expect, it } from "vitest";
import { forDialect, tablesToLists } from "../../src/core/markdown-dialect.js";
import { renderReplies } from "../../src/core/render.js";

describe("tablesToLists", () => {
  const table = ["要素 | 说明", "---|---", "公开时限 | 信息形成之日起20个工作日内", "公开主体 | 县自然资源局"].map((l) => `| ${l} |`).join("\n");

  it.each([
    ["a table becomes one item per row, header names kept", `前言\n${table}\n结尾`, "前言\n- 要素：公开时限；说明：信息形成之日起20个工作日内\n- 要素：公开主体；说明：县自然资源局\n结尾"],
    ["empty cells are left out", "| 甲 | 乙 |\n|:---|---:|\n| 1 |  |", "- 甲：1"],
    ["a pipe line without a rule line is not a table", "| 只是一行 |\n下一行", "| 只是一行 |\n下一行"],
    ["text without tables is unchanged", "1. 第一\n2. 第二", "1. 第一\n2. 第二"],
  ])("%s", (_name, input, expected) => {
    expect(tablesToLists(input)).toBe(expected);
  });

  it("applies to the dingtalk dialect only", () => {
    expect(forDialect(table, "dingtalk")).not.toContain("|");
    expect(forDialect(table, "wecom")).toBe(table);
    expect(forDialect(table, "plain")).toBe(table);
  });

  it("is applied when rendering for DingTalk", () => {
    const [out] = renderReplies([{ text: table }], { maxMessageBytes: 12_000, markdown: "dingtalk", buttons: false, filesInGroups: false });
    expect(out?.text).toBe("- 要素：公开时限；说明：信息形成之日起20个工作日内\n- 要素：公开主体；说明：县自然资源局");
  });
});
