import { describe, expect, it } from "vitest";
import { parseDocument } from "../../src/knowledge/ingest.js";
import { heldPlaces, localScopes, markLocalScope, unheldProvince } from "../../src/knowledge/scope.js";

const doc = (id: string, extra: string) =>
  parseDocument(`---\nid: ${id}\ntitle: T\nissuer: I\nsource: s\nkind: notice\n${extra}---\n\n## 一\n正文。\n`, `${id}.md`).meta;

const scopes = localScopes([
  doc("pingtan", "scope: 平潭综合实验区\nscopeNames: [平潭]\n"),
  doc("qingfeng", "scope: 清丰县\nscopeNames: [清丰]\n"),
  doc("national", ""),
]);
const cites = (...docs: string[]) => docs.map((d) => ({ doc: d }));
const DEADLINE = "目录于2020年8月31日前报送区办保密与电子政务处。";
const NATIONAL = "县、乡两级目录由县级政府汇总审核后报上一级政府备案检查。";

describe("a locality's own document in an answer", () => {
  it("reads the scope from the front matter; a national document has none", () => {
    expect(scopes.get("pingtan")).toEqual({ place: "平潭综合实验区", names: ["平潭综合实验区", "平潭"] });
    expect(scopes.has("national")).toBe(false);
  });

  it.each([
    {
      name: "an answer quoting only one place's documents opens by saying whose they are",
      answer: `${DEADLINE} [1]\n各单位要明确专人负责。 [2]`,
      citations: cites("pingtan", "pingtan"),
      question: "目录啥时候要编完报上去",
      shown: `以下是平潭综合实验区的文件，其他地方以本地通知为准：\n${DEADLINE} [1]\n各单位要明确专人负责。 [2]`,
    },
    {
      name: "in an answer mixing general and local sources, each local line says where it applies",
      answer: `${NATIONAL} [1]\n${DEADLINE} [2]`,
      citations: cites("national", "pingtan"),
      question: "目录啥时候要编完报上去",
      shown: `${NATIONAL} [1]\n（仅适用于平潭综合实验区）${DEADLINE} [2]`,
    },
    {
      name: "two places: each line names its own",
      answer: `${DEADLINE} [1]\n2020年10月底前编制完成本级目录。 [2]`,
      citations: cites("pingtan", "qingfeng"),
      question: "目录啥时候交",
      shown: `（仅适用于平潭综合实验区）${DEADLINE} [1]\n（仅适用于清丰县）2020年10月底前编制完成本级目录。 [2]`,
    },
    {
      name: "a line of a model's answer citing both: the marker stands before the local source's mark",
      answer: `目录由县级政府汇总审核 [1]，平潭要求8月31日前报送 [2]。`,
      citations: cites("national", "pingtan"),
      question: "目录啥时候交",
      shown: `目录由县级政府汇总审核 [1]，平潭要求8月31日前报送（仅适用于平潭综合实验区） [2]。`,
    },
    {
      name: "nothing is marked when the question names the place",
      answer: `${DEADLINE} [1]`,
      citations: cites("pingtan"),
      question: "平潭的目录什么时候报送",
      shown: `${DEADLINE} [1]`,
    },
    {
      name: "nothing is marked in an answer from general documents only",
      answer: `${NATIONAL} [1]`,
      citations: cites("national"),
      question: "目录谁来审核",
      shown: `${NATIONAL} [1]`,
    },
  ])("$name", ({ answer, citations, question, shown }) => {
    expect(markLocalScope(answer, citations, scopes, question)).toBe(shown);
  });
});

describe("a question naming a province whose documents the knowledge does not hold", () => {
  const docs = [
    { title: "中华人民共和国政府信息公开条例", issuer: "国务院" },
    { title: "广东省人民政府办公厅关于…的通知", issuer: "广东省人民政府办公厅", scope: "广东省" },
    { title: "云南省…培训", issuer: "云南省标准化研究院" },
    { title: "平潭…的通知", issuer: "平潭综合实验区管委会办公室", scope: "平潭综合实验区" },
    { title: "任务分工和进度安排", issuer: "区政府（原文未载明区名）", scope: "某区（原文未载明区名）" },
  ];
  it.each([
    ["山东有个县的目录能照抄不", { province: "山东", held: ["广东", "云南", "平潭综合实验区"] }],
    // 平潭 is in 福建, but its notices are one district's, not the province's
    ["福建省的目录啥时候报", { province: "福建", held: ["广东", "云南", "平潭综合实验区"] }],
    ["广东的答疑里说公开依据要写到条款吗", undefined],
    ["云南培训里公开层级咋写", undefined],
    ["公开时限咋填", undefined],
  ])("%s", (question, note) => {
    expect(unheldProvince(question, heldPlaces(docs))).toEqual(note);
  });
});
