import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { z } from "zod";
import { KnowledgeError } from "./knowledge-files.js";

const fieldSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  variants: z.array(z.string()).default([]),
  department: z.string().min(1),
  guideline: z
    .object({ title: z.string(), docNumber: z.string().optional(), date: z.string().optional(), url: z.string().optional() })
    .optional(),
  sources: z.array(z.string().min(1)).min(1),
});

/** One of the 26 pilot fields, as compiled in knowledge/fields.yaml. */
export type PilotField = z.output<typeof fieldSchema>;

/** Reads knowledge/fields.yaml (the 26 pilot fields with their variants, department and guideline). */
export function loadFields(knowledgeDir: string): PilotField[] {
  const file = path.join(knowledgeDir, "fields.yaml");
  const parsed = z.object({ fields: z.array(fieldSchema) }).safeParse(YAML.parse(fs.readFileSync(file, "utf8")));
  if (!parsed.success) throw new KnowledgeError(`fields.yaml 格式有误：${parsed.error.issues[0]?.message ?? ""}`, { cause: parsed.error });
  return parsed.data.fields;
}

/** Finds the field a text names (official name or a variant, with or without 领域). */
export function findField(fields: PilotField[], text: string): PilotField | undefined {
  const t = text.replace(/\s+/g, "").replace(/领域$/, "");
  return (
    fields.find((f) => f.name === t || f.variants.includes(t)) ??
    fields
      .flatMap((f) => [f.name, ...f.variants].map((n) => ({ f, n })))
      .filter(({ n }) => t.includes(n))
      .sort((a, b) => b.n.length - a.n.length)[0]?.f
  );
}
