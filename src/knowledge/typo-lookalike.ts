/**
 * Handwriting and 五笔 slips: a character written in place of one that looks like it (主休 for 主体,
 * 宙核 for 审核, 事顶 for 事项), which no reading by sound finds.
 */
export class LookalikeTerms {
  private readonly byPattern = new Map<string, string[]>();

  /** @param terms the terms a slip may stand for (strong domain terms, 2–4 characters) */
  constructor(terms: Iterable<string>) {
    for (const term of terms) {
      const chars = [...term];
      if (chars.length < 2 || chars.length > 4) continue;
      chars.forEach((_, i) => {
        const key = pattern(chars, i);
        const list = this.byPattern.get(key);
        if (list) list.push(term);
        else this.byPattern.set(key, [term]);
      });
    }
  }

  /** The one term `window` matches in all characters but one, if exactly one term does. */
  termFor(window: string): string | undefined {
    const chars = [...window];
    const found = new Set<string>();
    chars.forEach((_, i) => {
      for (const t of this.byPattern.get(pattern(chars, i)) ?? []) if (t !== window) found.add(t);
    });
    return found.size === 1 ? [...found][0] : undefined;
  }
}

/** The characters with the one at `at` left open. */
function pattern(chars: readonly string[], at: number): string {
  return chars.map((c, i) => (i === at ? "\u0000" : c)).join("");
}
