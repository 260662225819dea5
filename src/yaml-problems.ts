/**
 * Chinese wording of the problems of a YAML file a deployer edits (the deadlines file, a
 * knowledge document's front matter): where a syntax error is, and what a schema issue means,
 * with the value written — not the parser's or zod's English.
 */
import { YAMLError } from "yaml";
import type { z } from "zod";

/**
 * A YAML syntax error in Chinese: line and column, what to check, and the parser's own words
 * (without their position) for detail.
 * @param o.lineOffset lines of the file before the YAML text (a front matter starts on line 2).
 * @param o.within what part of the file the line falls in ("（第 2 项（x）内）"), given the YAML text's line.
 */
export function yamlSyntaxProblem(err: unknown, o: { lineOffset?: number; within?: (line: number) => string } = {}): string {
  const parser = (err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err)).replace(/ at line \d+, column \d+:?$/, "");
  const pos = err instanceof YAMLError ? err.linePos?.[0] : undefined;
  if (!pos) return `格式有误（解析器提示：${parser}）`;
  const where = `第 ${pos.line + (o.lineOffset ?? 0)} 行第 ${pos.col} 列附近${o.within?.(pos.line) ?? ""}`;
  return `${where}格式有误。请检查缩进是否对齐、引号和括号是否成对、“键: 值”的冒号后是否有空格。（解析器提示：${parser}）`;
}

/** Chinese names of the types a schema expects. */
const TYPE_NAMES: Record<string, string> = { string: "文字", number: "数字", int: "整数", boolean: "“true”或“false”", array: "列表（每项以“- ”开头）", object: "“键: 值”形式的一组设置" };

/** The value at `path` of a parsed document (undefined when absent). */
function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((v, k) => (v !== null && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined), doc);
}

/**
 * A schema issue of a parsed YAML document for a deployer: a missing key said as missing, a
 * wrong type or an unknown key in Chinese, and the value written when it is a single value.
 * Parse with zod's Chinese locale (zhCN) so the remaining messages are Chinese too.
 */
export function issueText(doc: unknown, issue: z.core.$ZodIssue): string {
  const value = valueAt(doc, issue.path);
  const key = String(issue.path.findLast((k) => typeof k === "string") ?? "");
  if (value === undefined) return issue.code === "invalid_type" ? `缺少 ${key}（必填）` : `缺少 ${key}（必填）：${issue.message}`;
  const written = value === null || value === "" ? "（现为空）" : typeof value !== "object" ? `（现为 ${JSON.stringify(value)}）` : "";
  if (issue.code === "unrecognized_keys") return `不认识的字段 ${issue.keys.map((k) => `“${k}”`).join("、")}，请检查拼写`;
  if (issue.code === "invalid_type") return `${key ? `${key} ` : ""}应为${TYPE_NAMES[issue.expected] ?? issue.expected}${written}`;
  return `${issue.message}${written}`;
}
