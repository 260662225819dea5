/** Findings in chat: where each is, and the rule sources quoted (the whole passage that carries the rule). */
import { describe, expect, it } from "vitest";
import { RULES, type Finding } from "../../src/catalogue/index.js";
import { formatFinding, shortSource } from "../../src/core/drafting/findings.js";

describe("formatFinding", () => {
  const finding = (f: Partial<Finding>): Finding => ({ rule: "R09", severity: "warning", seq: null, sheetRow: null, field: "subject", message: "…", source: RULES.R09.source, ...f });

  it("puts a finding on the whole catalogue under 全表, not at the title row it is anchored to", () => {
    const text = formatFinding(finding({ rule: "R18", sheetRow: 1, field: "level2", message: "目录缺少……" }), { withSeq: true });
    expect(text).toContain("R18 警告｜全表：目录缺少");
    expect(text).not.toContain("表格第1行");
  });

  it("names an item by 第N条, or by its sheet row when it has no 序号", () => {
    expect(formatFinding(finding({ seq: 3, sheetRow: 6 }), { withSeq: true })).toContain("｜第3条 公开主体：");
    expect(formatFinding(finding({ sheetRow: 6 }), { withSeq: true })).toContain("｜表格第6行 公开主体：");
  });

  it("names only the element for a drafted row", () => {
    expect(formatFinding(finding({ seq: 1 }))).toContain("R09 警告｜公开主体：");
  });
});

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
