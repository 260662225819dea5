/**
 * The catalogue data model (spec §1), the Finding shape (spec §2) and the list of
 * elements in template order with their Chinese header names.
 *
 * Row model decisions (documented here because the drafting conversation builds on them):
 * - A row is tolerant: it can hold what an official actually wrote, including invalid
 *   states, so that the validator can report them. Valid drafts use only the "valid" states.
 * - `seq`: the 序号 as a number (may be non-integer, e.g. 1.1 from a YNGK table), or null when
 *   blank or not a number; `seqText` keeps the original text when it was not a number.
 * - `content`, `basis`: lists, one entry per 公开要素 / per law or policy document.
 * - `channels`: canonical channel names from the vocabulary (knowledge/catalogue/channels.yaml),
 *   "其他：<name>" for a named other channel, "其他" when 其他 was ticked without a name,
 *   or the raw text of an unknown channel. Sorted in vocabulary order by `sortChannels`.
 * - `audience`: {kind: "全社会"} | {kind: "特定群体", group?} are the valid states;
 *   {kind: "both", group?} (both columns marked) and {kind: "none"} (neither) are invalid (R14).
 * - `mode`: "主动" | "依申请" are valid; "both" (warning R15) and "none" (error R15).
 * - `levels`: subset of ["县级", "乡级"]; empty is invalid (R16).
 */
import { z } from "zod";

/** Element keys in template order (spec §1). */
export const ELEMENT_KEYS = [
  "seq",
  "level1",
  "level2",
  "content",
  "basis",
  "timeLimit",
  "subject",
  "channels",
  "audience",
  "mode",
  "levels",
] as const;
export type ElementKey = (typeof ELEMENT_KEYS)[number];
export const elementKeySchema = z.enum(ELEMENT_KEYS);

export const AUDIENCE_VALUES = ["全社会", "特定群体"] as const;
export const MODE_VALUES = ["主动", "依申请"] as const;
export const LEVEL_VALUES = ["县级", "乡级"] as const;
export type Level = (typeof LEVEL_VALUES)[number];

export const audienceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("全社会") }),
  z.object({ kind: z.literal("特定群体"), group: z.string().optional() }),
  z.object({ kind: z.literal("both"), group: z.string().optional() }),
  z.object({ kind: z.literal("none") }),
]);
export type Audience = z.infer<typeof audienceSchema>;

export const modeSchema = z.enum(["主动", "依申请", "both", "none"]);
export type Mode = z.infer<typeof modeSchema>;

export const levelSchema = z.enum(LEVEL_VALUES);

/** One 二级事项 (one row of the catalogue). */
export const rowSchema = z.object({
  seq: z.number().nullable(),
  /** Original 序号 text when it was not a number (e.g. "一", "1.1.1"). */
  seqText: z.string().optional(),
  level1: z.string(),
  level2: z.string(),
  content: z.array(z.string()),
  basis: z.array(z.string()),
  timeLimit: z.string(),
  subject: z.string(),
  channels: z.array(z.string()),
  audience: audienceSchema,
  mode: modeSchema,
  levels: z.array(levelSchema),
  /** Values of columns the catalogue adds beyond the 14, keyed by header text. */
  extras: z.record(z.string(), z.string()).optional(),
  /** 1-based Excel row the row was read from (imports only). */
  sheetRow: z.number().int().positive().optional(),
  /**
   * Cells as the official wrote them (imports only; whitespace and line breaks normalised), kept
   * beside the parsed lists: export and reports write them back while the list still matches.
   */
  original: z.object({ content: z.string().optional(), basis: z.string().optional(), channels: z.string().optional() }).optional(),
  /** The field (领域) of the item when the workbook holds several (section rows, a 领域 column, one sheet each). */
  field: z.string().optional(),
  /** Further sheet rows the item is printed over (a second stage on the line below). */
  lines: z.array(z.number().int().positive()).optional(),
  /** Worksheet the item was read from, when the catalogue was read from several sheets. */
  sheet: z.string().optional(),
  /**
   * Tick cells holding a cross (×, x), read as not ticked (imports only): the element they belong
   * to, the column (its sub-header or channel) and the mark as written, for the report.
   */
  crossed: z.array(z.object({ key: z.enum(["channels", "audience", "mode", "levels"]), column: z.string(), mark: z.string() })).optional(),
});
export type Row = z.infer<typeof rowSchema>;

