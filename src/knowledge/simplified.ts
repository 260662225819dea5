/** Traditional characters read as simplified (OpenCC's t → cn), for questions typed with a traditional input method. */
import { Converter } from "opencc-js/t2cn";

let convert: ((text: string) => string) | undefined;

/**
 * The text in simplified characters: 公開時限 → 公开时限, 係唔係 → 系唔系. Simplified text comes back
 * unchanged. The conversion table is built on first use (about 10 ms).
 */
export function toSimplified(text: string): string {
  const simplify = (convert ??= Converter({ from: "t", to: "cn" }));
  return simplify(text);
}
