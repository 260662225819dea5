import { describe, expect, it } from "vitest";
import { noteGuidelineNotHeld, noteReferenceOnly, noteTemplateSamples, noteTableNotHeld, tablesNotHeld } from "../../src/knowledge/reference-note.js";

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

describe("what a field discloses, asked of a field whose guideline the knowledge names only", () => {
  const ref = { ...entry, section: "16.户籍管理领域" };
  const items = { doc: "land", section: "三、公开目录及事项标准", text: "户籍管理领域包括户口登记等3个一级公开事项" };
  const lead = "第二十条 行政机关应当主动公开本行政机关的下列政府信息。 [1]";
  const note = "现有文件只收录了《公安部关于印发户籍管理领域基层政务公开标准指引的通知》的名称和链接，没有它的正文（该领域各事项的公开内容、依据、时限等），具体要求请查阅原文：\nhttp://example.gov.cn/a.html\n";
  it.each([
    ["its title among the top passages", [{ ...article, section: "第二十条" }, ref], ["户籍管理"], `${note}${lead}`],
    ["a passage listing its items among them", [{ ...article, section: "第二十条" }, ref, items], ["户籍管理"], lead],
    ["its title below the top three", [article, article, article, ref].map((c) => ({ ...c, section: "x" })), ["户籍管理"], lead],
    ["no field asked", [{ ...article, section: "第二十条" }, ref], [], lead],
    ["another field's title", [{ ...article, section: "第二十条" }, ref], ["社会救助"], lead],
    // a template's table naming the field only in a document it cites lists no items of that field
    ["a table citing a document named after it", [{ ...article, section: "第二十条" }, ref, { doc: "t", section: "模板", text: "| 公开事项<br>一级事项 | 公开依据 |\n| 批准服务信息 | 《关于户籍管理领域的意见》 |" }], ["户籍管理"], `${note}${lead}`],
  ] as const)("%s", (_name, top, fields, shown) => {
    expect(noteGuidelineNotHeld(lead, top, top, docs, fields)).toBe(shown);
  });
  it("leaves an answer led by the guideline's own entry to noteReferenceOnly", () => {
    const own = "公安部关于印发…的通知 [1]";
    expect(noteGuidelineNotHeld(own, [ref], [ref], docs, ["户籍管理"])).toBe(own);
  });
});

describe("an answer led by the section describing a guideline's table that the knowledge does not hold", () => {
  const notHeld = tablesNotHeld([
    { id: "land", source: "https://example.gov.cn/land.html", tableNotHeld: "三、公开目录及事项标准" },
    { id: "regulation", source: "https://example.gov.cn/r.html" },
  ]);
  const table = { doc: "land", section: "指引 > 三、公开目录及事项标准" };
  const other = { doc: "land", section: "指引 > 四、管理规范 > （二）主动公开。" };
  const note = "现有文件收录了这份指引的正文，没有收录它所附的事项目录表（各事项的公开内容、依据、时限、主体、渠道等），各事项的具体要求请查阅指引原件：\nhttps://example.gov.cn/land.html\n";
  it.each([
    ["led by that section", "每一事项明确了公开内容 [1]", [table], `${note}每一事项明确了公开内容 [1]`],
    ["led by another section of the guideline", "应通过政府网站…公开 [1]", [other, table], "应通过政府网站…公开 [1]"],
    ["that section cited second", "第二十条 … [1]\n每一事项 [2]", [{ doc: "regulation", section: "第三章 > 第二十条" }, table], "第二十条 … [1]\n每一事项 [2]"],
  ] as const)("%s", (_name, answer, citations, shown) => {
    expect(noteTableNotHeld(answer, citations, notHeld)).toBe(shown);
  });
});

describe("a quoted sample form's ticks", () => {
  it.each([
    ["公开渠道和载体：☑ 政府网站、☐ 政府公报。 [1]", "公开渠道和载体：☑ 政府网站、☐ 政府公报。（☑ 是原文示例中的勾选，不表示必选） [1]"],
    ["甲 [1]\n☑ 全社会 ☐ 特定群体 [2][3]", "甲 [1]\n☑ 全社会 ☐ 特定群体（☑ 是原文示例中的勾选，不表示必选） [2][3]"],
    ["☑ 只有勾选的一项 [1]", "☑ 只有勾选的一项 [1]"],
    ["没有勾选框的一行 [1]", "没有勾选框的一行 [1]"],
    ["注明于事项发生或信息形成起XX个工作日内公开。 [1]", "注明于事项发生或信息形成起XX个工作日内公开。（XX 是原文模板中的占位，填写时换成具体的数字或名称） [1]"],
    ["（按“公开时限”理解）XX", "（按“公开时限”理解）XX"], // not a quoted line
    ["DOCX 文件 [1]", "DOCX 文件 [1]"],
  ])("%s", (answer, shown) => {
    expect(noteTemplateSamples(answer)).toBe(shown);
  });
});
