import { describe, expect, it } from "vitest";
import { extractiveAnswer, holdsKind } from "../../src/knowledge/extractive.js";
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
    // an item of a sequence, a task or a goal is pointed at, not defined
    ["编目录第一步是什么", "成立工作领导小组，明确有关部门和人员的职责。", true],
    ["33号文的第一项任务是什么", "全面梳理政务公开事项。", true],
    ["最后一步是什么", "县级政府汇总审核后报上一级政府备案检查。", true],
  ] as const)("a what-it-means question %s holds a definition: %s → %s", (question, answer, holds) => {
    expect(holdsKind("what", answer, { question })).toBe(holds);
  });

  it("takes a catalogue column as explained by the notes on filling it", () => {
    const note = "注：对应具体事项，标注出是“县（市、区）”、还是“镇乡（街道）”公开。";
    expect(holdsKind("what", note, { question: "公开层级是啥意思" })).toBe(false);
    expect(holdsKind("what", note, { question: "公开层级是啥意思", column: true })).toBe(true);
  });
});

describe("an official answer quoted whole", () => {
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
