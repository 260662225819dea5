import MiniSearch, { type Options } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";

/** A term's postings as MiniSearch serialises them: field id → document id → term frequency. */
type SavedPostings = Record<string, Record<string, number>>;
/** A term's postings as MiniSearch searches them. */
type Postings = Map<number, Map<number, number>>;

/** As MiniSearch.toJSON writes an index. */
type SavedSearch = Parameters<typeof MiniSearch.loadJS>[0] & { index: [string, SavedPostings][] };

/**
 * Restores a MiniSearch saved with JSON.stringify, like MiniSearch.loadJSON, but leaves each
 * term's postings as parsed until a search first asks for that term. Loading every term into
 * MiniSearch's maps and radix tree costs tens of milliseconds at each cold start, and a question
 * looks up a few dozen of the thousands of terms. Results are the same as after loadJSON: the
 * postings become the same maps, in the same order.
 */
export function loadSearch(json: string, options: Options): MiniSearch {
  const saved = JSON.parse(json) as SavedSearch;
  if (saved.serializationVersion !== 2) return MiniSearch.loadJS(saved, options);
  const search = MiniSearch.loadJS({ ...saved, index: [] }, options);
  const internals = search as unknown as { _index: SearchableMap<Postings> };
  internals._index = new LazyTermIndex(saved.index);
  return search;
}

/** The postings of one term as MiniSearch.loadJS builds them (keys in the saved order). */
function toPostings(saved: SavedPostings): Postings {
  const byField: Postings = new Map();
  for (const field of Object.keys(saved)) {
    const docs = new Map<number, number>();
    const freqs = saved[field]!;
    for (const doc of Object.keys(freqs)) docs.set(Number.parseInt(doc, 10), freqs[doc]!);
    byField.set(Number.parseInt(field, 10), docs);
  }
  return byField;
}

/**
 * MiniSearch's term index with the terms kept as parsed JSON: `get` (all an exact-term search
 * uses) converts one term on first use; any other use (prefix or fuzzy search, adding or
 * removing documents, serialising) first loads every term into the radix tree.
 */
class LazyTermIndex extends SearchableMap<Postings> {
  private pending: Map<string, SavedPostings> | undefined;
  private readonly converted = new Map<string, Postings>();

  constructor(entries: [string, SavedPostings][]) {
    super();
    this.pending = new Map(entries);
  }

  override get(term: string): Postings | undefined {
    if (!this.pending) return super.get(term);
    let postings = this.converted.get(term);
    if (!postings) {
      const saved = this.pending.get(term);
      if (!saved) return undefined;
      postings = toPostings(saved);
      this.converted.set(term, postings);
    }
    return postings;
  }

  /** Moves every term into the radix tree; from then on this is a plain SearchableMap. */
  private load(): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    for (const [term, saved] of pending) super.set(term, this.converted.get(term) ?? toPostings(saved));
    this.converted.clear();
  }

  override atPrefix(prefix: string): SearchableMap<Postings> {
    this.load();
    return super.atPrefix(prefix);
  }
  override clear(): void {
    this.pending = undefined;
    this.converted.clear();
    super.clear();
  }
  override delete(term: string): void {
    this.load();
    super.delete(term);
  }
  override entries() {
    this.load();
    return super.entries();
  }
  override forEach(fn: (term: string, postings: Postings, map: SearchableMap) => void): void {
    this.load();
    super.forEach(fn);
  }
  override fuzzyGet(term: string, maxEditDistance: number) {
    this.load();
    return super.fuzzyGet(term, maxEditDistance);
  }
  override has(term: string): boolean {
    return this.pending ? this.pending.has(term) : super.has(term);
  }
  override keys() {
    this.load();
    return super.keys();
  }
  override set(term: string, postings: Postings): SearchableMap<Postings> {
    this.load();
    return super.set(term, postings);
  }
  override get size(): number {
    return this.pending ? this.pending.size : super.size;
  }
  override update(term: string, fn: (postings: Postings | undefined) => Postings): SearchableMap<Postings> {
    this.load();
    return super.update(term, fn);
  }
  override fetch(term: string, initial: () => Postings): Postings {
    this.load();
    return super.fetch(term, initial);
  }
  override values() {
    this.load();
    return super.values();
  }
  override [Symbol.iterator]() {
    this.load();
    return super[Symbol.iterator]();
  }
}
