/** The field (领域) of a draft, as typed by the official. */
import { findField, type PilotField } from "../../knowledge/fields.js";

/**
 * Reads a field typed by the official: its official name when the text names one of the pilot
 * fields, with a note for the official (no field and "" for no text).
 */
export function resolveField(text: string, fields: PilotField[] | undefined): { field?: string; note: string } {
  const typed = text.replace(/领域$/, "").trim().slice(0, 40);
  if (!typed) return { note: "" };
  const official = fields ? findField(fields, typed)?.name : undefined;
  const field = official ?? typed;
  if (official && official !== typed) return { field, note: `目录领域：${official}（“${typed}”在国家标准指引中的名称）` };
  if (!official && fields) return { field, note: `目录领域：${typed}（不在26个试点领域的名称中，仍按您写的使用）` };
  return { field, note: `目录领域：${field}` };
}
