/** Running the validator on a draft in the context of the chat's saved rows. */
import { createHash } from "node:crypto";
import { ELEMENT_KEYS, validateCatalogue, WHOLE_CATALOGUE_RULES, type CatalogueKnowledge, type Finding, type Row } from "../../catalogue/index.js";
import type { DraftState } from "../state.js";
import { isFilled } from "./values.js";

/** 序号 the draft will get: the edited row's, or the next after the saved rows. */
export function draftSeq(draft: DraftState, savedCount: number): number {
  return draft.editing ?? savedCount + 1;
}

/**
 * Validates the draft as a row of the chat's catalogue (so R03 sees duplicates of saved rows), with
 * every rule the export reports on a row except R18 (items the whole catalogue lacks), R02 (序号,
 * assigned on saving) and R19/R20 (header and title, written by the bot).
 * @param final false while drafting: findings on elements not answered yet are not reported.
 * @returns the draft's findings in rule order.
 */
export function reviewDraft(
  draft: DraftState,
  saved: readonly Row[],
  field: string | null,
  knowledge: CatalogueKnowledge,
  final: boolean,
): Finding[] {
  const seq = draftSeq(draft, saved.length);
  const rows: Row[] = saved.map((r, i) => ({ ...r, seq: i + 1 }));
  const row: Row = { ...draft.row, seq };
  if (draft.editing && draft.editing <= rows.length) rows[draft.editing - 1] = row;
  else rows.push({ ...row, seq: rows.length + 1 });
  // R24 is reported at each row lacking the platform, so the draft's own R24 is among its findings.
  const findings = validateCatalogue({ title: null, field, columns: [...ELEMENT_KEYS], extraColumns: [], rows }, knowledge);
  return findings.filter(
    (f) =>
      f.seq === seq &&
      f.rule !== "R02" &&
      !WHOLE_CATALOGUE_RULES.includes(f.rule) &&
      // While drafting, elements not answered yet are not reported (they are asked for next).
      (final || (f.rule !== "R01" && (f.field === null || isFilled(draft.row, f.field)))),
  );
}

/** Identifies a set of warnings, so that a confirmed set is not asked about again. */
export function warningSignature(findings: readonly Finding[]): string {
  return findings
    .filter((f) => f.severity === "warning")
    .map((f) => `${f.rule}:${f.field ?? ""}`)
    .sort()
    .join(",");
}

/** True when any finding is an error. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}

/**
 * A short, stable digest of a value, put into button data so that a button pressed on an old
 * message is recognised as out of date instead of acting on whatever the chat holds now.
 */
export function nonceOf(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex").slice(0, 10);
}

/** JSON with object keys sorted, so a value read back from the store (in schema key order) digests alike. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The nonce of a pending warning confirmation: the warnings and the exact draft they are about. */
export function confirmNonce(signature: string, draft: DraftState): string {
  return nonceOf({ signature, row: draft.row, editing: draft.editing ?? null });
}
