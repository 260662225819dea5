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

describe("the extractive answer", () => {
  it("quotes a sentence that continues another (但是…) after the sentence it continues", () => {
    // 第四十二条 as the regulation writes it: the exception shares more words with 收费 questions than the rule
    const h = hit("第四章 依申请公开 > 第四十二条", [
      "第四十二条 行政机关依申请提供政府信息，不收取费用。",
      "但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，行政机关可以收取信息处理费。",
    ].join("\n"));
    const a = extractiveAnswer(["申请", "公开", "信息", "收取"], [h], () => 1, { kind: "whether", question: "申请公开信息要收取费用吗" });
    expect(a.split("\n").map((l) => l.slice(0, 5))).toEqual(["第四十二条", "但是，申请"]);
  });

  it("quotes a sample catalogue row for a question about its own item only, not for a word of its other cells", () => {
    const table = hit("(一) 全面落实26个领域基层政务公开标准指引", [
      "| 序号 | 公开事项 | | 公开内容(要素) | 公开依据 | 公开时限 |",
      "| --- | --- | --- | --- | --- | --- |",
      "| 2 | 行政审批 | 食品生产经营许可证基本信息 | 生产经营者名称、许可证编号 | 《食品药品安全监管信息公开管理办法》 | 信息形成或变更之日起 20 个工作日内 |",
    ].join("\n"));
    const note = hit("8. 公开对象的编写", "注：公开对象包括全社会及特定群体两类，公开对象为特定群体的，应写明具体群体。");
    const other = extractiveAnswer(["公开", "对象", "特定", "群体"], [note, table], () => 1, { kind: "how", question: "公开对象特定群体怎么写" });
    expect(other).not.toContain("食品");
    const own = extractiveAnswer(["食品", "许可证", "信息", "时限"], [table, note], () => 1, { kind: "when", question: "食品许可证信息公开时限" });
    expect(own.split("\n")[0]).toContain("食品生产经营许可证基本信息");
    // 信息 is in the item too, but says little (it is in most passages): it does not make the row the answer
    const idf = (t: string) => ({ 主动: 3, 公开: 1, 信息: 1.7, 多久: 4 })[t] ?? 2;
    const article = hit("第三章 主动公开 > 第二十六条", "第二十六条 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。");
    const generic = extractiveAnswer(["主动", "公开", "信息", "多久"], [table, article], idf, { kind: "when", question: "主动公开的信息多久公开" });
    expect(generic).not.toContain("食品");
  });

  it("answers who issued a document from a passage that only names it, with its title, and only when that passage is the best", () => {
    const list = hit("13.社会救助领域、养老服务领域", "13.社会救助领域、养老服务领域\n民政部办公厅关于印发社会救助和养老服务领域基层政务公开标准指引的通知\nhttp://www.gov.cn/zhengce/content_5440600.htm");
    const faq = hit("其他", "部分省直部门已经制定了本领域省级标准指引，基层政府可查找参考社会救助领域的做法。");
    const terms = ["社会", "救助", "指引", "部门"];
    expect(extractiveAnswer(terms, [list, faq], () => 1, { kind: "who" }).split("\n")[0]).toBe("民政部办公厅关于印发社会救助和养老服务领域基层政务公开标准指引的通知 [1]");
    expect(extractiveAnswer(terms, [faq, list], () => 1, { kind: "who" })).not.toContain("民政部办公厅");
  });

  it("answers a whether-question with the regulation's decision (不予公开, 予以公开) as a norm", () => {
    // 第三十二条 as the regulation writes it: the decision sentence holds no 应当/可以
    const h = hit("第四章 依申请公开 > 第三十二条", [
      "第三十二条 依申请公开的政府信息公开会损害第三方合法权益的，行政机关应当书面征求第三方的意见。",
      "第三方应当自收到征求意见书之日起15个工作日内提出意见。",
      "第三方逾期未提出意见的，由行政机关依照本条例的规定决定是否公开。",
      "第三方不同意公开且有合理理由的，行政机关不予公开。",
      "行政机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。",
    ].join("\n"));
    const a = extractiveAnswer(["第三方", "不", "同意", "公开", "一定", "不能"], [h], () => 1, { kind: "whether", question: "第三方不同意公开 我们是不是就一定不能公开了" });
    expect(a.split("\n")[0]).toBe("第三方不同意公开且有合理理由的，行政机关不予公开。 [1]");
  });

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

  it("credits the documents' word for what the question says otherwise (身份证号 → 个人隐私)", () => {
    const h = hit("第十五条", "征地信息应通过村公示栏等渠道及时公开。\n涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。");
    const ask = { kind: "whether" as const, question: "征地公示里有身份证号能贴出去吗" };
    const terms = tokenize("征地公示身份证号贴出去");
    const idf = (t: string) => (["征地", "公示", "公开"].includes(t) ? 1 : 2); // rare words weigh more
    expect(extractiveAnswer(terms, [h], idf, ask).split("\n")[0]).toContain("征地信息");
    expect(extractiveAnswer(terms, [h], idf, { ...ask, related: tokenize("个人隐私 公开") }).split("\n")[0]).toContain("行政机关不得公开");
  });

  it("shows a table row with its column names, never bare", () => {
    const h = hit("附件1", "| 序号 | 公开事项 | 公开时限 |\n| --- | --- | --- |\n| 1 | 征地补偿方案 | 批准之日起20个工作日内 |");
    const a = extractiveAnswer(["征地", "补偿", "方案", "时限"], [h], () => 1, { kind: "when" });
    expect(a).toBe("公开事项：征地补偿方案；公开时限：批准之日起20个工作日内。 [1]");
  });

  it("matches a sample row on what its cells say, not on the column names every row carries", () => {
    const table = [
      "公开主体应写明具体单位名称，公开对象写全社会或具体的特定群体。",
      "示例：",
      "| 公开事项 | 公开时限 | 公开主体 | 公开对象 |",
      "| --- | --- | --- | --- |",
      "| 食品生产经营许可证基本信息 | 信息形成之日起20个工作日内 | 市场监管部门 | √ |",
    ].join("\n");
    const h = hit("示例", table);
    const ask = { kind: "how" as const, question: "公开主体和公开对象咋写" };
    expect(extractiveAnswer(tokenize("公开主体 公开对象 写"), [h], () => 1, ask)).not.toContain("食品生产");
    expect(extractiveAnswer(tokenize("食品生产经营许可证 公开"), [h], () => 1, { question: "食品生产经营许可证要公开啥" })).toContain("食品生产经营许可证基本信息");
  });

  it("answers a what-question on a list with the whole list, lead-in first", () => {
    const article = [
      "第五十条 政府信息公开工作年度报告应当包括下列内容：",
      "(一)行政机关主动公开政府信息的情况；",
      "(二)行政机关收到和处理政府信息公开申请的情况；",
      "(三)因政府信息公开工作被申请行政复议、提起行政诉讼的情况；",
    ].join("\n");
    const h = hit("第五十条", article);
    const a = extractiveAnswer(tokenize("年度报告 内容"), [h], () => 1, { kind: "what", question: "年度报告包括哪些内容" });
    expect(a.split("\n")[0]).toBe(`${article.replace(/\n/g, "")} [1]`);
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
  const ARTICLE_20 = [
    "第二十条 行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息：",
    "(五)办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果；",
    "(九)政府集中采购项目的目录、标准及实施情况；",
    "(十)重大建设项目的批准和实施情况；",
  ].join("\n");
  const ARTICLE_53 = [
    "第五十三条 行政机关违反本条例的规定，有下列情形之一的，由上一级行政机关责令改正；情节严重的，对负有责任的领导人员和直接责任人员依法给予处分；构成犯罪的，依法追究刑事责任：",
    "(一)不依法履行政府信息公开职能；",
    "(二)不及时更新公开的政府信息内容、政府信息公开指南和政府信息公开目录；",
  ].join("\n");
  const ARTICLE_15 = "第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。";
  const ARTICLE_29 = [
    "第二十九条 公民、法人或者其他组织申请获取政府信息的，应当向行政机关的政府信息公开工作机构提出，并采用包括信件、数据电文在内的书面形式。",
    "政府信息公开申请应当包括下列内容：",
    "(一)申请人的姓名或者名称、身份证明、联系方式；",
    "(二)申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；",
  ].join("\n");
  const SUMMARY = ["(三) 标准目录汇总",
    "县、乡两级标准目录编制完成后由县级政府统一汇总，并由县级政府审核后报上一级政府备案检查，并统一在县级政府门户网站上集中发布。汇总顺序：26个领域标准目录按责任清单顺序汇总和公开，随后公开各乡级公开事项清单。"].join("\n");
  const REQUIREMENTS = ["1. 全面编制政务公开事项标准目录要求",
    "(1) 基层政府要组织有关部门，认真对照国务院部门制定的26个试点领域标准指引和待制定的其他领域标准指引，结合本级政府权责清单和公共服务事项清单，全面梳理细化相关领域权力运行和政务服务全环节产生的政府信息。",
    "(3) 县、乡两级目录由县级政府汇总审核后报上一级政府备案检查，并统一在县级政府门户网站上集中发布。基层政府有关部门(单位)要严格对照目录，通过适当的公开载体和渠道及时主动公开有关政府信息。",
    "(4) 省直对口部门要积极对接国务院部门，会同各州、市人民政府督促指导基层政府持续抓好26个试点领域及其他领域政务公开事项标准目录的编制落实工作。"].join("\n");
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
    {
      name: "the lead comes from passage [1] when it shares a word with the question, though [2] has the kind of sentence asked for",
      passages: [["第二章 公开的主体和范围 > 第十五条", ARTICLE_15], ["第四章 依申请公开 > 第二十九条", ARTICLE_29]],
      terms: ["名单", "身份", "身份证", "隐私", "算不算"],
      ask: { kind: "what" as const, question: "名单里有身份证号算不算隐私" },
      first: "第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。 [1]",
    },
    {
      name: "the kind asked for multiplies a sentence's word evidence: sentences naming a department (who) that share one word do not push out the one about the question",
      passages: [["四、基层政务公开事项标准目录编制 > (三) 标准目录汇总", SUMMARY], ["(二) 重点介绍标准目录编制及公开要求 > 1. 全面编制政务公开事项标准目录要求", REQUIREMENTS]],
      terms: ["县乡", "两级", "目录", "汇总", "排", "前面", "后面"],
      ask: { kind: "who" as const, question: "县乡两级目录汇总的时候谁排前面谁排后面" },
      contains: "汇总顺序：26个领域标准目录按责任清单顺序汇总和公开",
    },
    {
      name: "a table row holding less than half of the question competes like a sentence with the items of an article",
      passages: [["第三章 主动公开 > 第二十条", ARTICLE_20], ["", TABLE]],
      terms: ["重大", "大项", "项目", "重大项目", "办理", "过程", "信息", "公开", "些"],
      ask: { kind: "other" as const, question: "重大项目的办理过程信息要公开些什么" },
      contains: "公开内容（要素）：事项名称、事项办理部门、办理进展等",
    },
    {
      name: "a list's lead-in is its whole sentence, the clauses before the colon included",
      passages: [["第五章 监督和保障 > 第五十三条", ARTICLE_53]],
      terms: ["不", "规定", "公开", "上头", "处理", "追究", "责任"],
      ask: { kind: "whether" as const, question: "不按规定公开上头会咋处理，追究责任不" },
      first: `${ARTICLE_53.split("\n")[0]}(一)不依法履行政府信息公开职能； [1]`,
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

  it("picks the item of a list that the written question the passage matched through was written for", () => {
    const items = [
      "第三十六条 对政府信息公开申请，行政机关根据下列情况分别作出答复：",
      "(一)所申请公开信息已经主动公开的，告知申请人获取该政府信息的方式、途径；",
      "(四)经检索没有所申请公开信息的，告知申请人该政府信息不存在；",
      "(六)行政机关已就申请人提出的政府信息公开申请作出答复、申请人重复申请公开相同政府信息的，告知申请人不予重复处理；",
    ].join("\n");
    const written = hit("第四章 依申请公开 > 第三十六条", items, { questionMatch: 0.5, asked: ["重复", "申请", "处理"] });
    const ask = { kind: "other" as const, question: "有人老来申请信息咋弄" };
    const first = (h: Hit) => extractiveAnswer(["申请", "信息"], [h], () => 1, ask).split("\n")[0];
    expect(first(written)).toContain("(六)");
    expect(first({ ...written, asked: undefined })).not.toContain("(六)");
  });

  it("answers which columns a blank template has with its column names", () => {
    const h = hit("基层政务公开事项标准目录编制工作台账", ["附件 2", "填报单位（市级政务公开主管部门）：",
      "| 基层单位 | 工作进度 |  | 联系人 | 联系方式 |", "| --- | --- | --- | --- | --- |", "|  | 上月完成工作事项 | 本月工作计划 |  |  |",
      "填报人及联系方式："].join("\n"));
    const a = extractiveAnswer(["台账", "工作", "进度"], [h], () => 1, { kind: "what", question: "台账要填哪些栏" });
    expect(a).toBe("表格栏目：基层单位、工作进度、联系人、联系方式、上月完成工作事项、本月工作计划。 [1]");
  });

  it("leads a yes-or-no question with the passage's sentence, not its row of checkboxes", () => {
    const h = hit("7. 公开渠道和载体编写", ["公开渠道和载体：☑ 政府网站、☐ 政府公报、☐ 两微一端、☐ 社区/企事业单位/村公示栏(电子屏)、☐ 其他_____。",
      "注：根据法律法规及事项特点、群众需求，选择具有针对性的公开渠道，如有特殊渠道和载体的，可在“其他”中写明。"].join("\n"));
    const terms = ["公开", "渠道", "公示栏", "村"];
    expect(extractiveAnswer(terms, [h], () => 1, { kind: "whether", question: "公开渠道只写村公示栏中不中" }).split("\n")[0]).toMatch(/^注：根据法律法规/);
    // asked what to write, the options are the answer
    expect(extractiveAnswer(terms, [h], () => 1, { kind: "what", question: "公开渠道能写哪些" }).split("\n")[0]).toMatch(/^公开渠道和载体：☑/);
  });

  it("leaves a blank template's numbered placeholder rows out of its column names", () => {
    const h = hit("标准目录编制", ["XX 领域基层政务公开标准目录模板", "",
      "| 序号 | 公开事项 |  | 公开时限 | 公开主体 | 公开对象 |  |", "| --- | --- | --- | --- | --- | --- | --- |", "|  | 一级事项 | 二级事项 |  |  | 全社会 | 特定群体 |",
      "| 1 | 事项大类 1 | 事项 1.1 名称 |  |  |  |  |", "| 2 |  | ... |  |  |  |  |"].join("\n"));
    const a = extractiveAnswer(["公开", "事项", "时限"], [h], () => 1, { kind: "what", question: "模板有哪些栏目" });
    expect(a).toBe("XX 领域基层政务公开标准目录模板栏目：序号、公开事项、公开时限、公开主体、公开对象、一级事项、二级事项、全社会、特定群体。 [1]");
  });

  it.each([
    { kind: "when" as const, question: "政府信息公开条例是哪年改的", quoted: true },
    { kind: "what" as const, question: "政府信息公开条例讲什么", quoted: false },
  ])("a line sharing no word with the question is quoted only as the kind asked for: $question", ({ kind, question, quoted }) => {
    const dates = "2007年4月5日 中华人民共和国国务院令第492号公布\n2019年4月3日 中华人民共和国国务院令第711号修订\n2019年5月15日 施行";
    const h = hit("", dates);
    h.chunk.title = "中华人民共和国政府信息公开条例";
    const article = hit("第二章 > 第十三条", "第十三条 除本条例第十四条、第十五条、第十六条规定的政府信息外，政府信息应当公开。");
    const a = extractiveAnswer(["政府", "信息", "公开", "条例"], [h, article], () => 1, { kind, question });
    expect(a.includes("第711号修订")).toBe(quoted);
  });

  it("answers a how-question with the sentence saying by what means", () => {
    const h = hit("四、管理规范 > （七）历史征地信息处理。", [
      "本标准指引自2019年8月1日起施行。",
      "此前受理的土地征收申请形成的信息和历史形成的征地信息，可通过系统升级，转移到新的平台。",
      "历史征地信息尚未公开的，按有关规定通过依申请公开等方式提供。",
    ].join("\n"));
    const other = hit("第五章 监督和保障 > 第四十七条", "第四十七条 政府信息公开工作主管部门应当加强对政府信息公开工作的日常指导和监督检查。");
    // the official's words (以前征的地) are not the document's: only 信息 and 公开 match
    const a = extractiveAnswer(["信息", "公开"], [h, other], () => 1, { kind: "how", question: "以前征的地信息一直没公开过怎么办" });
    expect(a.split("\n")[0]).toBe("历史征地信息尚未公开的，按有关规定通过依申请公开等方式提供。 [1]");
  });

  it("reads a bullet list that lost its line breaks as a list, and never quotes a table of contents", () => {
    const standards = hit("2. 云南省试点情况", "2. 云南省试点情况\n- YNGK 001 政务公开管理制度- YNGK 012 食品药品监管事项公开信息分类和目录- YNGK 013 食品药品监管事项公开规范");
    const contents = hit("目录", "6. 财政部关于印发财政预算决算领域基层政务公开标准指引的通知（财办发〔2019〕77号）……………（82）");
    const a = extractiveAnswer(["食品药品", "监管", "规范", "财政"], [standards, contents], () => 1, { kind: "what", question: "云南的食品药品监管规范有哪些" });
    expect(a).toBe("YNGK 001 政务公开管理制度、YNGK 012 食品药品监管事项公开信息分类和目录、YNGK 013 食品药品监管事项公开规范。 [1]");
  });
});
