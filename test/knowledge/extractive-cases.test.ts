import { describe, expect, it } from "vitest";
import { extractiveAnswer } from "../../src/knowledge/extractive.js";
import type { Chunk } from "../../src/knowledge/ingest.js";
import type { Hit } from "../../src/knowledge/retrieve.js";
import { tokenize } from "../../src/knowledge/tokenize.js";

const hit = (section: string, text: string, extra: Partial<Hit> = {}): Hit => ({
  chunk: { id: "d#0", doc: "d", title: "T", kind: "training", section, text } as Chunk,
  score: 1,
  coverage: 0.5,
  questionMatch: 0,
  ...extra,
});

describe("one locality's notice as the answer's lead", () => {
  // passages as the documents write them: 清丰县's notice and the national-level explanation of 五公开
  const QINGFENG = "2020年3月、4月，省、市政府办公厅（室）印发《关于全面推进基层政务公开标准化规范化工作的通知》，全面推进基层政务决策公开、执行公开、管理公开、服务公开、结果公开，推动基层政务公开全覆盖。";
  const GENERAL = "推进决策、执行、管理、服务、结果公开（以下统称“五公开”）是党的十八届四中全会部署的重要改革任务。";
  const PINGTAN = "各片区管理局、区直各单位要编制完成本单位政务公开标准目录，目录于2020年8月31日前报送区办保密与电子政务处。";
  const YUNNAN = "县、乡两级标准目录编制完成后由县级政府统一汇总，并由县级政府审核后报上一级政府备案检查。";
  const local = (places: Record<string, string | undefined>) => (doc: string) => places[doc];
  const pair = (a: [string, string], b: [string, string]) => [
    { ...hit("一、", a[1]), chunk: { ...hit("一、", a[1]).chunk, doc: a[0] } },
    { ...hit("二、", b[1]), chunk: { ...hit("二、", b[1]).chunk, doc: b[0] }, score: 0.9 },
  ];

  it.each([
    {
      name: "a general document's sentence that answers at least as well leads when the question names no place",
      hits: pair(["qingfeng", QINGFENG], ["training", GENERAL]),
      terms: ["五", "公开"],
      places: { qingfeng: "清丰县" },
      lead: GENERAL,
    },
    {
      name: "passage [1] leads when the question names its place (the predicate says it is not foreign)",
      hits: pair(["qingfeng", QINGFENG], ["training", GENERAL]),
      terms: ["五", "公开"],
      places: {},
      lead: QINGFENG,
    },
    {
      name: "a local deadline still leads when no general sentence answers as well",
      hits: pair(["pingtan", PINGTAN], ["training", YUNNAN]),
      terms: ["目录", "报送", "2020年"],
      places: { pingtan: "平潭综合实验区" },
      lead: PINGTAN,
    },
  ])("$name", ({ hits, terms, places, lead }) => {
    const a = extractiveAnswer(terms, hits, () => 1, { kind: "what", question: terms.join(""), local: local(places) });
    expect(a.split("\n")[0]).toMatch(new RegExp(`^${lead.slice(0, 20).replace(/[()（）[\]“”]/g, ".")}`));
  });
});

describe("what a field discloses", () => {
  const SCOPE = "本指引所称城乡规划领域，包含城市规划、镇规划、乡规划和村庄规划以及同级的土地利用总体规划。";
  const ITEMS = "《目录》明确了城乡规划领域涉及规划编制、审批、实施管理等4类一级事项13类二级事项。";
  const hits = [hit("二、适用范围", SCOPE), { ...hit("三、主要内容", ITEMS), score: 0.9 }];
  it("is answered first by the sentence listing its items, though another passage ranks first", () => {
    const a = extractiveAnswer(["城乡规划", "公开"], hits, () => 1, { kind: "what", question: "城乡规划公开什么", fieldItems: true });
    expect(a.split("\n")[0]).toBe(`${ITEMS} [2]`);
  });
  it("is not so for another question about the same passages", () => {
    const a = extractiveAnswer(["城乡规划", "范围"], hits, () => 1, { kind: "what", question: "城乡规划的范围", fieldItems: false });
    expect(a.split("\n")[0]).toBe(`${SCOPE} [1]`);
  });
});

