/**
 * Adapting reply markdown to what a platform's dialect can show. DingTalk's markdown has
 * headings, bold, links, images, quotes and lists but no tables (DingTalk docs "企业机器人发送消息的
 * 消息类型", sampleMarkdown; "自定义机器人" markdown syntax list), so its tables become lists.
 */
import type { MarkdownDialect } from "./channel.js";

const ROW = /^\s*\|(.*)\|?\s*$/;
const RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

/** The cells of a table line. */
function cells(line: string): string[] {
  const inner = line.trim().replace(/^\|/, "").replace(/\|$/, "");
  return inner.split("|").map((c) => c.trim());
}

/**
 * Turns each markdown table (a header line, a rule line, rows) into a list with one item per
 * row: "- 表头1：值1；表头2：值2". Empty cells are left out; lines outside tables are unchanged.
 */
export function tablesToLists(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const next = lines[i + 1];
    if (!ROW.test(line) || next === undefined || !RULE.test(next) || !next.includes("-")) {
      out.push(line);
      continue;
    }
    const header = cells(line);
    let j = i + 2;
    for (; j < lines.length && ROW.test(lines[j] as string); j++) {
      const row = cells(lines[j] as string);
      const parts = row.flatMap((value, k) => (value === "" ? [] : [header[k] ? `${header[k]}：${value}` : value]));
      if (parts.length) out.push(`- ${parts.join("；")}`);
    }
    i = j - 1;
  }
  return out.join("\n");
}

/** The text as the dialect can show it. */
export function forDialect(text: string, dialect: MarkdownDialect): string {
  return dialect === "dingtalk" ? tablesToLists(text) : text;
}
