/** The field (领域) of a draft, as typed by the official. */
import { fieldNameReading, type CatalogueKnowledge } from "../../catalogue/index.js";
import { findField, type PilotField } from "../../knowledge/fields.js";

/** How a typed field name was read. */
export interface FieldReading {
  /** The field to use; absent when none was typed or the name needs the official's confirmation. */
  field?: string;
  /** What to tell the official ("" when there is nothing to say). */
  note: string;
  /**
   * official: one of the 26 fields (or a variant / known misnomer of one, then named officially);
   * confirmed: a name outside the 26 the official confirmed; near / unknown: not used yet, the
   * note suggests the official name or lists the fields and says how to confirm.
   */
  status: "none" | "official" | "confirmed" | "near" | "unknown";
}

/** A trailing 确认 ("/draft 小区停车 确认") keeps a name outside the 26 fields. */
const CONFIRMED = /(?:[\s\u3000]+|[（(])确认[)）]?$/;

/**
 * Reads a field typed by the official the way the validator's R21 does (same data: fields.yaml,
 * names.yaml misnomers): a variant or known misnomer becomes the official name (said in the
 * note); a near miss is not used but suggested; an unknown name is not used unless confirmed.
 * @param retype how the official sends a field name again (for the note), e.g. (f) => `/draft ${f}`.
 */
export function resolveField(
  text: string,
  fields: PilotField[] | undefined,
  k: CatalogueKnowledge,
  retype: (field: string) => string = (f) => `/draft ${f}`,
): FieldReading {
  const confirmed = CONFIRMED.test(text.trim());
  const typed = text.trim().replace(CONFIRMED, "").replace(/领域$/, "").trim().slice(0, 40);
  if (!typed) return { note: "", status: "none" };
  const pilot = fields ? findField(fields, typed)?.name : undefined;
  const reading = pilot ? null : fieldNameReading(typed, k);
  const official = pilot ?? (reading?.known ? reading.official : undefined);
  if (official) {
    const note = official === typed ? `目录领域：${official}` : `目录领域：${official}（“${typed}”在国家标准指引中的名称）`;
    return { field: official, note, status: "official" };
  }
  if (!fields || confirmed) {
    return { field: typed, note: `目录领域：${typed}${fields ? "（不在26个试点领域的名称中，按您确认的名称使用）" : ""}`, status: "confirmed" };
  }
  const keep = `确实要用“${typed}”作为目录领域，请发送：${retype(`${typed} 确认`)}`;
  if (reading) {
    return { note: `“${typed}”不是国家标准指引中的领域名称，您是不是指“${reading.official}”？请发送：${retype(reading.official)}\n${keep}`, status: "near" };
  }
  const names = fields.map((f) => f.name).join("、");
  return { note: `“${typed}”不是26个试点领域之一。请从下列领域中选择，发送：${retype("领域名称")}\n${names}\n${keep}`, status: "unknown" };
}
