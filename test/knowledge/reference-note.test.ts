import { describe, expect, it } from "vitest";
import { noteReferenceOnly } from "../../src/knowledge/reference-note.js";

const docs = new Set(["guideline-index"]);
const entry = { doc: "guideline-index", text: "16.户籍管理领域\n公安部关于印发户籍管理领域基层政务公开标准指引的通知\nhttp://example.gov.cn/a.html" };
const article = { doc: "regulation", text: "第二十条 行政机关应当主动公开本行政机关的下列政府信息。" };

describe("an answer led by a document that only names other documents", () => {
  it.each([
    ["what the guideline requires", "公安部关于印发…的通知 [1]", [entry, article], false, "现有文件只收录了这份文件的名称和链接，没有它的正文，具体内容请查阅原文：\nhttp://example.gov.cn/a.html\n公安部关于印发…的通知 [1]"],
    ["who issued it: the title is the answer", "公安部关于印发…的通知 [1]", [entry, article], true, "公安部关于印发…的通知 [1]"],
    ["led by an article", "第二十条 … [1]\n公安部关于印发…的通知 [2]", [article, entry], false, "第二十条 … [1]\n公安部关于印发…的通知 [2]"],
    ["an entry without a link", "公安部关于印发…的通知 [1]", [{ ...entry, text: "16.户籍管理领域\n公安部关于印发…的通知" }], false, "现有文件只收录了这份文件的名称，没有它的正文，具体内容请查阅原文。\n公安部关于印发…的通知 [1]"],
  ] as const)("%s", (_name, answer, citations, asksWho, shown) => {
    expect(noteReferenceOnly(answer, citations, docs, asksWho)).toBe(shown);
  });
});
