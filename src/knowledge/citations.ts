/** The passage numbers an answer cites with [n] marks (empty when it cites none). */
export function citedNumbers(answer: string): Set<number> {
  return new Set([...answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
}

/**
 * The answer with its sources numbered 1..n in order of first use, and the citations in that
 * order: the cited passages first, then the others in their rank order. An answer quoting
 * passages [1] and [3] reads "[1] … [2]", never with a gap; `citations[n - 1]` stays the source
 * of mark [n]. Marks naming no citation are left as written.
 */
export function numberByFirstUse<C>(answer: string, citations: readonly C[]): { answer: string; citations: C[] } {
  const order = [...citedNumbers(answer)].filter((n) => n >= 1 && n <= citations.length);
  for (let n = 1; n <= citations.length; n++) if (!order.includes(n)) order.push(n);
  const renumber = new Map(order.map((old, i) => [old, i + 1]));
  return {
    answer: answer.replace(/\[(\d+)\]/g, (m, d: string) => (renumber.has(Number(d)) ? `[${renumber.get(Number(d))}]` : m)),
    citations: order.map((n) => citations[n - 1]!),
  };
}
