import YAML from "yaml";
import { z } from "zod";
import type { Chunk } from "./ingest.js";
import { KnowledgeError } from "./knowledge-files.js";

/** One question of knowledge/questions/, resolved to the passage it is written for. */
export interface IndexedQuestion {
  question: string;
  /** Index of the passage in Knowledge.chunks. */
  chunk: number;
}

const fileSchema = z.object({
  doc: z.string().min(1),
  passages: z
    .array(
      z.object({
        section: z.string(),
        anchor: z.string().min(1).optional(),
        questions: z.array(z.string().min(1)).default([]),
      }),
    )
    .default([]),
});

/**
 * Reads the question index (knowledge/questions/<doc>.yaml, format in README 答疑) and resolves
 * each entry to exactly one passage: the passages of that document with that section string,
 * narrowed by `anchor` (a phrase occurring in exactly one of them) when several share it.
 * @param files file name (e.g. "guangdong-faq.yaml") → file text
 * @throws KnowledgeError naming the file and the entry that does not resolve
 */
export function parseQuestionIndex(files: Map<string, string>, chunks: Chunk[]): IndexedQuestion[] {
  const out: IndexedQuestion[] = [];
  for (const [name, raw] of files) {
    const where = `knowledge/questions/${name}`;
    let data: z.output<typeof fileSchema>;
    try {
      data = fileSchema.parse(YAML.parse(raw) ?? {});
    } catch (err) {
      throw new KnowledgeError(`${where}：格式有误（应有 doc 和 passages，每段有 section 和 questions）`, { cause: err });
    }
    if (`${data.doc}.yaml` !== name) throw new KnowledgeError(`${where}：doc 应与文件名一致（现为“${data.doc}”）`);
    const ofDoc = chunks.map((c, i) => ({ c, i })).filter(({ c }) => c.doc === data.doc);
    if (!ofDoc.length) throw new KnowledgeError(`${where}：knowledge/docs/ 下没有文件 ${data.doc}.md`);
    data.passages.forEach((p, n) => {
      const entry = `第 ${n + 1} 段（section “${p.section}”${p.anchor ? `，anchor “${p.anchor}”` : ""}）`;
      const same = ofDoc.filter(({ c }) => c.section === p.section);
      // after an update whose code was not rebuilt, the old chunker cuts the new documents otherwise
      if (!same.length) throw new KnowledgeError(`${where} ${entry}：${data.doc} 中没有这个章节的段落（章节名须与切分结果完全一致；刚更新过程序的，请先运行 npm ci 或 npm run build 再启动）`);
      const matching = p.anchor ? same.filter(({ c }) => c.text.includes(p.anchor!)) : same;
      if (matching.length !== 1) {
        const why = !p.anchor
          ? `该章节有 ${same.length} 个段落，请用 anchor 写明其中一段独有的原文短语`
          : matching.length
            ? `anchor 出现在该章节的 ${matching.length} 个段落中，请换一个只在一段中出现的短语`
            : "anchor 不在该章节任何段落的原文中";
        throw new KnowledgeError(`${where} ${entry}：${why}`);
      }
      for (const question of p.questions) out.push({ question, chunk: matching[0]!.i });
    });
  }
  return out;
}
