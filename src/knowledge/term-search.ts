import type MiniSearch from "minisearch";
import type { Options, SearchOptions } from "minisearch";

/** How MiniSearch holds its options: the search options merged with its defaults. */
type Merged = Required<Pick<Options, "fields" | "tokenize" | "processTerm">> & {
  searchOptions: SearchOptions & Required<Pick<SearchOptions, "bm25" | "boost">>;
};

/** A term's postings as MiniSearch searches them: field id → short document id → term frequency. */
type Postings = Map<number, Map<number, number>>;

/** The parts of a MiniSearch that its exact-term BM25 search reads. */
interface Internals {
  _options: Merged;
  _index: { get(term: string): Postings | undefined };
  _documentCount: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _dirtCount: number;
}

/**
 * What a term adds to each document that holds it, before the term's boost: the documents in the
 * order MiniSearch meets them (field by field), and for each, its BM25 score and field boost in
 * each field holding the term, in field order (`from[d]` to `from[d + 1]`).
 */
interface TermScores {
  docs: number[];
  from: number[];
  fieldBoosts: number[];
  scores: number[];
}

/**
 * MiniSearch's `search(query, { boostTerm })` for an index searched by exact terms combined with
 * OR (no prefix, fuzzy, filter or document boost): the results' ids and scores, in MiniSearch's
 * order, the scores the same to the last bit (the same sums in the same order). What does not
 * depend on the question, a term's BM25 score in each document, is computed on the term's first
 * search and kept, where MiniSearch computes it (a logarithm per posting) on every search. The
 * index must not change afterwards. Any other index is searched by MiniSearch itself.
 */
export function exactTermSearch(search: MiniSearch): (query: string, boostTerm?: (term: string, i: number, terms: string[]) => number) => { id: unknown; score: number }[] {
  const ms = search as unknown as Internals;
  const options = ms._options.searchOptions;
  const plain = !options.prefix && !options.fuzzy && !options.filter && !options.boostDocument && (options.combineWith ?? "or").toLowerCase() === "or" && ms._dirtCount === 0;
  if (!plain) return (query, boostTerm) => search.search(query, boostTerm ? { boostTerm } : {}).map(({ id, score }) => ({ id, score }));
  const fields = options.fields ?? ms._options.fields;
  const boosts = fields.map((f) => (Object.prototype.hasOwnProperty.call(options.boost, f) ? options.boost[f] : undefined) || 1);
  const tokenize = options.tokenize ?? ms._options.tokenize;
  const processTerm = options.processTerm ?? ms._options.processTerm;
  const cache = new Map<string, TermScores>();
  const scoresOf = (term: string): TermScores | undefined => {
    const cached = cache.get(term);
    if (cached) return cached;
    const postings = ms._index.get(term);
    if (!postings) return undefined;
    const parts = new Map<number, { boost: number; score: number }[]>();
    fields.forEach((field, f) => {
      const fieldId = ms._fieldIds[field]!;
      const freqs = postings.get(fieldId);
      if (!freqs) return;
      for (const [doc, freq] of freqs) {
        const score = bm25(freq, freqs.size, ms._documentCount, ms._fieldLength.get(doc)![fieldId]!, ms._avgFieldLength[fieldId]!, options.bm25);
        const list = parts.get(doc);
        if (list) list.push({ boost: boosts[f]!, score });
        else parts.set(doc, [{ boost: boosts[f]!, score }]);
      }
    });
    const scores: TermScores = { docs: [], from: [0], fieldBoosts: [], scores: [] };
    for (const [doc, list] of parts) {
      scores.docs.push(doc);
      for (const p of list) scores.fieldBoosts.push(p.boost), scores.scores.push(p.score);
      scores.from.push(scores.scores.length);
    }
    cache.set(term, scores);
    return scores;
  };
  const size = Math.max(0, ...ms._documentIds.keys()) + 1;
  // by short document id, marked with the search's number rather than cleared between searches
  const [seen, score, quality] = [new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  let round = 0;
  return (query, boostTerm) => {
    round++;
    const terms = tokenize(query)
      .flatMap((t) => processTerm(t))
      .filter((t): t is string => !!t);
    const order: number[] = [];
    terms.forEach((term, i) => {
      const termBoost = boostTerm ? boostTerm(term, i, terms) : 1;
      const scores = scoresOf(term);
      if (!scores) return;
      // a term typed twice adds its score twice, but counts once among the terms a document matches
      const first = terms.indexOf(term) === i;
      for (let d = 0; d < scores.docs.length; d++) {
        const doc = scores.docs[d]!;
        const end = scores.from[d + 1]!;
        let s = termBoost * scores.fieldBoosts[scores.from[d]!]! * scores.scores[scores.from[d]!]!;
        for (let p = scores.from[d]! + 1; p < end; p++) s += termBoost * scores.fieldBoosts[p]! * scores.scores[p]!;
        if (seen[doc] === round) {
          score[doc] = score[doc]! + s;
          if (first) quality[doc] = quality[doc]! + 1;
        } else {
          seen[doc] = round;
          score[doc] = s;
          quality[doc] = 1;
          order.push(doc);
        }
      }
    });
    return order.map((doc) => ({ id: ms._documentIds.get(doc), score: score[doc]! * (quality[doc]! || 1) })).sort((a, b) => b.score - a.score);
  };
}

/** MiniSearch's BM25+ score of a term in one field of one document, computed as MiniSearch does. */
function bm25(termFreq: number, matchingCount: number, totalCount: number, fieldLength: number, avgFieldLength: number, params: { k: number; b: number; d: number }): number {
  const { k, b, d } = params;
  const invDocFreq = Math.log(1 + (totalCount - matchingCount + 0.5) / (matchingCount + 0.5));
  return invDocFreq * (d + (termFreq * (k + 1)) / (termFreq + k * (1 - b + (b * fieldLength) / avgFieldLength)));
}
