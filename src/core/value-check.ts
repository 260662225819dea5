/**
 * A question proposing a value for a column ("公开时限写及时公开行不行", "公开对象写群众对吗") is
 * answered from the documents and, besides, by the validator: what its rules say of that value
 * in that column, with the rule ID and the passage each rule rests on. The documents answer in
 * general; the rule says plainly whether this very value would pass.
 */
import { emptyRow, type CatalogueKnowledge } from "../catalogue/index.js";
import { formatFindings } from "./drafting/findings.js";
import { parseLabelled } from "./drafting/labelled.js";
import { reviewDraft } from "./drafting/review.js";

/** "…写/填/勾(成)?<value>(都勾)?<asking tail>" at the end of a question: the value proposed, and what comes before it. */
const PROPOSES = /^(.{2,24}?)(?:就|直接|只)?(?:写|填|勾|选)(?:成|上|了|的是|的)?[“"「]?([^，,。；;“”"「」\s写填勾]{1,30}?)[”"」]?(?:都(?:勾|选|写|填)上?)?(?:行不行|可不可以|可以吗|可以不|行吗|行不|中不中|中不|对吗|对不对|对不|得不得|要得不|好不好|成不成|妥不妥|合适吗|合适不|有问题吗|吗|不|啊|呢)[？?。!！\s]*$/;
/** A "value" that asks instead (写到第几条, 填哪个, 写什么): how far or what, not a proposal. */
const ASKS_WHAT = /^到|几|哪|什么|啥|多少|怎么|咋/;
/** Words between a column's name and 写 (公开时限那一栏就写…). */
const BETWEEN = /(?:一栏|那栏|这栏|那一栏|这一栏|栏|那列|这列|里|上)+$/;

/** The one column a question's opening names (公开时线 read as 公开时限), by the longest opening read as a label. */
function columnOf(opening: string, value: string, knowledge: CatalogueKnowledge) {
  const chars = [...opening];
  for (let n = Math.min(chars.length, 10); n >= 2; n--) {
    const labelled = parseLabelled(`${chars.slice(0, n).join("").replace(BETWEEN, "")}：${value}`, knowledge);
    if (labelled && !labelled.unknownLabels.length && labelled.keys.length + labelled.problems.length === 1) return labelled;
  }
  return undefined;
}

/**
 * What the validator says of the value a question proposes for a column, as lines for the
 * answer; undefined when the question proposes no value for one column, or the rules find
 * nothing to say (their silence is no approval: a value may still be unusual).
 */
export function valueCheck(question: string, knowledge: CatalogueKnowledge): string | undefined {
  const m = PROPOSES.exec(question.trim().normalize("NFKC"));
  if (!m) return undefined;
  const [, opening, typed] = m as unknown as [string, string, string];
  const value = typed.trim();
  // 写到第几条吗, 填哪个好: asks what to write, proposes nothing
  if (ASKS_WHAT.test(value)) return undefined;
  const labelled = columnOf(opening.trim(), value, knowledge);
  if (!labelled) return undefined;
  const key = labelled.keys[0] ?? labelled.problems[0]!.key;
  // the value checked as a draft holding only it, as drafting checks each answer
  const findings = reviewDraft({ row: { ...emptyRow(), ...labelled.patch } }, [], null, knowledge, false).filter((f) => f.field === key);
  // a value not read at all (政务公开栏 as 公开方式) is said so; the rules would only find the column empty
  const said = labelled.problems.length ? labelled.problems.map((p) => p.message).join("\n") : findings.length ? formatFindings(findings) : undefined;
  return said && `按本助手的目录校验规则，这一栏写“${value}”会被指出：\n${said}`;
}
