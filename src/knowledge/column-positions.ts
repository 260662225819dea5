import type { Correction } from "./typo-correction.js";

/** "E列", "第三列", "第5栏": a column of the template named by its Excel letter or its number. */
const POSITION = /第\s*([一二三四五六七八九十两]{1,3}|\d{1,2})\s*[列栏]|(?<![A-Za-z])([A-Za-z])\s*[列栏]/gu;
const DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 三 → 3, 十四 → 14, 二十 → 20; undefined for anything else. */
function chineseNumber(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s);
  const [tens, ones] = s.includes("十") ? s.split("十") : ["", s];
  const t = s.includes("十") ? (tens ? DIGITS[tens!] : 1) : 0;
  const o = ones ? DIGITS[ones] : 0;
  return t === undefined || o === undefined ? undefined : t * 10 + o;
}

/**
 * Reads a column named by position (E列填啥, 附件那个表第三列写什么) as the template's column of
 * that position (`columns`, in order; concepts.yaml `template`): "公开依据栏填啥". Positions the
 * template does not have are left as typed. Each reading is returned as a correction, so the
 * answer says how it read the question (按“公开依据”理解).
 */
export function readColumnPositions(text: string, columns: readonly string[]): { text: string; corrections: Correction[] } {
  if (!columns.length) return { text, corrections: [] };
  const corrections: Correction[] = [];
  const read = text.replace(POSITION, (m, number: string | undefined, letter: string | undefined) => {
    const n = number !== undefined ? chineseNumber(number) : letter!.toUpperCase().charCodeAt(0) - 64;
    const column = n === undefined ? undefined : columns[n - 1];
    if (!column) return m;
    corrections.push({ from: m, to: column });
    // the reading searched keeps the column's words, without the brackets of its sub-header
    return `${column.replace(/[（）()]/g, "")}栏`;
  });
  return { text: read, corrections };
}
