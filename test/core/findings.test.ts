/** Rule sources quoted in chat: the whole passage that carries the rule. */
import { describe, expect, it } from "vitest";
import { RULES } from "../../src/catalogue/index.js";
import { shortSource } from "../../src/core/drafting/findings.js";

describe("shortSource", () => {
  it.each([
    ["R23", "公开或履行该事项所依据的国家政策法规名称，不需要给出具体条款。"],
    ["R17", "均应以国务院部门印发的指引中的表述为准，不应自行改动。"],
    ["R18", "原则上不减少二级事项，如存在部分基层政府已完成工作或者已取消事项等特殊情况的，应当在“公开依据”中说明情况并注明依据"],
    ["R04", "不需要给出具体条款。"],
    ["R11", "可在“其他”中写明。"],
    ["R24", "应通过政府网站、征地信息公开平台、村公示栏等渠道，及时主动公开。"],
  ] as const)("%s quotes its rule in full", (rule, words) => {
    const shown = shortSource(RULES[rule].source);
    expect(shown).toContain(words);
    expect(shown).toBe(RULES[rule].source);
  });

  it("keeps both citations of R19", () => {
    expect(shortSource(RULES.R19.source)).toBe(RULES.R19.source);
  });

  it("cuts a long passage at a sentence or clause boundary, keeping the document name", () => {
    const long = `《某文件》：“${"第一句说明了规则的内容。".repeat(12)}”`;
    const shown = shortSource(long);
    expect(shown.startsWith("《某文件》：“第一句说明了规则的内容。")).toBe(true);
    expect(shown).toMatch(/。…”$/);
    expect([...shown].length).toBeLessThan([...long].length);
  });
});
