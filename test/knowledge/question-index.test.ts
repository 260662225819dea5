import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { type Chunk, KnowledgeError, loadKnowledge } from "../../src/knowledge/ingest.js";
import { loadFields } from "../../src/knowledge/fields.js";
import { parseQuestionIndex } from "../../src/knowledge/question-index.js";
import { stripQuestionWords, tokenize } from "../../src/knowledge/tokenize.js";

const root = path.resolve(import.meta.dirname, "../..");
const questionsDir = path.join(root, "knowledge", "questions");

const chunk = (doc: string, section: string, text: string): Chunk => ({ id: `${doc}#x`, doc, title: "T", kind: "faq", section, text });
const chunks: Chunk[] = [
  chunk("faq", "怎样编制 > 公开依据要写到条款吗？", "公开依据要写到条款吗？\n不需给出具体条款。"),
  chunk("faq", "附件1 > 表1", "| 事项 | 时限 |\n| --- | --- |\n| 城乡规划 | 20个工作日 |"),
  chunk("faq", "附件1 > 表1", "| 事项 | 时限 |\n| --- | --- |\n| 征地补偿 | 及时公开 |"),
];
const file = (body: string) => new Map([["faq.yaml", `doc: faq\npassages:\n${body}`]]);

describe("the question index loader", () => {
  it("resolves each question to its passage, by section and, where sections repeat, by anchor", () => {
    const qs = parseQuestionIndex(
      file(`  - section: "怎样编制 > 公开依据要写到条款吗？"\n    questions: [依据写到第几条, 要不要写条款]\n  - section: "附件1 > 表1"\n    anchor: "征地补偿"\n    questions: [征地啥时候公开]\n`),
      chunks,
    );
    expect(qs).toEqual([
      { question: "依据写到第几条", chunk: 0 },
      { question: "要不要写条款", chunk: 0 },
      { question: "征地啥时候公开", chunk: 2 },
    ]);
  });

  it.each([
    [`  - section: "怎样编制 > 没有这一节"\n    questions: [问]\n`, /faq\.yaml 第 1 段（section “怎样编制 > 没有这一节”）：faq 中没有这个章节/],
    [`  - section: "附件1 > 表1"\n    questions: [问]\n`, /第 1 段.*该章节有 2 个段落，请用 anchor/],
    [`  - section: "附件1 > 表1"\n    anchor: "时限"\n    questions: [问]\n`, /anchor “时限”.*出现在该章节的 2 个段落中/],
    [`  - section: "附件1 > 表1"\n    anchor: "社会救助"\n    questions: [问]\n`, /anchor 不在该章节任何段落的原文中/],
  ])("names the file and the entry that does not resolve (%#)", (body, message) => {
    expect(() => parseQuestionIndex(file(body), chunks)).toThrow(KnowledgeError);
    expect(() => parseQuestionIndex(file(body), chunks)).toThrow(message);
  });

  it("refuses a file whose doc is not its name, or that is not the format", () => {
    expect(() => parseQuestionIndex(new Map([["other.yaml", "doc: faq\npassages: []\n"]]), chunks)).toThrow(/other\.yaml：doc 应与文件名一致/);
    expect(() => parseQuestionIndex(new Map([["faq.yaml", "doc: faq\npassages: 3\n"]]), chunks)).toThrow(/faq\.yaml：格式有误/);
  });
});

describe("knowledge/questions/", () => {
  const files = fs.existsSync(questionsDir) ? fs.readdirSync(questionsDir).filter((f) => f.endsWith(".yaml")) : [];

  it("every entry of every file resolves to exactly one existing passage", () => {
    // loadKnowledge resolves the whole index and throws a KnowledgeError naming the first bad entry
    const k = loadKnowledge(path.join(root, "knowledge"));
    let entries = 0;
    for (const f of files) {
      const data = YAML.parse(fs.readFileSync(path.join(questionsDir, f), "utf8")) as { passages?: { questions?: string[] }[] };
      entries += (data.passages ?? []).reduce((n, p) => n + (p.questions?.length ?? 0), 0);
    }
    expect(k.questions).toHaveLength(entries);
    for (const q of k.questions) expect(k.chunks[q.chunk]).toBeDefined();
  });

  it("has no question that says only a field and 公开 (征地公开要做哪几件事): it would match every question on that field", () => {
    const fieldWords = new Set(loadFields(path.join(root, "knowledge")).flatMap((f) => [f.name, ...f.variants].flatMap((n) => tokenize(n))));
    const bare: string[] = [];
    for (const f of files) {
      const data = YAML.parse(fs.readFileSync(path.join(questionsDir, f), "utf8")) as { passages?: { questions?: string[] }[] };
      for (const q of (data.passages ?? []).flatMap((p) => p.questions ?? [])) {
        const words = tokenize(stripQuestionWords(q));
        if (words.includes("公开") && words.some((w) => fieldWords.has(w)) && words.every((w) => w === "公开" || fieldWords.has(w))) bare.push(`${f}: ${q}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it.each(files)("%s names an existing document", (f) => {
    expect(fs.existsSync(path.join(root, "knowledge", "docs", f.replace(/\.yaml$/, ".md")))).toBe(true);
  });
});
