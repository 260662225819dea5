/** The passage numbers an answer cites with [n] marks (empty when it cites none). */
export function citedNumbers(answer: string): Set<number> {
  return new Set([...answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
}
