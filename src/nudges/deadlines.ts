import fs from "node:fs";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { zhCN } from "zod/locales";
import { issueText, yamlSyntaxProblem } from "../yaml-problems.js";
import { isIsoDate } from "./calendar.js";

/**
 * The deadline schema (knowledge/deadlines.yaml and chat-added deadlines) and its loader.
 */

/** Raised when a deadlines file cannot be read or does not match the schema; lists every problem. */
export class DeadlinesError extends Error {
  constructor(
    message: string,
    readonly issues: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(issues.length ? `${message}\n${issues.map((i) => `  - ${i}`).join("\n")}` : message, options);
    this.name = "DeadlinesError";
  }
}

/** Ids of deadlines added in chat: "c" followed by a number; file ids may not take this form. */
export const CHAT_DEADLINE_ID = /^c\d+$/;

const idSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,31}$/, "id 只能用小写字母、数字和连字符，以字母开头，最长 32 个字符")
  .refine((id) => !CHAT_DEADLINE_ID.test(id), "id 形如 c12 的保留给群内添加的截止事项");

const scheduleSchema = z.union([
  z.strictObject({
    date: z.string().refine(isIsoDate, "date 应为真实日期 YYYY-MM-DD"),
  }),
  z.strictObject({
    monthly: z.number().int().min(1, "monthly 应为 1–31 的日").max(31, "monthly 应为 1–31 的日"),
    months: z
      .array(z.number().int().min(1, "months 的月份应为 1–12").max(12, "months 的月份应为 1–12"))
      .min(1)
      .transform((ms) => [...new Set(ms)].sort((a, b) => a - b))
      .optional(),
  }),
  z.strictObject({
    yearly: z
      .string()
      .regex(/^\d{2}-\d{2}$/, 'yearly 应写作 "MM-DD"（如 "03-31"）')
      .refine((md) => isIsoDate(`2024-${md}`), "yearly 不是真实的月日"),
  }),
], {
  error: 'schedule 应为以下之一：{date: YYYY-MM-DD}、{monthly: 日}（可加 months: [1, 4, 7, 10]）、{yearly: "MM-DD"}',
});

/** One deadline as written in the YAML file. */
export const deadlineSchema = z.strictObject({
  id: idSchema,
  title: z.string().trim().min(1, "title 不能为空"),
  source: z.string().trim().min(1, "source 不能为空：每个截止事项都要注明出处"),
  schedule: scheduleSchema,
  remind: z
    .array(z.number().int().min(0, "remind 的偏移不能为负").max(60, "remind 的偏移最多 60 个工作日"))
    .min(1)
    .transform((r) => [...new Set(r)].sort((a, b) => b - a))
    .default([3, 1, 0]),
  /** The locality whose document sets this deadline (e.g. 广东), when it is not a national rule. */
  region: z.string().trim().min(1, "region 不能为空（全国适用的事项不写 region）").optional(),
  /** Said wherever the deadline is shown when its date is a default because the source gives none. */
  dateNote: z.string().trim().min(1, "dateNote 不能为空（出处规定了日期的事项不写 dateNote）").optional(),
  /** 县级 or 乡级 when the source binds only that level (absent: both). */
  level: z.enum(["县级", "乡级"], { error: "level 只能是 县级 或 乡级（不写表示两级都适用）" }).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time 应为北京时间 "HH:MM"（如 "09:00"）')
    .default("09:00"),
});

/** A recurring (or one-off) reporting deadline. `remind` is sorted, largest offset first. */
export type Deadline = z.output<typeof deadlineSchema>;
export type Schedule = Deadline["schedule"];

const fileSchema = z.array(deadlineSchema).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((d, i) => {
    if (seen.has(d.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `id “${d.id}” 重复` });
    seen.add(d.id);
  });
});

/**
 * Parses and validates the text of a deadlines YAML file (a list of entries, or
 * `{deadlines: [...]}`).
 * @param fileName used in error messages only.
 */
export function parseDeadlines(text: string, fileName = "deadlines.yaml"): Deadline[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (err) {
    throw new DeadlinesError(`${fileName} 不是有效的 YAML：${yamlSyntaxProblem(err, { within: (line) => entryAt(text, line) })}`, [], { cause: err });
  }
  if (doc && typeof doc === "object" && !Array.isArray(doc) && "deadlines" in doc) {
    doc = (doc as { deadlines: unknown }).deadlines;
  }
  if (doc === null || doc === undefined) return [];
  const parsed = fileSchema.safeParse(doc, { error: zhCN().localeError });
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${describePath(doc, i.path)}：${issueText(doc, i)}`);
    throw new DeadlinesError(`${fileName} 有 ${issues.length} 处错误：`, issues, { cause: parsed.error });
  }
  return parsed.data;
}

/** Reads and validates a deadlines YAML file. */
export function loadDeadlines(file: string): Deadline[] {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new DeadlinesError(`无法读取截止事项文件 ${file}`, [], { cause: err });
  }
  return parseDeadlines(text, file);
}

/** The entry a line of the file falls in: "（第 2 项（annual-report）内）", or "" above the first. */
function entryAt(text: string, line: number): string {
  const lines = text.split(/\r?\n/).slice(0, line);
  const item = new RegExp(`^${/^( *)- /m.exec(text)?.[1] ?? ""}- `);
  const starts = lines.flatMap((l, i) => (item.test(l) ? [i] : []));
  const last = starts.at(-1);
  if (last === undefined) return "";
  const id = lines.slice(last).map((l) => /^[\s-]*id:\s*["']?([\w-]+)/.exec(l)?.[1]).find(Boolean);
  return `（第 ${starts.length} 项${id ? `（${id}）` : ""}内）`;
}

/** "第 2 项（annual-report）.schedule.monthly" — a readable location for an issue. */
function describePath(doc: unknown, path: readonly PropertyKey[]): string {
  const [first, ...rest] = path;
  if (typeof first !== "number") return path.map(String).join(".") || "文件内容";
  const entry = Array.isArray(doc) ? (doc[first] as { id?: unknown } | undefined) : undefined;
  const id = entry && typeof entry.id === "string" ? `（${entry.id}）` : "";
  return `第 ${first + 1} 项${id}${rest.length ? "." + rest.map(String).join(".") : ""}`;
}

/** A short Chinese description of a schedule: "每月5日", "每年3月31日", "2026年6月30日". */
export function describeSchedule(s: Schedule): string {
  if ("date" in s) return `${Number(s.date.slice(0, 4))}年${Number(s.date.slice(5, 7))}月${Number(s.date.slice(8))}日`;
  if ("yearly" in s) return `每年${Number(s.yearly.slice(0, 2))}月${Number(s.yearly.slice(3))}日`;
  const day = s.monthly >= 31 ? "最后一天" : `${s.monthly}日`;
  return s.months ? `每年${s.months.join("、")}月${day}` : `每月${day}`;
}

/**
 * The basis of a deadline in one short line: its document (the source up to the quoted passage)
 * and, for one locality's rule, the locality — "广东省人民政府办公厅关于…的通知 三、及附件2（广东）".
 */
export function basisText(d: Pick<Deadline, "source" | "region">): string {
  const doc = d.source.split(/[：:]\s*[“"]/)[0]?.trim() || d.source;
  return `${doc}${d.region ? `（${d.region}）` : ""}`;
}
