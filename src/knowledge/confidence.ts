import type { Hit } from "./retrieve.js";
import { ABSTAIN_BELOW } from "./retrieve.js";

/** Below this confidence the answer says first that no passage answers the question directly. */
export const LOW_CONFIDENCE = 0.5;

/** Relevance span above the abstention threshold over which confidence grows. */
const RELEVANCE_SPAN = 0.6;
const BASE = 0.1;
const EVIDENCE_WEIGHT = 0.55;
const RELEVANCE_WEIGHT = 0.25;
const CONCEPT_BONUS = 0.1;

/**
 * Confidence that the top passage answers the question, from the scores behind it: how much of
 * the question the best passage holds (or how closely a written question of it matches), how
 * clearly the question is about the domain, and whether a how-to-fill question reached a
 * passage explaining that column (or a what-does-it-mean question a passage defining the word).
 * Calibrated in `npm run bench` (accuracy per confidence band).
 */
export function confidenceOf(e: { relevance: number; hits: Hit[]; conceptRouted: boolean }): number {
  const top = e.hits.slice(0, 3);
  if (!top.length) return 0;
  const evidence = Math.max(...top.map((h) => Math.max(h.coverage, h.questionMatch)));
  const rel = Math.max(0, Math.min(1, (e.relevance - ABSTAIN_BELOW) / RELEVANCE_SPAN));
  const c = BASE + EVIDENCE_WEIGHT * evidence + RELEVANCE_WEIGHT * rel + (e.conceptRouted ? CONCEPT_BONUS : 0);
  return Number(Math.max(0, Math.min(1, c)).toFixed(3));
}

/**
 * False for input that is not a question in Chinese: binary junk (control or replacement
 * characters), or text with fewer than two Chinese characters.
 */
export function looksLikeText(text: string): boolean {
  const chars = [...text];
  if (!chars.length) return false;
  const junk = chars.filter((c) => /[\p{Cc}\p{Cs}\p{Co}\p{Cn}\uFFFD]/u.test(c) && !/[\n\r\t]/.test(c)).length;
  if (junk / chars.length > 0.05) return false;
  const han = chars.filter((c) => /\p{Script=Han}/u.test(c)).length;
  return han >= 2;
}
