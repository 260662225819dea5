import { describe, expect, it } from "vitest";
import type { Chunk } from "../../src/knowledge/ingest.js";
import { asksIfDisclosed, catalogueDeadlineRanker, catalogueDutyRanker, disclosureListRanker, fieldItemsRanker, proactiveScopeRanker } from "../../src/knowledge/topic-rankers.js";
import { meaningRanker } from "../../src/knowledge/meaning-ranker.js";
import { columnExplainers, fuse, columnNamer, overlap, type Query, type Ranker } from "../../src/knowledge/rankers.js";
import type { QueryReading } from "../../src/knowledge/query-understanding.js";

describe("rank fusion", () => {
  it("adds weight / (k + rank) per ranking, whatever the order of the rankings", () => {
    const a = { weight: 1, ranked: [{ id: 7 }, { id: 3 }] };
    const b = { weight: 0.5, ranked: [{ id: 3 }] };
    const fused = fuse([a, b], 10);
    expect(fused.get(7)).toBeCloseTo(1 / 11);
    expect(fused.get(3)).toBeCloseTo(1 / 12 + 0.5 / 11);
    expect([...fuse([b, a], 10)].sort()).toEqual([...fused].sort());
  });

  it("weighs the query's words by IDF when measuring how much of it a passage holds", () => {
    const idf = (t: string) => (t === "时限" ? 3 : 1);
    expect(overlap(["时限", "公开"], new Set(["时限"]), idf)).toBeCloseTo(0.75);
    expect(overlap([], new Set(["时限"]), idf)).toBe(0);
  });

  it("names the words of the written question a passage matched through, and none below the match floor", () => {
    const ranker = meaningRanker("question-index", 1, [
      { chunk: 0, core: ["重复", "申请", "处理"], full: ["重复", "申请", "处理"] },
      { chunk: 1, core: ["申请", "补正", "期限"], full: ["申请", "补正", "期限"] },
    ]);
    const tokens = ["重复", "申请"];
    const q = { tokens, idf: () => 1, meaning: { core: tokens, full: new Set(tokens) } } as unknown as Query;
    const ranked = ranker.rank(q) as { id: number; match?: number; asked?: readonly string[] }[];
    expect(ranked[0]).toMatchObject({ id: 0, asked: ["重复", "申请", "处理"] });
    expect(ranked.find((r) => r.id === 1)).toEqual({ id: 1, match: 0 });
  });
});

describe("passages explaining a catalogue column", () => {
  const chunk = (section: string, text: string, question?: string): Chunk => ({ id: section, doc: "d", title: "t", kind: "faq", section, text, ...(question ? { question } : {}) });
  const concepts = [
    { name: "公开事项", aliases: ["事项"], values: [], unlike: [], column: true },
    { name: "公开方式", aliases: ["方式", "公开形式"], values: ["主动公开", "依申请公开"], unlike: [], column: true },
  ];
  const chunks = [
    chunk("2. 公开事项的编写", "2. 公开事项的编写\n一级事项：…"),
    chunk("怎样编制 > 基层政务公开事项标准目录与权责清单有何不同？", "…", "基层政务公开事项标准目录与权责清单有何不同？"),
    chunk("26个试点领域政务公开事项标准目录编制责任清单", "| 序号 | 试点领域 |"),
    chunk("8. 公开对象的编写—10. 公开层级的编写", "8. 公开对象的编写\n注：…\n9. 公开方式的编写\n注：对应具体事项，标注出主动公开还是依申请公开。"),
    chunk("备注", "备注：\n8.公开方式：主动公开或依申请公开。"),
  ];

  it("are those whose heading, FAQ question or numbered line names the column, not the catalogue's own name", () => {
    const explainers = columnExplainers(concepts, chunks);
    expect(explainers.get("公开事项")).toEqual([0]);
    expect(explainers.get("公开方式")).toEqual([3, 4]);
  });

  it("are named in a heading by a column's name or long alias, never by the catalogue's own name", () => {
    const named = columnNamer(concepts);
    expect(named("9. 公开方式的编写")).toEqual(["公开方式"]);
    expect(named("8. 公开对象的编写—9. 公开形式")).toEqual(["公开方式"]);
    expect(named("基层政务公开事项标准目录编制")).toEqual([]);
    expect(named("2. 公开事项的编写")).toEqual(["公开事项"]);
  });
});

