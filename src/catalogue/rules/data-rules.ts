/**
 * Row rules that rest on the data in knowledge/ (knowledge-rules.ts): R22 personal privacy,
 * R23 cited document titles, R25 placeholders. Pure functions of the row and the knowledge.
 */
import type { CatalogueKnowledge } from "../knowledge.js";
import type { ElementKey, Row } from "../schema.js";
import { compactKey, foldLines } from "../text.js";
import { titlesOf } from "./analysis.js";
import type { RowRule, RuleHit } from "./row-rules.js";

const quote = (items: string[]): string => items.map((i) => `“${i}”`).join("、");

/** Identifiers of a person named in the 公开内容 (身份证号, 银行卡号 …). */
export function privacyIdentifiers(row: Row, k: CatalogueKnowledge): string[] {
  const text = compactKey(row.content.join("、"));
  const found = k.rules.privacyIdentifiers.filter((t) => text.includes(t));
  // 身份证号码 contains 身份证号: report the longest spelling only.
  return found.filter((t) => !found.some((o) => o !== t && o.includes(t)));
}

/** The item publishes a list of named persons (名单, 花名册 …) or names identifiers of persons. */
export function isPersonList(row: Row, k: CatalogueKnowledge): boolean {
  const text = compactKey(`${row.level2}、${row.content.join("、")}`);
  return k.rules.personLists.some((t) => text.includes(t)) || privacyIdentifiers(row, k).length > 0;
}

/** A 公开依据 item's document titles that are abbreviated or wrong, with the full title. */
export function wrongTitles(item: string, k: CatalogueKnowledge): { written: string; full: string }[] {
  const out: { written: string; full: string }[] = [];
  for (const t of titlesOf(item)) {
    const hit = k.rules.documents.get(compactKey(t).replace(/\([^)]*\)$/, ""));
    if (hit?.alias) out.push({ written: `《${t}》`, full: `《${hit.doc.title}》${hit.doc.number ? `（${hit.doc.number}）` : ""}` });
  }
  return out;
}

/** Text fields checked for placeholders, with the text to search. */
function placeholderTexts(row: Row): [ElementKey, string][] {
  const group = row.audience.kind === "特定群体" || row.audience.kind === "both" ? (row.audience.group ?? "") : "";
  return [
    ["level1", row.level1],
    ["level2", row.level2],
    ["content", row.original?.content ?? row.content.join("、")],
    ["basis", row.original?.basis ?? row.basis.join("、")],
    ["timeLimit", row.timeLimit],
    ["subject", row.subject],
    ["audience", group],
  ];
}

/** The first placeholder (XX, ××, 某某, （请填写）) in a text, or null. */
export function findPlaceholder(text: string, k: CatalogueKnowledge): string | null {
  for (const re of k.rules.placeholders) {
    const m = re.exec(text);
    if (m) return m[0];
  }
  return null;
}

export const DATA_RULES: RowRule[] = [
  {
    id: "R22",
    needs: ["content"],
    check: (row, ctx) => {
      const ids = privacyIdentifiers(row, ctx.knowledge);
      if (ids.length > 0) {
        return [{ field: "content", severity: "error", message: `公开内容含个人隐私信息${quote(ids)}，不得公开。请删去这些项；确需公开名单的，只列姓名（可部分隐去）和必要信息，并限定在最小范围（如村公示栏）公开。` }];
      }
      return isPersonList(row, ctx.knowledge)
        ? [{ field: "content", severity: "warning", message: "本事项公开具名人员名单。请对个人信息脱敏（如姓名部分隐去、不列身份证号等），并选择最小必要的公开渠道和范围（如村公示栏、特定群体），公示期满后及时撤下。" }]
        : [];
    },
  },
  {
    id: "R23",
    needs: ["basis"],
    check: (row, ctx) => {
      const wrong = row.basis.flatMap((b) => wrongTitles(b, ctx.knowledge));
      const unique = [...new Map(wrong.map((w) => [w.written, w])).values()];
      return unique.length === 0
        ? []
        : [{ field: "basis", message: `公开依据${unique.map((w) => `${w.written}应写全称${w.full}`).join("；")}。请按文件全称引用。` }];
    },
  },
  {
    id: "R25",
    needs: [],
    check: (row, ctx) => {
      const hits: RuleHit[] = [];
      for (const [field, text] of placeholderTexts(row)) {
        if (ctx.columns && !ctx.columns.includes(field)) continue;
        const found = text ? findPlaceholder(text, ctx.knowledge) : null;
        if (found) hits.push({ field, message: `“${foldLines(text).slice(0, 40)}”中留有占位文字“${found}”。请填写实际的名称或数值（如把“XX镇人民政府”改为本镇全称）。` });
      }
      return hits;
    },
  },
];