/** A whole catalogue: title, the element columns it has, the rows. */
export const catalogueSchema = z.object({
  /** e.g. "农村集体土地征收领域基层政务公开标准目录"; null when the file has no title. */
  title: z.string().nullable(),
  /** The field (领域), e.g. "农村集体土地征收"; usually derived from the title. */
  field: z.string().nullable(),
  /** Elements the catalogue has a column for. Rules about absent columns do not fire. */
  columns: z.array(elementKeySchema),
  /** Header texts of added columns, in sheet order. */
  extraColumns: z.array(z.string()).default([]),
  rows: z.array(rowSchema),
  /** The fields of a workbook holding several (each item's `field` names its own); absent for one field. */
  fields: z.array(z.string()).optional(),
  /** Where the catalogue was read from (imports only): 1-based rows. */
  sheet: z
    .object({
      name: z.string(),
      titleRow: z.number().int().nullable(),
      headerRow: z.number().int(),
      /** Header columns that name no element (1-based column, header text), for the R19 hint. */
      unmapped: z.array(z.object({ column: z.number().int().positive(), header: z.string() })).optional(),
    })
    .optional(),
});
export type Catalogue = z.infer<typeof catalogueSchema>;

export const SEVERITIES = ["error", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const RULE_IDS = [
  "R01", "R02", "R03", "R04", "R05", "R06", "R07", "R08", "R09", "R10",
  "R11", "R12", "R13", "R14", "R15", "R16", "R17", "R18", "R19", "R20",
  "R21", "R22", "R23", "R24", "R25",
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One finding (spec §2); the JSON output uses exactly these keys. */
export const findingSchema = z.object({
  rule: z.enum(RULE_IDS),
  severity: z.enum(SEVERITIES),
  /** The row's 序号 (positive integer), or null for catalogue-level findings or an unusable 序号. */
  seq: z.number().int().nullable(),
  /** 1-based Excel row, or null (catalogue-level, or a row not read from Excel). */
  sheetRow: z.number().int().nullable(),
  field: elementKeySchema.nullable(),
  /** Chinese: what is wrong and how to fix it. */
  message: z.string(),
  /** Document name and the passage the rule rests on. */
  source: z.string(),
});
export type Finding = z.infer<typeof findingSchema>;

/** An element's place in the template and the header texts that name it. */
export interface ElementInfo {
  key: ElementKey;
  /** Header text as the template writes it (sub-column header for grouped columns' first column). */
  header: string;
  /** Short Chinese name used in messages and conversation. */
  label: string;
  /** Merged group header above it, if any. */
  group?: "公开事项" | "公开对象" | "公开方式" | "公开层级";
  /** Header texts recognised on import (compared after removing whitespace and brackets). */
  variants: string[];
  /** One of the eight elements required by 国办发〔2019〕54号 (一级/二级事项 count as 名称). */
  national: boolean;
}

/**
 * The elements in template order. Grouped elements (audience, mode, levels) take two columns
 * whose sub-headers are the values of their vocabularies (knowledge/catalogue/vocabulary.yaml).
 */
export const ELEMENTS: readonly ElementInfo[] = [
  { key: "seq", header: "序号", label: "序号", variants: ["序号", "编号"], national: false },
  { key: "level1", header: "一级事项", label: "一级事项", group: "公开事项", variants: ["一级事项", "一级", "一级公开事项", "事项大类", "事项类别"], national: true },
  { key: "level2", header: "二级事项", label: "二级事项", group: "公开事项", variants: ["二级事项", "二级", "二级公开事项", "事项名称", "公开事项名称", "具体事项"], national: true },
  { key: "content", header: "公开内容（要素）", label: "公开内容", variants: ["公开内容（要素）", "公开内容", "公开要素", "事项内容", "内容"], national: true },
  { key: "basis", header: "公开依据", label: "公开依据", variants: ["公开依据", "依据"], national: true },
  { key: "timeLimit", header: "公开时限", label: "公开时限", variants: ["公开时限", "公开时限、期限", "公开时限期限", "时限"], national: true },
  { key: "subject", header: "公开主体", label: "公开主体", variants: ["公开主体", "主体", "公开责任主体", "责任主体"], national: true },
  { key: "channels", header: "公开渠道和载体", label: "公开渠道和载体", variants: ["公开渠道和载体", "公开渠道及载体", "公开渠道、载体", "公开渠道", "公开载体", "渠道和载体"], national: true },
  { key: "audience", header: "公开对象", label: "公开对象", group: "公开对象", variants: ["公开对象"], national: true },
  { key: "mode", header: "公开方式", label: "公开方式", group: "公开方式", variants: ["公开方式"], national: true },
  { key: "levels", header: "公开层级", label: "公开层级", group: "公开层级", variants: ["公开层级"], national: false },
];

/** Looks up an element's info by key. */
export function elementInfo(key: ElementKey): ElementInfo {
  const info = ELEMENTS.find((e) => e.key === key);
  if (!info) throw new Error(`unknown element ${key}`);
  return info;
}

/** A row with every element blank/unmarked, for drafting. */
export function emptyRow(seq: number | null = null): Row {
  return {
    seq,
    level1: "",
    level2: "",
    content: [],
    basis: [],
    timeLimit: "",
    subject: "",
    channels: [],
    audience: { kind: "none" },
    mode: "none",
    levels: [],
  };
}
