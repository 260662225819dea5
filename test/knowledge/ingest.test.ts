import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../src/knowledge/chunk.js";
import { KnowledgeError, loadKnowledge, parseDocument } from "../../src/knowledge/ingest.js";

const front = (kind: string, id = "t") => `---\nid: ${id}\ntitle: 测试文件\nissuer: 测试机关\nsource: shared/seeds/x.txt\nkind: ${kind}\n---\n# 测试文件\n\n`;

describe("parseDocument / chunkDocument", () => {
  it("turns every FAQ heading into one question/answer passage with its section path", () => {
    const md = `${front("faq")}## 一、关于编制\n\n### 1.公开依据需要写到具体条款吗？\n\n不需要。只列名称。\n\n### 2.公开主体怎么写？\n\n写明具体单位。\n`;
    const { meta, sections } = parseDocument(md, "t.md");
    const chunks = chunkDocument(meta, sections);
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatchObject({ question: "1.公开依据需要写到具体条款吗？", section: "一、关于编制 > 1.公开依据需要写到具体条款吗？" });
    expect(chunks[0]!.text).toBe("1.公开依据需要写到具体条款吗？\n不需要。只列名称。");
  });

  it("keeps regulation articles whole, prefixed with the article number", () => {
    const md = `${front("regulation")}## 第一章 总则\n\n### 第一条\n\n为了保障公民依法获取政府信息，制定本条例。\n\n### 第二条\n\n本条例所称政府信息……\n`;
    const { meta, sections } = parseDocument(md, "t.md");
    const chunks = chunkDocument(meta, sections);
    expect(chunks.map((c) => c.text)).toEqual(["第一条 为了保障公民依法获取政府信息，制定本条例。", "第二条 本条例所称政府信息……"]);
    expect(chunks[1]!.section).toBe("第一章 总则 > 第二条");
  });

  it("splits long sections at paragraph and table-row boundaries, repeating the table header", () => {
    const row = (i: number) => `| ${i} | ${"很长的单元格内容".repeat(6)} |`;
    const table = ["| 序号 | 内容 |", "| --- | --- |", ...Array.from({ length: 30 }, (_, i) => row(i + 1))].join("\n");
    const para = "这是一段说明文字。".repeat(40);
    const md = `${front("notice")}## 一、表格\n\n${para}\n\n${table}\n`;
    const { meta, sections } = parseDocument(md, "t.md");
    const chunks = chunkDocument(meta, sections);
    const tables = chunks.filter((c) => c.text.includes("| 序号 | 内容 |"));
    expect(tables.length).toBeGreaterThan(1);
    for (const c of tables) expect(c.text.startsWith("一、表格\n| 序号 | 内容 |\n| --- | --- |")).toBe(true);
    expect(chunks.every((c) => c.text.length < 900)).toBe(true);
    // every table row survives exactly once
    const rows = chunks.flatMap((c) => c.text.split("\n")).filter((l) => /^\| \d+ \|/.test(l));
    expect(rows).toHaveLength(30);
  });

  it("rejects a file without front matter or with a bad kind, naming the file", () => {
    expect(() => parseDocument("# 无 front matter", "bad.md")).toThrow(/bad.md/);
    expect(() => parseDocument(front("poem"), "bad.md")).toThrow(KnowledgeError);
  });

  it("says in Chinese which front matter key is wrong and what it should be", () => {
    const md = "---\nid: Bad_Id\nissuer: 测试机关\nsource: x\nkind: poem\nreferences: yes\n---\n正文\n";
    expect(() => parseDocument(md, "docs/bad.md")).toThrow(
      [
        "docs/bad.md：front matter 有 4 处错误：",
        '  - id：id 只能用小写字母、数字和连字符（与文件名一致）（现为 "Bad_Id"）',
        "  - title：缺少 title（必填）",
        '  - kind：kind 应为 faq、guideline、notice、regulation、training 之一（现为 "poem"）',
        '  - references：references 应为“true”或“false”（现为 "yes"）',
      ].join("\n"),
    );
    expect(() => parseDocument("---\n\n---\n正文\n", "docs/empty.md")).toThrow("docs/empty.md：front matter 有 1 处错误：\n  - front matter：应为“键: 值”形式的一组设置（现为空）");
  });

  it("names the file line of a YAML syntax error in the front matter", () => {
    const md = "---\nid: t\ntitle: 测试\n  issuer: 测试机关\nsource: x\nkind: notice\n---\n正文\n";
    expect(() => parseDocument(md, "docs/t.md")).toThrow(/^docs\/t\.md：front matter 不是有效的 YAML：第 3 行第 8 列附近格式有误。请检查缩进/);
  });
});

describe("loadKnowledge", () => {
  it("hashes content so that any change to a document or the synonyms changes the hash", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-kn-"));
    fs.mkdirSync(path.join(dir, "docs"));
    fs.writeFileSync(path.join(dir, "docs", "t.md"), `${front("notice")}## 一、总则\n\n正文。\n`);
    const a = loadKnowledge(dir).hash;
    fs.writeFileSync(path.join(dir, "synonyms.yaml"), "- terms: [政府网站, 门户网站]\n");
    const b = loadKnowledge(dir);
    expect(b.hash).not.toBe(a);
    expect(b.synonyms).toEqual([{ terms: ["政府网站", "门户网站"] }]);
    fs.writeFileSync(path.join(dir, "docs", "t.md"), `${front("notice")}## 一、总则\n\n正文改了。\n`);
    expect(loadKnowledge(dir).hash).not.toBe(b.hash);
    fs.rmSync(dir, { recursive: true });
  });

  it("requires the id to match the file name", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-kn-"));
    fs.mkdirSync(path.join(dir, "docs"));
    fs.writeFileSync(path.join(dir, "docs", "other.md"), `${front("notice", "t")}正文。\n`);
    expect(() => loadKnowledge(dir)).toThrow(/id/);
    fs.rmSync(dir, { recursive: true });
  });

  it("names a malformed document by its path in the knowledge folder", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-kn-"));
    fs.mkdirSync(path.join(dir, "docs"));
    fs.writeFileSync(path.join(dir, "docs", "t.md"), front("notice").replace("title: 测试文件\n", ""));
    expect(() => loadKnowledge(dir)).toThrow(`${path.join(dir, "docs", "t.md")}：front matter 有 1 处错误：\n  - title：缺少 title（必填）`);
    fs.rmSync(dir, { recursive: true });
  });
});
