import type { DocMeta } from "./ingest.js";
import type { Citation } from "./types.js";

/** The place whose own document a passage is (front matter `scope`), and the names a question may use for it. */
export interface LocalScope {
  place: string;
  names: readonly string[];
}

/** The local scope of each document that has one, by document id. */
export function localScopes(docs: readonly DocMeta[]): Map<string, LocalScope> {
  const scopes = new Map<string, LocalScope>();
  for (const d of docs) if (d.scope) scopes.set(d.id, { place: d.scope, names: [d.scope, ...d.scopeNames] });
  return scopes;
}

const MARK = /\[(\d+)\]/g;

/**
 * The place of a document that is one locality's own and that the question does not name (nor
 * the document): undefined for a national or explanatory document, or when the question names it.
 */
export function unaskedPlace(scopes: ReadonlyMap<string, LocalScope>, question: string): (doc: string) => string | undefined {
  return (doc) => {
    const scope = scopes.get(doc);
    return scope && !scope.names.some((name) => question.includes(name)) ? scope.place : undefined;
  };
}

/**
 * Marks what an answer quotes from one locality's own documents, so that an official elsewhere
 * sees at once that a quoted deadline or duty is that place's, not the rule: when every line
 * that cites a source cites one place's documents, the answer opens with
 * "以下是X的文件，其他地方以本地通知为准："; otherwise each line citing only X's documents starts
 * with "（仅适用于X）", and in a line that also cites other sources the marker stands before X's
 * [n]. Nothing is marked for a place (or a document) the question names: "平潭的目录什么时候报送"
 * asks for 平潭's rule. `citations[n - 1]` is the source of mark [n].
 */
export function markLocalScope(
  answer: string,
  citations: readonly Pick<Citation, "doc">[],
  scopes: ReadonlyMap<string, LocalScope>,
  question: string,
): string {
  const place = unaskedPlace(scopes, question);
  const placeOf = (n: number) => place(citations[n - 1]?.doc ?? "");
  const lines = answer.split("\n").map((text) => {
    const places = [...text.matchAll(MARK)].map((m) => placeOf(Number(m[1])));
    return { text, places, only: places.length && places.every((p) => p && p === places[0]) ? places[0] : undefined };
  });
  const citing = lines.filter((l) => l.places.length);
  if (!citing.some((l) => l.places.some(Boolean))) return answer;
  const one = citing[0]!.only;
  if (one && citing.every((l) => l.only === one)) return `以下是${one}的文件，其他地方以本地通知为准：\n${answer}`;
  return lines
    .map((l) => {
      if (l.only) return `（仅适用于${l.only}）${l.text}`;
      return l.text.replace(/( ?)\[(\d+)\]/g, (m, space: string, d: string) => {
        const p = placeOf(Number(d));
        return p ? `（仅适用于${p}）${space}[${d}]` : m;
      });
    })
    .join("\n");
}

/** The provinces, autonomous regions and municipalities, by the short name officials use. */
const PROVINCES = [
  "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南",
  "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆", "香港", "澳门", "台湾",
];

/** The provinces and the places below them whose own documents the knowledge holds (see unheldProvince). */
export interface HeldPlaces {
  provinces: string[];
  places: string[];
}

/**
 * The provinces some document comes from (by its title, issuer or scope: 广东, 云南), and the
 * other places documents are scoped to (平潭综合实验区, 清丰县), computed once for all questions.
 */
export function heldPlaces(docs: readonly Pick<DocMeta, "title" | "issuer" | "scope">[]): HeldPlaces {
  const provinces = PROVINCES.filter((p) => docs.some((d) => `${d.title}${d.issuer}${d.scope ?? ""}`.includes(p)));
  const places = [...new Set(docs.flatMap((d) => (d.scope && !d.scope.includes("未载明") && !provinces.some((p) => d.scope!.startsWith(p)) ? [d.scope] : [])))];
  return { provinces, places };
}

/**
 * The province a question names whose own documents the knowledge does not hold (山东省的目录…),
 * with the places whose documents it does hold: the answer says so first, rather than quoting
 * another place's rule as if it were that province's. Undefined when the question names no
 * province, or one some document comes from (广东, 云南).
 */
export function unheldProvince(question: string, held: HeldPlaces): { province: string; held: string[] } | undefined {
  const province = PROVINCES.find((p) => question.includes(p) && !held.provinces.includes(p));
  return province ? { province, held: [...held.provinces, ...held.places] } : undefined;
}