describe("passages listing what must be disclosed", () => {
  const reading = (text: string, more: Partial<QueryReading> = {}) =>
    ({ original: text, text, corrections: [], concepts: [], named: [], meant: [], everyday: [], columns: [], kind: "whether", howToFill: false, ...more }) as QueryReading;
  const chunk = (section: string, text: string): Chunk => ({ id: section, doc: "d", title: "t", kind: "regulation", section, text });
  const chunks = [
    chunk("第二十条", "第二十条 行政机关应当依照本条例第十九条的规定，主动公开本行政机关的下列政府信息：(十一)扶贫、教育、医疗、社会保障、促进就业等方面的政策"),
    chunk("第二十一条", "第二十一条 县级人民政府及其部门还应当根据本地方的具体情况，主动公开涉及市政建设、公共服务、社会救助等方面的政府信息"),
    chunk("第二十六条", "第二十六条 属于主动公开范围的政府信息，应当自该政府信息形成或者变更之日起20个工作日内及时公开。"),
  ];
  const tokens = [new Set(["主动", "公开", "教育", "社会保障"]), new Set(["主动", "公开", "社会救助", "救助"]), new Set(["主动", "公开", "时限"])];

  it("are asked for by a whether-it-is-disclosed question, not by how to fill a column or an application", () => {
    expect(asksIfDisclosed(reading("特困供养名单要公示吗"))).toBe(true);
    expect(asksIfDisclosed(reading("低保名单要挂网上吗", { meant: ["公开"] }))).toBe(true);
    expect(asksIfDisclosed(reading("公开方式能填依申请公开吗", { columns: ["公开方式"] }))).toBe(false);
    expect(asksIfDisclosed(reading("申请公开的信息涉及隐私要公开吗"))).toBe(false);
    expect(asksIfDisclosed(reading("依申请公开多久答复", { kind: "when" }))).toBe(false);
  });

  it("are the articles that list them, those holding most of the question's words first", () => {
    const ranker = disclosureListRanker(chunks, tokens);
    const q = (text: string, words: string[]) => ({ reading: reading(text), tokens: words, expansion: [], idf: () => 1 }) as unknown as Query;
    expect((ranker.rank(q("临时救助结果要公开吗", ["临时", "救助", "结果"])) as { id: number }[]).map((r) => r.id)).toEqual([1, 0]);
    expect(ranker.rank({ ...q("临时救助怎么申请", ["临时", "救助"]), reading: reading("临时救助怎么申请", { kind: "how" }) })).toEqual([]);
  });

  it("answer the scope of proactive disclosure by the general list, a level of government's question also by its additions", () => {
    const q = (text: string, words: string[]) => ({ reading: reading(text, { kind: "what" }), tokens: words, expansion: [], idf: () => 1 }) as unknown as Query;
    const ids = (r: ReturnType<Ranker["rank"]>) => (r as { id: number }[]).map((h) => h.id);
    expect(ids(proactiveScopeRanker(chunks, tokens).rank(q("主动公开的范围有哪些", ["主动", "公开", "范围"])))).toEqual([0]);
    expect(ids(disclosureListRanker(chunks, tokens).rank(q("主动公开的范围有哪些", ["主动", "公开", "范围"])))).toEqual([]);
    expect(ids(proactiveScopeRanker(chunks, tokens).rank(q("县级部门要主动公开哪些", ["县级", "部门", "主动", "公开"])))).toEqual([]);
    expect(ids(disclosureListRanker(chunks, tokens).rank(q("县级部门要主动公开哪些", ["县级", "部门", "主动", "公开"]))).sort()).toEqual([0, 1]);
    expect(ids(proactiveScopeRanker(chunks, tokens).rank(q("主动公开的申请怎么办", ["主动", "公开", "申请"])))).toEqual([]);
  });
});

describe("passages listing a pilot field's items", () => {
  const chunk = (title: string, text: string): Chunk => ({ id: title, doc: "d", title, kind: "guideline", section: title, text });
  const chunks = [
    chunk("农村集体土地征收基层政务公开标准指引", "本标准指引按照征地管理和报批流程划分公开事项，包括征地管理政策、征地前期准备、征地审查报批、征地组织实施4个一级公开事项"),
    chunk("农村集体土地征收基层政务公开标准指引", "做好农村集体土地征收基层政务公开工作，对于增强工作透明度"),
    chunk("城乡规划领域基层政务公开标准指引", "城乡规划领域涉及规划编制、审批、实施管理等4类一级事项13类二级事项"),
  ];
  const ranker = fieldItemsRanker(chunks, ["农村集体土地征收", "征地", "城乡规划"]);
  const q = (text: string) => ({ reading: { text }, tokens: [], expansion: [], idf: () => 1 }) as unknown as Query;

  it("answer what a field discloses: only that field's list, not its preamble or another field's", () => {
    expect(ranker.rank(q("农村集体土地征收公开什么"))).toEqual([{ id: 0 }]);
    expect(ranker.rank(q("城乡规划领域要公开哪些内容"))).toEqual([{ id: 2 }]);
  });

  it("are not asked for by another question about the field, nor by one naming no field", () => {
    expect(ranker.rank(q("征地公告贴多久"))).toEqual([]);
    expect(ranker.rank(q("目录要公开哪些内容"))).toEqual([]);
  });
});

