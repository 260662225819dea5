import type { DocMeta } from "./ingest.js";
import { listsFieldItems } from "./topic-rankers.js";
import type { Citation } from "./types.js";

const LINKS = /https?:\/\/\S+/g;
/** Passages (best first) in which a field's guideline or its items are looked for. */
const TOP_PASSAGES = 3;

/**
 * An answer led by a passage of a document that only names other documents (front matter
 * `references`: the list of the ministries' field guidelines) says so first: the knowledge holds
 * that guideline's title and link, not its text, so 户籍管理领域要公开啥 is not answered by the
 * title alone. The link follows, for the official to read the original. Who issued a guideline
 * is answered by its title: no note then. `citations[0]` is the source of mark [1], the lead's.
 * @param referenceDocs the ids of the documents whose front matter says `references: true`
 */
export function noteReferenceOnly(answer: string, citations: readonly Pick<Citation, "doc" | "text">[], referenceDocs: ReadonlySet<string>, asksWho: boolean): string {
  const lead = leadOf(answer, citations);
  if (asksWho || !lead || !referenceDocs.has(lead.doc)) return answer;
  const links = lead.text.match(LINKS) ?? [];
  const note = links.length ? `现有文件只收录了这份文件的名称和链接，没有它的正文，具体内容请查阅原文：\n${links.join("\n")}` : "现有文件只收录了这份文件的名称，没有它的正文，具体内容请查阅原文。";
  return `${note}\n${answer}`;
}

/**
 * What a field discloses (财政预决算公开啥), when the knowledge holds only the title and link of that
 * field's guideline (a passage of a references document naming the field, among the top passages)
 * and no passage listing the field's items: the answer says so first, with the guideline's title
 * and link, before the lines the documents do hold (条例第二十条 "财政预算、决算信息").
 * An answer led by the guideline's own entry is noteReferenceOnly's, and is left to it.
 * @param citations the answer's sources: `citations[0]` is mark [1]'s
 * @param top the passages retrieval ranked first, best first
 * @param fields the fields the question asks what to disclose of (fieldsAskedWhatDisclosed)
 */
export function noteGuidelineNotHeld(
  answer: string,
  citations: readonly Pick<Citation, "doc">[],
  top: readonly Pick<Citation, "doc" | "section" | "text">[],
  referenceDocs: ReadonlySet<string>,
  fields: readonly string[],
): string {
  const names = (c: Pick<Citation, "section" | "text">) => fields.some((f) => `${c.section}${c.text}`.includes(f));
  // a table naming the field only in the title of a document it cites (《关于推进重大建设项目…的意见》) lists another field's items
  const lists = (c: Pick<Citation, "section" | "text">) => listsFieldItems(c.text) && names({ section: c.section, text: c.text.replace(/《[^》]*》/g, "") });
  const first = top.slice(0, TOP_PASSAGES);
  if (!fields.length || first.some(lists)) return answer;
  const lead = leadOf(answer, citations);
  const ref = first.find((c) => referenceDocs.has(c.doc) && names(c));
  if (!ref || (lead && referenceDocs.has(lead.doc))) return answer;
  const links = ref.text.match(LINKS) ?? [];
  const title = ref.text.split("\n").map((l) => l.trim()).find((l) => l && !/https?:\/\//.test(l) && !ref.section.endsWith(l));
  const named = title ? `《${title.replace(/《/g, "〈").replace(/》/g, "〉")}》` : "这个领域的标准指引";
  return `现有文件只收录了${named}的名称和链接，没有它的正文（该领域各事项的公开内容、依据、时限等），具体要求请查阅原文：${links.length ? `\n${links.join("\n")}` : ""}\n${answer}`;
}

/** The source of the answer's first line, when that line is quoted from mark [1]. */
function leadOf<C>(answer: string, citations: readonly C[]): C | undefined {
  return /\[1\]/.test(answer.split("\n")[0] ?? "") ? citations[0] : undefined;
}

/** The documents whose front matter says which section's table the knowledge does not hold, by id. */
export function tablesNotHeld(docs: readonly Pick<DocMeta, "id" | "source" | "tableNotHeld">[]): Map<string, { section: string; source: string }> {
  return new Map(docs.flatMap((d) => (d.tableNotHeld ? [[d.id, { section: d.tableNotHeld, source: d.source }] as const] : [])));
}

/**
 * An answer led by the section of a guideline that describes its per-item table (征地补偿安置方案
 * 公告要写哪些内容 → "每一事项明确了公开内容、公开主体…") says first that the table itself is not
 * in the knowledge, with the link to the original: the passage names the items but not what each
 * must disclose.
 */
export function noteTableNotHeld(answer: string, citations: readonly Pick<Citation, "doc" | "section">[], notHeld: ReadonlyMap<string, { section: string; source: string }>): string {
  const lead = leadOf(answer, citations);
  const table = lead && notHeld.get(lead.doc);
  if (!lead || !table || !lead.section.split(" > ").includes(table.section)) return answer;
  return `现有文件收录了这份指引的正文，没有收录它所附的事项目录表（各事项的公开内容、依据、时限、主体、渠道等），各事项的具体要求请查阅指引原件：\n${table.source}\n${answer}`;
}

const TICKED = "☑";
const UNTICKED = "☐";
/** A template's placeholder for a number or a name (XX个工作日内, XX领域). */
const PLACEHOLDER = /(?<![A-Za-z])(XX|xx|××)(?![A-Za-z])/;

/**
 * A quoted line of a sample form or template says what is the sample's: its ticks ("☑ 政府网站、
 * ☐ 政府公报 …", from a training slide), read alone, look like the required choice, and its
 * placeholder ("起XX个工作日内公开") like a value one may write.
 */
export function noteTemplateSamples(answer: string): string {
  const note = (line: string, text: string) => line.replace(/( ?(?:\[\d+\])+)?$/, `${text}$1`);
  return answer
    .split("\n")
    .map((line) => (line.includes(TICKED) && line.includes(UNTICKED) ? note(line, "（☑ 是原文示例中的勾选，不表示必选）") : line))
    .map((line) => (PLACEHOLDER.test(line) && /\[\d+\]/.test(line) ? note(line, "（XX 是原文模板中的占位，填写时换成具体的数字或名称）") : line))
    .join("\n");
}
