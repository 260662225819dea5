import type { Citation } from "./types.js";

const LINKS = /https?:\/\/\S+/g;

/**
 * An answer led by a passage of a document that only names other documents (front matter
 * `references`: the list of the ministries' field guidelines) says so first: the knowledge holds
 * that guideline's title and link, not its text, so 户籍管理领域要公开啥 is not answered by the
 * title alone. The link follows, for the official to read the original. Who issued a guideline
 * is answered by its title: no note then. `citations[0]` is the source of mark [1], the lead's.
 * @param referenceDocs the ids of the documents whose front matter says `references: true`
 */
export function noteReferenceOnly(answer: string, citations: readonly Pick<Citation, "doc" | "text">[], referenceDocs: ReadonlySet<string>, asksWho: boolean): string {
  const lead = citations[0];
  if (asksWho || !lead || !/\[1\]/.test(answer.split("\n")[0] ?? "")) return answer;
  if (!referenceDocs.has(lead.doc)) return answer;
  const links = lead.text.match(LINKS) ?? [];
  const note = links.length ? `现有文件只收录了这份文件的名称和链接，没有它的正文，具体内容请查阅原文：\n${links.join("\n")}` : "现有文件只收录了这份文件的名称，没有它的正文，具体内容请查阅原文。";
  return `${note}\n${answer}`;
}
