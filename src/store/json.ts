/** Parses JSON stored in a column, giving undefined for malformed text (callers validate what they read). */
export function parseStoredJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
