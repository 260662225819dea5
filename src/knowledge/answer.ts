import type { Citation } from "./types.js";
import type { Hit } from "./retrieve.js";

/** Turns ranked passages into the citations an answer shows. */
export function toCitations(hits: Hit[]): Citation[] {
  return hits.map((h) => ({
    doc: h.chunk.doc,
    title: h.chunk.title,
    section: h.chunk.section,
    text: h.chunk.text,
    score: Number(h.score.toFixed(6)),
  }));
}
