import MiniSearch, { type Options } from "minisearch";
import SearchableMap from "minisearch/SearchableMap";

/** A term's postings as MiniSearch serialises them: field id → document id → term frequency. */
type SavedPostings = Record<string, Record<string, number>>;
/** A term's postings as MiniSearch searches them. */
type Postings = Map<number, Map<number, number>>;

/** As MiniSearch.toJSON writes an index. */
type SavedSearch = Parameters<typeof MiniSearch.loadJS>[0] & { index: [string, SavedPostings][] };

/**
 * As saveSearch writes an index: MiniSearch's own JSON without `index`, and instead its terms
 * and, for each, its postings packed into one string (see packPostings). Parsing two arrays of
 * strings makes a few thousand objects where the nested postings objects made hundreds of
 * thousands, which JSON.parse and the garbage collector paid for at each cold start.
 */
type PackedSearch = Omit<SavedSearch, "index"> & { terms: string[]; postings: string[] };

/** Saves a MiniSearch in the form loadSearch restores fastest. */
export function saveSearch(search: MiniSearch): string {
  const { index, ...rest } = search.toJSON() as unknown as SavedSearch;
  const packed: PackedSearch = { ...rest, terms: index.map(([term]) => term), postings: index.map(([, saved]) => packPostings(saved)) };
  return JSON.stringify(packed);
}

/**
 * Restores a MiniSearch saved by saveSearch (or with JSON.stringify), like MiniSearch.loadJSON,
 * but leaves each term's postings packed until a search first asks for that term. Loading every
 * term into MiniSearch's maps and radix tree costs tens of milliseconds at each cold start, and
 * a question looks up a few dozen of the thousands of terms. Results are the same as after
 * loadJSON: the postings become the same maps, in the same order.
 */
export function loadSearch(json: string, options: Options): MiniSearch {
  const saved = JSON.parse(json) as PackedSearch | SavedSearch;
  if (!("terms" in saved)) return MiniSearch.loadJS(saved, options);
  const { terms, postings, ...rest } = saved;
  const search = MiniSearch.loadJS({ ...rest, index: [] }, options);
  const internals = search as unknown as { _index: SearchableMap<Postings> };
  internals._index = new LazyTermIndex(terms, postings);
  return search;
}

/**
 * One term's postings in one string: `field:doc,freq,doc,freq;field:…`, fields and documents in
 * the order MiniSearch.loadJS reads them from the saved objects (Object.keys order).
 */
function packPostings(saved: SavedPostings): string {
  return Object.keys(saved)
    .map((field) => {
      const freqs = saved[field]!;
      return `${field}:${Object.keys(freqs)
        .map((doc) => `${doc},${freqs[doc]}`)
        .join(",")}`;
    })
    .join(";");
}

/** The postings of one term as MiniSearch.loadJS builds them, from packPostings' string. */
function unpackPostings(packed: string): Postings {
  const byField: Postings = new Map();
  if (!packed) return byField;
  for (const part of packed.split(";")) {
    const colon = part.indexOf(":");
    const docs = new Map<number, number>();
    const numbers = part.slice(colon + 1).split(",");
    for (let i = 0; i + 1 < numbers.length; i += 2) docs.set(Number.parseInt(numbers[i]!, 10), Number(numbers[i + 1]));
    byField.set(Number.parseInt(part.slice(0, colon), 10), docs);
  }
  return byField;
}

/**
 * MiniSearch's term index with the postings kept packed: `get` (all an exact-term search uses)
 * unpacks one term on first use; any other use (prefix or fuzzy search, adding or removing
 * documents, serialising) first loads every term into the radix tree.
 */
class LazyTermIndex extends SearchableMap<Postings> {
  /** Term → its position in `packed`, until every term is loaded. */
  private pending: Map<string, number> | undefined;
  private readonly converted = new Map<string, Postings>();

  constructor(
    private terms: string[],
    private packed: string[],
  ) {
    super();
    this.pending = new Map(terms.map((t, i) => [t, i]));
  }

  override get(term: string): Postings | undefined {
    if (!this.pending) return super.get(term);
    let postings = this.converted.get(term);
    if (!postings) {
      const at = this.pending.get(term);
      if (at === undefined) return undefined;
      postings = unpackPostings(this.packed[at]!);
      this.converted.set(term, postings);
    }
    return postings;
  }

  /** Moves every term into the radix tree; from then on this is a plain SearchableMap. */
  private load(): void {
    if (!this.pending) return;
    this.pending = undefined;
    this.terms.forEach((term, i) => super.set(term, this.converted.get(term) ?? unpackPostings(this.packed[i]!)));
    this.converted.clear();
    this.terms = [];
    this.packed = [];
  }

  override atPrefix(prefix: string): SearchableMap<Postings> {
    this.load();
    return super.atPrefix(prefix);
  }
  override clear(): void {
    this.pending = undefined;
    this.converted.clear();
    this.terms = [];
    this.packed = [];
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