describe("passages giving the catalogue's deadline", () => {
  const chunk = (section: string, text: string): Chunk => ({ id: section, doc: "d", title: "t", kind: "notice", section, text });
  const chunks = [
    chunk("(二) 时间节点。", "2020 年 10 月底前，基层政府要对照国务院部门制定的 26 个试点领域基层政务公开标准目录，全面梳理细化相关领域公开事项，编制完成本级政务公开事项标准目录。"),
    chunk("（一）全面落实试点领域标准目录。", "编制完成本单位政务公开标准目录，目录于2020年8月31日前报送区办保密与电子政务处。"),
    chunk("第三十三条", "行政机关不能当场答复的，应当自收到申请之日起20个工作日内予以答复。"),
  ];
  const tokens = [new Set(["2020", "时间", "节点", "目录", "编制", "完成"]), new Set(["目录", "报送", "平潭"]), new Set(["答复", "工作日"])];
  const ranker = catalogueDeadlineRanker(chunks, tokens);
  const q = (text: string, kind: QueryReading["kind"], words: string[]) =>
    ({ reading: { text, kind, columns: [] }, tokens: words, expansion: [], idf: () => 1 }) as unknown as Query;

  it("answer when the catalogue is due, those sharing most of the question's words first", () => {
    expect(ranker.rank(q("县里催 目录最晚什么时候要完成", "when", ["县里", "催", "目录", "完成"]))).toEqual([{ id: 0 }, { id: 1 }]);
    expect((ranker.rank(q("目录什么时候报送", "when", ["目录", "报送"])) as { id: number }[])[0]).toEqual({ id: 1 });
  });

  it("are not asked for by another when-question, nor by another question on the catalogue", () => {
    expect(ranker.rank(q("依申请多久答复", "when", ["申请", "答复"]))).toEqual([]);
    expect(ranker.rank(q("目录多久更新一次", "when", ["目录", "更新"]))).toEqual([]);
    expect(ranker.rank(q("目录谁来编", "who", ["目录", "编"]))).toEqual([]);
  });
});

describe("passages organising the catalogue work", () => {
  const chunk = (section: string, text: string): Chunk => ({ id: section, doc: "d", title: "t", kind: "notice", section, text });
  const chunks = [
    chunk("(一) 加强组织领导。", "主要领导亲自抓,分管领导具体抓,明确责任科室和责任人,形成齐抓共管、协调推进的良好局面。"),
    chunk("1. 全面编制政务公开事项标准目录要求", "基层政府要组织有关部门，认真对照26个试点领域标准指引，编制目录。（要求：抽调业务骨干来编制目录）"),
    chunk("(三) 标准目录汇总", "县、乡两级目录由县级政府汇总审核后报上一级政府备案检查。"),
  ];
  const tokens = [new Set(["领导", "责任", "科室", "责任人"]), new Set(["基层", "政府", "部门", "目录", "编制"]), new Set(["目录", "汇总", "审核", "备案"])];
  const ranker = catalogueDutyRanker(chunks, tokens);
  const q = (text: string, words: string[], more: Partial<QueryReading> = {}) => ({ reading: { text, kind: "who", columns: [], ...more }, tokens: words, expansion: [], idf: () => 1 }) as unknown as Query;

  it("answer who compiles the catalogue or leads the work, those sharing most of the question's words first", () => {
    expect(ranker.rank(q("目录谁牵头", ["目录", "牵头"]))).toEqual([{ id: 1 }, { id: 0 }]);
    expect((ranker.rank(q("乡镇的目录是党政办弄还是各个站所自己报", ["乡镇", "目录", "党政办", "站所"], { kind: "other" })) as { id: number }[]).length).toBe(2);
  });

  it("are not asked for by who reviews or files it, by a column, or by a question not about the catalogue", () => {
    expect(ranker.rank(q("目录编完谁审", ["目录", "审"]))).toEqual([]);
    expect(ranker.rank(q("目录报谁备案", ["目录", "备案"]))).toEqual([]);
    expect(ranker.rank(q("目录里公开主体写谁", ["目录", "公开", "主体"], { columns: ["公开主体"] }))).toEqual([]);
    expect(ranker.rank(q("政策解读谁负责", ["政策", "解读"]))).toEqual([]);
  });
});
