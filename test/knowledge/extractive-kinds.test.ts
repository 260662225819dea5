import { describe, expect, it } from "vitest";
import { definitionOf, holdsKind } from "../../src/knowledge/answer-kinds.js";
import type { QueryReading } from "../../src/knowledge/query-understanding.js";
import { extractiveAnswer } from "../../src/knowledge/extractive.js";
import type { Chunk } from "../../src/knowledge/ingest.js";
import type { Hit } from "../../src/knowledge/retrieve.js";

const hit = (section: string, text: string, extra: Partial<Hit> = {}, chunk: Partial<Chunk> = {}): Hit => ({
  chunk: { id: "d#0", doc: "d", title: "T", kind: "training", section, text, ...chunk } as Chunk,
  score: 1,
  coverage: 0.5,
  questionMatch: 0,
  ...extra,
});

describe("whether an answer holds what its question asks for", () => {
  it.each([
    ["when", "应当自收到申请之日起20个工作日内予以答复。", true],
    ["when", "应当在二十个工作日内公开。", true],
    ["when", "应通过政府网站、村公示栏等渠道，及时主动公开。", false],
    ["whether", "应通过政府网站、村公示栏等渠道，及时主动公开。", true],
  ] as const)("%s: %s → %s", (kind, answer, holds) => {
    expect(holdsKind(kind, answer)).toBe(holds);
  });

  it.each([
    ["年度报告要在网站上挂多长时间", "县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交年度报告。", false],
    ["征地公示要贴多久", "公示期不少于10个工作日。", true],
    ["公示几天", "公示期为7天。", true],
    // the deadline for putting it up (20个工作日内) is not how long it stays up
    ["公示几天", "应当自该政府信息形成之日起20个工作日内予以公开。", false],
    ["扶贫项目要公示多久", "应当自该政府信息形成或者变更之日起20个工作日内及时公开。", false],
  ] as const)("a how-long-it-stays question %s holds a span: %s → %s", (question, answer, holds) => {
    expect(holdsKind("when", answer, { question })).toBe(holds);
  });

  it.each([
    ["两微一端是什么意思", "模板栏目：序号、公开渠道和载体、政府网站、两微一端、发布会/听证会。", false],
    ["五公开是什么意思", "推进决策、执行、管理、服务、结果公开（以下统称“五公开”）是重要改革任务。", true],
    ["过程性信息指什么", "讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开。", true],
    ["一级事项是啥意思", "一级事项：即公开事项的类别。", true],
    ["两微一端能不能算公开渠道", "模板栏目：政府网站、两微一端。", true],
    // two words asked together are answered by the definition of the first
    ["标准化规范化到底什么意思", "标准化是指为了在既定范围内获得最佳秩序的活动。", true],
    ["标准化规范化到底什么意思", "推进基层政务公开标准化规范化工作。", false],
    // an item of a sequence, a task or a goal is pointed at, not defined
    ["编目录第一步是什么", "成立工作领导小组，明确有关部门和人员的职责。", true],
    ["33号文的第一项任务是什么", "全面梳理政务公开事项。", true],
    ["最后一步是什么", "县级政府汇总审核后报上一级政府备案检查。", true],
  ] as const)("a what-it-means question %s holds a definition: %s → %s", (question, answer, holds) => {
    expect(holdsKind("what", answer, { question })).toBe(holds);
  });

  it("takes a fourth passage's sentence when the first has nothing to quote", () => {
    const hits = [hit("指引", "附件一"), hit("意义", "做好这项工作意义重大，关系和谐稳定。"), hit("背景", "这是全国推行的一项重要改革举措。"), hit("主动公开", "征地信息生成后，应通过村公示栏等渠道及时主动公开。")];
    expect(extractiveAnswer(["征地", "公示栏"], hits, () => 1, { kind: "whether" })).toContain("应通过村公示栏等渠道及时主动公开");
    // …and none when the first has one
    const first = [hit("公示", "征地公示栏要设在村里显眼的地方。"), ...hits.slice(1)];
    expect(extractiveAnswer(["征地", "公示栏"], first, () => 1, { kind: "whether" })).not.toContain("及时主动公开");
  });

  it("answers a where-question with the sentence naming the place or channel", () => {
    const h = hit("标准目录要求", "基层政府要组织有关部门编好标准目录，动态管理、及时发布。标准目录和相关事项公开内容通过县级政府网站及时发布。");
    const a = extractiveAnswer(["目录", "编好", "发布"], [h], () => 1, { kind: "where", question: "目录编好了在哪发布" });
    expect(a.split("\n")[0]).toBe("标准目录和相关事项公开内容通过县级政府网站及时发布。 [1]");
  });

  it("takes a catalogue column as explained by the notes on filling it", () => {
    const note = "注：对应具体事项，标注出是“县（市、区）”、还是“镇乡（街道）”公开。";
    expect(holdsKind("what", note, { question: "公开层级是啥意思" })).toBe(false);
    expect(holdsKind("what", note, { question: "公开层级是啥意思", column: true })).toBe(true);
  });
});