describe("a question asking two things", () => {
  // the Guangdong FAQ on adjusting the catalogue, and the Yunnan training's note on 序号, as written
  const ADJUST = hit("怎样编制 > 是否可以对国务院部门制定的标准目录进行调整？", [
    "鼓励各地区根据工作实际情况适当增加公开的二级事项，凡需增加二级事项的，应当按同一事项类别顺序编码，并按表头所列类目补全相应事项内容。",
    "又如卫生健康领域标准目录，国家卫生健康委在指引中明确，“所列14列类目为必备内容，各地可以视情况增加类目，但不可以删减类目”。",
    "二、国务院部门印发的相关领域标准指引对此没有明确的，可对表格所列的类目视情况增加，但不要删减，相关名称表述（不论是类目名称的表述还是事项名称表述）均应以国务院部门印发的指引中的表述为准，不应自行改动。",
    "对于二级事项，可以结合本地承担的行政权力事项、公共服务事项以及社会公众关注热点等，对二级事项进行细化和完善。",
  ].join("\n"));
  const NUMBER = hit("(二) 标准目录编制 > 1. 序号的编写", "1. 序号的编写\n注：序号为对应二级事项产生的编号。");

  it.each([
    {
      name: "gets a sentence for each part, though the first part's words fill the best passage",
      question: "模板上的类目一共多少列，表头怎么补全，序号那一列也得填吗",
      quoted: "注：序号为对应二级事项产生的编号。 [2]",
    },
  ])("$name", ({ question, quoted }) => {
    const terms = tokenize(question.replace(/[，？]/g, " "));
    const a = extractiveAnswer(terms, [ADJUST, { ...NUMBER, score: 0.9 }], () => 1, { kind: "whether", question });
    expect(a.split("\n")).toContain(quoted);
    // the same words asked as one thing: the best sentences of all
    const one = "模板上的类目表头序号一共多少列怎么补全";
    expect(extractiveAnswer(tokenize(one), [ADJUST, { ...NUMBER, score: 0.9 }], () => 1, { kind: "whether", question: one })).not.toContain("序号");
  });
});

describe("a list item cut at ；", () => {
  // 第三十六条 as the regulation writes it: item (五) is one case in two clauses
  const ARTICLE = hit("第四章 依申请公开 > 第三十六条", [
    "第三十六条 对政府信息公开申请，行政机关根据下列情况分别作出答复：",
    "（四）经检索没有所申请公开信息的，告知申请人该政府信息不存在；",
    "（五）所申请公开信息不属于本行政机关负责公开的，告知申请人并说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式；",
  ].join("\n"));

  it("is quoted whole: its second clause is how the first is done", () => {
    const question = "申请的信息不归我们负责公开 怎么答复";
    const a = extractiveAnswer(tokenize(question), [ARTICLE], () => 1, { kind: "how", question });
    expect(a).toContain("说明理由；能够确定负责公开该政府信息的行政机关的，告知申请人该行政机关的名称、联系方式；");
  });
});

describe("a how-question answered by what the law has done", () => {
  // 第三十二条 as the regulation writes it
  const ARTICLE = hit("第四章 依申请公开 > 第三十二条", [
    "第三十二条 依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。",
    "第三方应当自收到征求意见书之日起15个工作日内提出意见。",
    "第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。",
  ].join("\n"));

  it("counts a sentence saying who decides under which rule (依照…规定) as how", () => {
    const question = "第三方逾期未提出意见的，行政机关应当如何处理";
    const terms = ["第三方", "逾期", "提出", "意见", "行政机关", "处理"];
    const a = extractiveAnswer(terms, [ARTICLE], () => 1, { kind: "how", question });
    expect(a.split("\n")[0]).toBe("第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。 [1]");
  });
});

describe("a blank template's column list", () => {
  const TEMPLATE = hit("(二) 标准目录编制", [
    "XX 领域基层政务公开标准目录模板",
    "| 序号 | 公开事项 | 公开对象 | 公开层级 |",
    "| --- | --- | --- | --- |",
    "|  | 一级事项 | 全社会 | 县级 |",
  ].join("\n"));
  const NOTE = hit("8. 公开对象的编写", "注：公开对象包括全社会及特定群体两类，公开对象为特定群体的，应写明具体群体。", { score: 0.9 });

  it("answers a question about the table's columns, not one about filling one column", () => {
    const one = extractiveAnswer(["公开", "对象", "特定", "群体"], [NOTE, TEMPLATE], () => 1, { kind: "how", question: "公开对象特定群体那一栏怎么写", column: true });
    expect(one).not.toContain("栏目：");
    const all = extractiveAnswer(["模板", "公开", "对象", "层级"], [TEMPLATE, NOTE], () => 1, { kind: "what", question: "模板有哪几列", column: true });
    expect(all.split("\n")[0]).toContain("模板栏目：序号、公开事项、公开对象、公开层级");
  });
});

