import { describe, expect, it } from "vitest";
import { extractiveAnswer } from "../../src/knowledge/extractive.js";
import type { Chunk } from "../../src/knowledge/ingest.js";
import type { Hit } from "../../src/knowledge/retrieve.js";

const hit = (section: string, text: string, extra: Partial<Hit> = {}): Hit => ({
  chunk: { id: "d#0", doc: "d", title: "T", kind: "training", section, text } as Chunk,
  score: 1,
  coverage: 0.5,
  questionMatch: 0,
  ...extra,
});

describe("the extractive answer", () => {
  it("answers a whether-question with the normative sentence", () => {
    const h = hit("5. 公开时限的编写", "5. 公开时限的编写\n公开时限是目录的一栏，各地写法较多。公开时限应当写明具体的工作日数，不得只写及时公开。");
    const a = extractiveAnswer(["公开", "时限", "及时"], [h], () => 1, { kind: "whether" });
    expect(a.split("\n")[0]).toContain("不得只写及时公开");
  });

  it("answers a when-question with the sentence holding the deadline", () => {
    const h = hit("第二十六条", "第二十六条 属于主动公开范围的政府信息，应当及时公开。应当自该政府信息形成或者变更之日起20个工作日内予以公开。");
    const a = extractiveAnswer(["主动", "公开", "信息"], [h], () => 1, { kind: "when" });
    expect(a.split("\n")[0]).toContain("20个工作日内");
  });

  it("never answers a how-to question with a notice line carrying a person's phone number", () => {
    const h = hit("四、保障措施", "四、保障措施\n联系人：张三，电话：0715-1234567，请公开主体按时填写报送。\n各单位要明确公开主体，按照模板填写目录。");
    const a = extractiveAnswer(["公开", "主体", "填写"], [h], () => 1, { kind: "how", question: "公开主体怎么填写" });
    expect(a).not.toMatch(/1234567/);
    expect(a).toContain("按照模板填写目录");
  });

  it("shows a table row with its column names, never bare", () => {
    const h = hit("附件1", "| 序号 | 公开事项 | 公开时限 |\n| --- | --- | --- |\n| 1 | 征地补偿方案 | 批准之日起20个工作日内 |");
    const a = extractiveAnswer(["征地", "补偿", "方案", "时限"], [h], () => 1, { kind: "when" });
    expect(a).toBe("公开事项：征地补偿方案；公开时限：批准之日起20个工作日内。 [1]");
  });

  it("quotes an FAQ's official answer whole when its question matches", () => {
    const h = hit("怎样编制 > 依据要写条款吗？", "依据要写条款吗？\n公开依据只需列出法规名称，不需给出具体条款。", { questionMatch: 0.8 });
    h.chunk.question = "依据要写条款吗？";
    expect(extractiveAnswer(["依据", "条款"], [h])).toBe("公开依据只需列出法规名称，不需给出具体条款。 [1]");
  });

  // Passages as the documents write them: what the answer must quote, and what it never quotes alone.
  const ARTICLE_36 = [
    "第三十六条 对政府信息公开申请，行政机关根据下列情况分别作出答复：",
    "(一)所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径；",
    "(三)行政机关依据本条例的规定决定不予公开的，告知申请人不予公开并说明理由；",
    "(四)经检索没有所申请公开信息的，告知申请人该政府信息不存在；",
  ].join("\n");
  const TASKS = [
    "1. 国办发〔2019〕54号文件发布",
    "12月26日，国务院办公厅印发《关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号），对推进基层政务公开标准化规范化工作作出安排部署。",
    "国办发〔2019〕54号",
    "就全面推进基层政务公开标准化规范化工作提出八项主要任务：",
    "一是基层政府要对照国务院部门制定的26个试点领域基层政务公开标准指引，全面梳理细化相关领域政务公开事项，于2020年底前编制完成本级政务公开事项标准目录，实行政务过程和结果全公开。",
    "二是国务院部门要参照试点做法，结合本部门主要职责，确定涉及基层政务公开的其他领域，于2021年底前编制完成相关领域基层政务公开标准指引。",
  ].join("\n");
  const CHANNELS = ["7. 公开渠道和载体编写", "公开渠道和载体", "- 政府网站", "- 政府公报", "- 两微一端", "- 社区/企事业单位/村公示栏(电子屏)", "- 其他_____",
    "注：根据法律法规及事项特点、群众需求，选择具有针对性的公开方式在表格选项中以 标出，如有特殊渠道和载体的，可在“其他”中写明。"].join("\n");
  const STANDARD = ["(二) 标准化的定义和作用", "● 标准的定义", "GB/T 20000.1-2014的5.3条",
    "标准：通过标准化活动，按照规定的程序经协商一致制定，为各种活动或其结果提供规则、指南或特性，供共同使用和重复使用的文件。"].join("\n");
  const NOTICE = ["3.重大建设项目领域", "国家发展改革委办公厅关于印发《重大建设项目领域基层政务公开标准指引》的通知",
    "https://www.ndrc.gov.cn/xxgk/zcfb/tz/201907/t20190704_962473.html"].join("\n");
  const TABLE = ["| 序号 | 公开事项<br>二级事项 | 公开内容（要素） | 公开时限 |", "| --- | --- | --- | --- |", "| 2 | 办理过程信息 | 事项名称、事项办理部门、办理进展等 | 及时公开 |"].join("\n");

  it.each([
    {
      name: "a list item is quoted with its lead-in, the item that matches the question",
      passages: [["第四章 依申请公开 > 第三十六条", ARTICLE_36]],
      terms: ["申请", "信息", "答复"],
      ask: { kind: "how" as const, question: "申请的信息我们没有怎么答复" },
      first: "第三十六条 对政府信息公开申请，行政机关根据下列情况分别作出答复：(四)经检索没有所申请公开信息的，告知申请人该政府信息不存在； [1]",
    },
    {
      name: "a lead-in that answers how many is quoted with an item; a document number is never quoted",
      passages: [["(三) 全面部署推进阶段 > 1. 国办发〔2019〕54号文件发布", TASKS]],
      terms: ["国办", "54", "主要", "任务"],
      ask: { kind: "what" as const, question: "国办54号文一共布置了几项主要任务" },
      contains: "提出八项主要任务：一是",
      never: /^国办发〔2019〕54号 \[1\]$/m,
    },
    {
      name: "short bullets are one list, read with the caption above them",
      passages: [["(二) 标准目录编制 > 7. 公开渠道和载体编写", CHANNELS]],
      terms: ["公开", "渠道", "载体", "选项"],
      ask: { kind: "what" as const, question: "公开渠道和载体有哪些选项" },
      first: "公开渠道和载体：政府网站、政府公报、两微一端、社区/企事业单位/村公示栏(电子屏)、其他_____。 [1]",
    },
    {
      name: "a slide's caption lines stay with the sentence they caption",
      passages: [["(二) 标准化的定义和作用", STANDARD]],
      terms: ["标准", "定义", "条款"],
      ask: { kind: "what" as const, question: "标准的定义出自哪个条款" },
      first: "标准的定义，GB/T 20000.1-2014的5.3条：标准：通过标准化活动，按照规定的程序经协商一致制定，为各种活动或其结果提供规则、指南或特性，供共同使用和重复使用的文件。 [1]",
    },
    {
      name: "a notice's title, heading and link are never the answer; a table row of the next passage is",
      passages: [["3.重大建设项目领域", NOTICE], ["", TABLE]],
      terms: ["重大项目", "办理", "过程", "信息", "公开"],
      ask: { kind: "what" as const, question: "重大项目的办理过程信息要公开什么" },
      first: "公开事项、二级事项：办理过程信息；公开内容（要素）：事项名称、事项办理部门、办理进展等；公开时限：及时公开。 [2]",
      never: /通知|https?:|^3\.重大/m,
    },
  ])("$name", ({ passages, terms, ask, first, contains, never }) => {
    const hits = passages.map(([section, text], i) => ({ ...hit(section!, text!), score: 1 - i / 10 }));
    const a = extractiveAnswer(terms, hits, () => 1, ask);
    if (first) expect(a.split("\n")[0]).toBe(first);
    if (contains) expect(a).toContain(contains);
    if (never) expect(a).not.toMatch(never);
    expect(a.split("\n").length).toBeLessThanOrEqual(3);
  });

  it("never quotes a lead-in whose list is missing", () => {
    const h = hit("2. 云南省试点情况", "分三个阶段介绍：\n云南省6个试点县市完成了27项标准规范。");
    expect(extractiveAnswer(["试点", "阶段", "标准"], [h], () => 1, { kind: "what" })).toBe("云南省6个试点县市完成了27项标准规范。 [1]");
  });

  it("does not quote a long FAQ answer whole: its sentences compete like any passage's", () => {
    const q = "关于事项设立依据这一栏，是否需要把具体条款也列入？";
    const faq = hit(`怎样编制 > ${q}`, [q,
      "一、基层政务公开事项标准目录中并无“事项设立依据”这一栏，需要列入法律法规等的类目为“公开依据”，而非“事项设立依据”。",
      "二、对于是否把所有涉及的法律法规及规范性文件都列入目录，国务院相关部门印发的26个领域标准指引做法不一。",
      "基层政府编制目录时，可按照相关领域标准指引的做法，结合本地实际补充本地相关法规政策。",
      "三、公开依据只需列出履行对应事项所依据的法规政策，不需给出具体条款。"].join("\n"), { questionMatch: 0.9 });
    faq.chunk.question = q;
    const a = extractiveAnswer(["公开", "依据", "条款"], [faq], () => 1, { kind: "whether", question: "公开依据要写具体条款吗" });
    expect(a.split("\n").length).toBeLessThanOrEqual(3);
    expect(a.split("\n")[0]).toBe("三、公开依据只需列出履行对应事项所依据的法规政策，不需给出具体条款。 [1]");
  });

  it("answers which columns a blank template has with its column names", () => {
    const h = hit("基层政务公开事项标准目录编制工作台账", ["附件 2", "填报单位（市级政务公开主管部门）：",
      "| 基层单位 | 工作进度 |  | 联系人 | 联系方式 |", "| --- | --- | --- | --- | --- |", "|  | 上月完成工作事项 | 本月工作计划 |  |  |",
      "填报人及联系方式："].join("\n"));
    const a = extractiveAnswer(["台账", "工作", "进度"], [h], () => 1, { kind: "what", question: "台账要填哪些栏" });
    expect(a).toBe("表格栏目：基层单位、工作进度、联系人、联系方式、上月完成工作事项、本月工作计划。 [1]");
  });
});
