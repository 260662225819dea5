/**
 * Handwriting and 五笔 slips: a character written in place of one that looks like it (公开主休 for
 * 公开主体, 保密宙查 for 保密审查), which no reading by sound finds.
 */

/** Characters that stand alone on purpose (公开要担 is 公开 + 要担, 乡的政府 is 乡 + 的): never part of a slip. */
const FUNCTION_CHAR = /[要的了是有在和就也都还又能会把被给让来去过着得地个这那]/;
/** Pronouns, everyday verbs and numerals, typed on purpose beside any character (说他 is not 其他, 三万 not 三方): never in a two-character slip. */
const ON_PURPOSE = /[他她它你我您咱俺说看做写问叫想用对很让给到一二三四五六七八九十百千万两]/;
const HAN = /^\p{Script=Han}+$/u;
/** A window the documents use more often than this is a word of theirs, never a slip. */
const MAX_CORPUS_USES = 1;
/** Shortest term a slip is read as; by a listed lookalike (see slipFor), also a two-character one. */
const MIN_TERM = 3;
const MIN_LISTED_TERM = 2;

/** For each of `len` characters from `at`, whether the dictionary cut it off as a word of its own. */
export function singlesAt(wordAt: ReadonlyMap<number, number>, at: number, len: number): boolean[] {
  return Array.from({ length: len }, (_, i) => wordAt.get(at + i) === 1);
}

/** The domain terms of two to four characters by their characters but one. */
export class LookalikeTerms {
  private readonly byPattern = new Map<string, string[]>();
  /** Each character written by slip with the documents' characters it may stand for (lookalikes.yaml: 日 → 目). */
  private readonly alike = new Map<string, Set<string>>();

  /**
   * @param terms the domain terms
   * @param uses how often the documents use a word
   * @param lookalikes a character of the terms with the characters written for it (目 → 日自)
   * @param strong whether a term is strongly of this domain: only those are read without a listed lookalike
   */
  constructor(terms: Iterable<string>, private readonly uses: (word: string) => number, lookalikes: readonly [string, string][] = [], private readonly strong: (term: string) => boolean = () => true) {
    for (const [c, written] of lookalikes) for (const w of written) (this.alike.get(w) ?? this.alike.set(w, new Set()).get(w)!).add(c);
    for (const term of terms) {
      const chars = [...term];
      if (chars.length < MIN_LISTED_TERM || chars.length > 4) continue;
      chars.forEach((_, i) => {
        const key = pattern(chars, i);
        const list = this.byPattern.get(key);
        if (list) list.push(term);
        else this.byPattern.set(key, [term]);
      });
    }
  }

  /**
   * The term a window may be a slip for. A window the documents never use that differs from one
   * term in a character listed as its lookalike is that term (日录 → 目录, 审该 → 审核, 五公升 →
   * 五公开). Otherwise: the one term it matches in all characters but one, the
   * odd one cut off as a single character beside another of the term's (主/休: the slip broke the
   * word 主体), the window never used in the documents. A two-character slip (年假, 帮他) is as
   * likely a word of its own, and an odd character beside a whole word (试点/搞) a word after it.
   * A window that is a dictionary word (廷长) is read only by a listed lookalike, and only if the
   * documents never use it.
   * @param singles which characters of the window the dictionary cut off alone
   * @param word whether the dictionary holds the window as one word
   */
  slipFor(window: string, singles: readonly boolean[], word = false): string | undefined {
    const chars = [...window];
    const short = chars.length < MIN_TERM;
    if (chars.length < MIN_LISTED_TERM || !HAN.test(window) || this.uses(window) > (short || word ? 0 : MAX_CORPUS_USES)) return undefined;
    if (short && chars.some((c) => ON_PURPOSE.test(c))) return undefined;
    const found = new Set<string>();
    chars.forEach((_, i) => {
      for (const t of this.byPattern.get(pattern(chars, i)) ?? []) if (t !== window) found.add(t);
    });
    const oddOf = (t: string) => chars.findIndex((c, i) => t[i] !== c);
    const listed = [...found].filter((t) => {
      const odd = oddOf(t);
      return !FUNCTION_CHAR.test(chars[odd]!) && (this.alike.get(chars[odd]!)?.has(t[odd]!) ?? false);
    });
    if (listed.length === 1) return listed[0];
    const strong = [...found].filter(this.strong);
    if (strong.length !== 1 || short || word) return undefined;
    const term = strong[0]!;
    const odd = oddOf(term);
    const broken = (i: number) => singles[i] === true && !FUNCTION_CHAR.test(chars[i]!);
    return broken(odd) && (broken(odd - 1) || broken(odd + 1)) ? term : undefined;
  }

  /** Whether some window of whole words may be a slip (see slipFor). */
  mayHoldSlip(chars: readonly string[], starts: ReadonlySet<number>, wordAt: ReadonlyMap<number, number>): boolean {
    for (let len = MIN_LISTED_TERM; len <= 4; len++) {
      for (let at = 0; at + len <= chars.length; at++) {
        if (starts.has(at) && starts.has(at + len) && this.slipFor(chars.slice(at, at + len).join(""), singlesAt(wordAt, at, len), wordAt.get(at) === len)) return true;
      }
    }
    return false;
  }
}

/** The characters with the one at `at` left open. */
function pattern(chars: readonly string[], at: number): string {
  return chars.map((c, i) => (i === at ? "\u0000" : c)).join("");
}