describe("a slide explaining two columns in turn", () => {
  // the Yunnan slide merges the notes on 公开时限 and 公开主体 into one passage
  const SLIDE = hit("5. 公开时限的编写—6. 公开主体的编写", [
    "5. 公开时限的编写",
    "注：逐项明确各事项的法定公开时限，注明于事项发生或信息形成起XX个工作日内公开。",
    "6. 公开主体的编写",
    "注：可遵循“谁制作谁公开”的原则确定公开主体，可以是各事项具体行政主管部门。",
  ].join("\n"));
  const terms = ["公开", "主体", "公开主体", "填写"];
  const columnsNamed = (h: string) => ["公开时限", "公开主体"].filter((c) => h.includes(c));

  it("quotes the note under the asked column's heading, not the other column's", () => {
    const without = extractiveAnswer(terms, [SLIDE], () => 1, { kind: "how", question: "公开主体怎么填写", column: true, related: ["注："] });
    expect(without).toContain("法定公开时限");
    const a = extractiveAnswer(terms, [SLIDE], () => 1, { kind: "how", question: "公开主体怎么填写", column: true, related: ["注："], columns: ["公开主体"], columnsNamed });
    expect(a).toContain("谁制作谁公开");
    expect(a).not.toContain("法定公开时限");
  });
});

describe("a question on two columns", () => {
  const columnsNamed = (h: string) => ["公开主体", "公开层级", "公开对象"].filter((c) => h.includes(c));
  const SLIDE = hit("8. 公开对象的编写—10. 公开层级的编写", [
    "8. 公开对象的编写",
    "注：公开对象包括全社会及特定群体两类，公开对象为特定群体的，应写明具体群体。",
    "10. 公开层级的编写",
    "注：对应具体事项，标注出是“县（市、区）”、还是“镇乡（街道）”公开。",
  ].join("\n"));
  const OTHER = hit("怎样编制 > 权责清单", "权责清单的内容要素一般包含事项名称、设立依据、实施层级及权限、对应责任事项等，公开主体也在其中。", { score: 0.9 });
  const TEMPLATE = hit("格式模板", "备注：4.公开主体：是指制作、产生该类政务公开信息的行政机关名称。", { score: 0.8 });
  const terms = ["公开", "公开主体", "主体", "公开层级", "层级", "区别"];

  it("is answered by the note on each, a note known by its label as well as its heading", () => {
    const a = extractiveAnswer(terms, [SLIDE, OTHER, TEMPLATE], () => 1, { kind: "what", question: "公开主体跟公开层级有什么区别", column: true, columns: ["公开主体", "公开层级"], columnsNamed });
    expect(a).toContain("镇乡（街道）");
    expect(a).toContain("行政机关名称");
    expect(a).not.toContain("特定群体");
    const plain = extractiveAnswer(terms, [SLIDE, OTHER, TEMPLATE], () => 1, { kind: "what", question: "公开主体跟公开层级有什么区别", column: true });
    expect(plain).toContain("特定群体");
  });
});

describe("a template note labelled with another column", () => {
  const columnsNamed = (h: string) => ["公开主体", "公开渠道和载体"].filter((c) => h.includes(c));
  const NOTES = hit("格式模板", "备注：5.公开渠道和载体：县政府门户网站为信息发布第一平台，其余平台或场所可根据实际情况选择。\n\n备注：4.公开主体：是指制作、产生该类政务公开信息的行政机关名称。");
  it("is not quoted for a question on the column asked, though it shares the question's words (县政府)", () => {
    const terms = ["公开主体", "主体", "县政府", "政府办"];
    const a = extractiveAnswer(terms, [NOTES], () => 1, { kind: "whether", question: "公开主体写县政府办可不可以", column: true, columns: ["公开主体"], columnsNamed });
    expect(a).toContain("行政机关名称");
    expect(a).not.toContain("门户网站");
  });
});

describe("a bracketed note on a line of its own", () => {
  it("is quoted with the sentence before it, never as an answer of its own", () => {
    const text = "编制目录要因地制宜、实事求是，体现地区和领域特点，避免公开事项及标准“一刀切”。\n\n（责任单位：县政府有关部门，各乡镇人民政府）";
    const a = extractiveAnswer(["责任单位", "乡镇"], [hit("（二）编制基层政务公开事项标准目录。", text)], () => 1, { kind: "who", question: "乡镇的责任单位是谁" });
    expect(a).toContain("“一刀切”。（责任单位：县政府有关部门，各乡镇人民政府）");
    expect(a.split("\n").some((line) => /^（责任单位/.test(line))).toBe(false);
  });
});