describe("an official answer quoted whole", () => {
  it("quotes an FAQ's official answer whole when its question matches", () => {
    const h = hit("怎样编制 > 依据要写条款吗？", "依据要写条款吗？\n公开依据只需列出法规名称，不需给出具体条款。", { questionMatch: 0.8 });
    h.chunk.question = "依据要写条款吗？";
    expect(extractiveAnswer(["依据", "条款"], [h])).toBe("公开依据只需列出法规名称，不需给出具体条款。 [1]");
  });

  it("does not quote an FAQ's answer whole when its question is only related to the one asked", () => {
    const q = "基层政务公开事项标准目录公开后，目录信息是否需要更新？";
    const faq = hit(`怎样公开 > ${q}`, `${q}\n基层政府应建立健全基层政务公开事项标准目录日常维护和动态调整机制，结合各领域新任务、新要求、新政策以及机构、职能调整情况，及时对事项目录进行调整完善。`, { questionMatch: 0.7 });
    faq.chunk.question = q;
    const article = hit("第二章 公开的主体和范围 > 第十四条", "依法确定为国家秘密的政府信息，法律、行政法规禁止公开的政府信息，以及公开后可能危及国家安全、公共安全、经济安全、社会稳定的政府信息，不予公开。");
    const a = extractiveAnswer(["不用", "公开"], [faq, article], () => 1, { kind: "what", question: "哪些不用公开" });
    expect(a).toContain("依法确定为国家秘密的政府信息");
  });

  it("does not quote an FAQ's answer whole when retrieval ranks another passage first", () => {
    const summary = hit("四、基层政务公开事项标准目录编制 > (三) 标准目录汇总", "(三) 标准目录汇总\n县、乡两级标准目录编制完成后由县级政府统一汇总，并由县级政府审核后报上一级政府备案检查，并统一在县级政府门户网站上集中发布。");
    const q = "全面梳理出 26 个领域基层政务公开事项标准目录后如何展示？";
    const faq = hit(`怎样公开 > ${q}`, `${q}\n基层政府编制完成本级基层政务公开事项标准目录后，应当充分用好政府网站、政务新媒体、政务公开栏等基层政务公开平台，结合实际多渠道予以公开。`, { questionMatch: 0.9 });
    faq.chunk.question = q;
    const a = extractiveAnswer(["目录", "编完", "审核", "政务", "公开"], [summary, faq], () => 1, { kind: "who", question: "目录编完了谁审核" });
    expect(a.split("\n")[0]).toBe("县、乡两级标准目录编制完成后由县级政府统一汇总，并由县级政府审核后报上一级政府备案检查，并统一在县级政府门户网站上集中发布。 [1]");
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

  const question = "标准目录编制完成后如何展示？";
  const faq = hit(question, `${question}基层政府编制完成本级标准目录后，应当充分用好政府网站等平台，结合实际多渠道予以公开。`, { questionMatch: 0.9 }, { kind: "faq", question });
  const notice = hit("时间节点", "2020年10月底前，基层政府要编制完成本级政务公开事项标准目录。", {}, { id: "n#0", doc: "n" });
  const terms = ["标准", "目录", "编制", "完成"];

  it("is quoted for the question it answers", () => {
    expect(extractiveAnswer(terms, [faq, notice], () => 1, { kind: "how", question: "标准目录编制完成后怎么展示" })).toMatch(/^基层政府编制完成本级标准目录后.*\[1\]$/);
  });

  it("is not quoted whole when it lacks what the question asks (a date): the date leads from another passage", () => {
    const a = extractiveAnswer(terms, [faq, notice], () => 1, { kind: "when", question: "标准目录什么时候要编制完成" });
    expect(a).toContain("2020年10月底前");
  });
});

describe("a norm", () => {
  it("is 应 as ought, not 应 inside 回应: a whether-question is not led by a sentence about responding", () => {
    const h = hit("健全解读回应工作机制", "认真落实政策解读方案、解读材料与政策文件同步组织、同步审签、同步部署工作机制。对政策解读中出现的误解疑虑，要及时回应、解疑释惑。");
    const a = extractiveAnswer(["政策", "解读", "文件", "一起"], [h], () => 1, { kind: "whether", question: "政策解读要跟文件一起发吗", related: ["同步"] });
    expect(a.split("\n")[0]).toContain("同步组织");
  });
});

describe("a question doubting an absolute", () => {
  const article = hit("第十五条", "第十五条 涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。但是，第三方同意公开或者行政机关认为不公开会对公共利益造成重大影响的，予以公开。");
  const other = hit("第三十七条", "第三十七条 申请公开的信息中含有个人隐私，但是能够作区分处理的，行政机关应当向申请人提供可以公开的政府信息内容。");

  it("is answered by the rule with its exception", () => {
    expect(extractiveAnswer(["隐私", "一律"], [article, other], () => 1, { kind: "whether", question: "隐私一律不能公开对吧" })).toContain("第三方同意公开");
  });

  it("a plain whether-question is not given the exception unless it is asked", () => {
    const plain = extractiveAnswer(["隐私"], [article, other], () => 1, { kind: "whether", question: "隐私能公开吗" });
    expect(plain).toContain("不得公开");
  });
});

describe("a question how long until something is due", () => {
  const guideline = hit("城乡规划", "本指引所称城乡规划领域，包含城市规划、镇规划、乡规划和村庄规划。新的国土空间规划批复后，将不再编制和审批相对应的城乡规划。");
  const article = hit("第二十六条", "第二十六条 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。", {}, { doc: "reg" });

  it("is led by a period when the best passage states none", () => {
    const answer = extractiveAnswer(["城乡规划", "规划", "公开"], [guideline, article], () => 1, { kind: "when", question: "城乡规划批了以后多长时间得公开" });
    expect(answer.split("\n")[0]).toContain("20个工作日内");
  });

  it("how often (多久更新一次) is no period to look for elsewhere", () => {
    const answer = extractiveAnswer(["城乡规划", "规划", "公开"], [guideline, article], () => 1, { kind: "when", question: "城乡规划多久公开一次" });
    expect(answer.split("\n")[0]).not.toContain("20个工作日内");
  });
});

describe("a question how to fill a column named beside a matter", () => {
  const notice = hit("通知", "我们编制了《国有土地上房屋征收与补偿领域基层政务公开标准目录》，请结合实际抓好落实。\n\n中华人民共和国住房和城乡建设部办公厅，2019年11月4日");
  const note = hit("5. 公开时限的编写", "注：逐项明确各事项的法定公开时限，注明于事项发生或信息形成起XX个工作日内公开。");
  const columnsNamed = (text: string) => (text.includes("公开时限") ? ["公开时限"] : []);

  it("is led by the note on the column, and a notice's closing date is no answer to it", () => {
    const answer = extractiveAnswer(["国有", "土地", "国有土地", "房屋", "征收", "决定", "公开", "时限"], [notice, note], () => 1, {
      kind: "when",
      question: "国有土地上房屋征收决定公开时限",
      column: true,
      fill: true,
      columns: ["公开时限"],
      columnsNamed,
    });
    expect(answer.split("\n")[0]).toContain("法定公开时限");
    expect(answer).not.toContain("2019年11月4日");
  });

  it("a notice's closing line answers when it was issued only", () => {
    const terms = ["住房", "城乡", "建设部", "办公厅", "通知"];
    expect(extractiveAnswer(terms, [notice], () => 1, { kind: "what", question: "住房城乡建设部办公厅的通知讲了啥" })).not.toContain("2019年11月4日");
    expect(extractiveAnswer(terms, [notice], () => 1, { kind: "when", question: "住房城乡建设部办公厅的通知是哪天发的" })).toContain("2019年11月4日");
  });
});

describe("passages defining the word a question asks the meaning of", () => {
  const reading = (text: string) =>
    ({ original: text, text, corrections: [], concepts: [], named: [], meant: [], everyday: [], columns: [], kind: "what", howToFill: false }) as QueryReading;
  const definition = "标准化是指为了在既定范围内获得最佳秩序，促进共同效益。";

  it.each([
    ["标准化规范化到底什么意思", ["标准化", "规范化"], true],
    ["什么叫标准化", ["标准化"], true],
    ["标准化是什么", ["标准化"], true],
    // the goal of the work is asked, not what 标准化 means
    ["标准化规范化工作的总体目标是什么", ["标准化", "规范化", "工作", "总体", "目标"], false],
  ])("%s → defines 标准化: %s", (text, tokens, defined) => {
    expect(definitionOf(reading(text), tokens)?.(definition) ?? false).toBe(defined);
  });

  it("is asked only by a what-question", () => {
    expect(definitionOf({ ...reading("标准化是什么意思"), kind: "how" }, ["标准化"])).toBeUndefined();
  });
});
