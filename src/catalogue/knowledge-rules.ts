/**
 * The data of rules R05/R06/R08/R21–R25 from knowledge/: cited documents (documents.yaml), the
 * national wording of field names (fields.yaml, catalogue/names.yaml), platforms a field's
 * guideline requires, placeholder patterns and privacy terms (catalogue/requirements.yaml).
 * Every file is optional: a knowledge folder without them gives empty data.
 */
import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { compactKey } from "./text.js";

const sourceSchema = z.object({ document: z.string().min(1), passage: z.string().min(1) });

const documentsSchema = z.object({
  documents: z.array(
    z.object({
      title: z.string().min(1),
      number: z.string().optional(),
      kind: z.enum(["law", "regulation", "policy"]),
      role: z.literal("disclosure-regulation").optional(),
      accepted: z.array(z.string()).default([]),
      aliases: z.array(z.string()).default([]),
      source: sourceSchema,
    }),
  ),
});

const namesSchema = z.object({
  misnomers: z.array(z.object({ written: z.array(z.string().min(1)), official: z.string().min(1), source: sourceSchema })).default([]),
});

const requirementsSchema = z.object({
  requiredPlatforms: z.array(z.object({ field: z.string().min(1), platform: z.string().min(1), source: sourceSchema })).default([]),
  placeholders: z.object({ patterns: z.array(z.string().min(1)) }).optional(),
  privacy: z.object({ identifiers: z.array(z.string().min(1)), personLists: z.array(z.string().min(1)) }).optional(),
});

const fieldsSchema = z.object({ fields: z.array(z.object({ name: z.string().min(1), variants: z.array(z.string()).default([]) }).passthrough()) });

/** A frequently cited document. */
export interface CitedDocument {
  title: string;
  number?: string;
  kind: "law" | "regulation" | "policy";
  /** The 政府信息公开条例 itself. */
  disclosureRegulation: boolean;
}

export interface RuleData {
  /** compactKey(title, accepted form or alias) → the document; `alias` marks a form R23 reports. */
  documents: Map<string, { doc: CitedDocument; alias: boolean }>;
  /** Official field names (the 26 fields) and accepted variants, as written. */
  officialFields: string[];
  /** compactKey(written) → official field name, for names similarity cannot catch (农业补贴 → 涉农补贴). */
  fieldMisnomers: Map<string, string>;
  requiredPlatforms: { field: string; platform: string; source: string }[];
  placeholders: RegExp[];
  /** Personal identifiers (身份证号, 银行卡号 …), as compact keys. */
  privacyIdentifiers: string[];
  /** Words of an item publishing named persons (名单, 花名册 …), as compact keys. */
  personLists: string[];
}

function readOptional<T>(file: string, schema: z.ZodType<T>): T | null {
  if (!fs.existsSync(file)) return null;
  const parsed = schema.safeParse(parseYaml(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new Error(`知识文件 ${file} 格式有误：${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`, { cause: parsed.error });
  return parsed.data;
}

/** Loads the rule data of knowledgeDir (the project's knowledge/ folder). */
export function loadRuleData(knowledgeDir: string): RuleData {
  const dir = path.join(knowledgeDir, "catalogue");
  const docs = readOptional(path.join(dir, "documents.yaml"), documentsSchema);
  const names = readOptional(path.join(dir, "names.yaml"), namesSchema);
  const req = readOptional(path.join(dir, "requirements.yaml"), requirementsSchema);
  const fields = readOptional(path.join(knowledgeDir, "fields.yaml"), fieldsSchema);
  const documents = new Map<string, { doc: CitedDocument; alias: boolean }>();
  for (const d of docs?.documents ?? []) {
    const doc: CitedDocument = { title: d.title, number: d.number, kind: d.kind, disclosureRegulation: d.role === "disclosure-regulation" };
    for (const t of [d.title, ...d.accepted]) documents.set(compactKey(t), { doc, alias: false });
    for (const a of d.aliases) if (!documents.has(compactKey(a))) documents.set(compactKey(a), { doc, alias: true });
  }
  const fieldMisnomers = new Map<string, string>();
  for (const m of names?.misnomers ?? []) for (const w of m.written) fieldMisnomers.set(compactKey(w), m.official);
  return {
    documents,
    officialFields: (fields?.fields ?? []).flatMap((f) => [f.name, ...f.variants]),
    fieldMisnomers,
    requiredPlatforms: (req?.requiredPlatforms ?? []).map((r) => ({ field: r.field, platform: r.platform, source: `${r.source.document}：“${r.source.passage}”` })),
    placeholders: (req?.placeholders?.patterns ?? []).map((p) => new RegExp(p)),
    privacyIdentifiers: (req?.privacy?.identifiers ?? []).map(compactKey),
    personLists: (req?.privacy?.personLists ?? []).map(compactKey),
  };
}
