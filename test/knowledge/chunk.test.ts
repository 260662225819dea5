import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { chunkDocument } from "../../src/knowledge/chunk.js";
import { type Chunk, parseDocument } from "../../src/knowledge/ingest.js";

const root = path.resolve(import.meta.dirname, "../..");
const docsDir = path.join(root, "knowledge", "docs");

const front = (kind: string) => `---\nid: t\ntitle: 测试文件标题\nissuer: 测试机关\nsource: shared/seeds/x.txt\nkind: ${kind}\n---\n# 测试文件标题\n\n`;
const chunk = (md: string, kind = "notice") => {
  const { meta, sections } = parseDocument(`${front(kind)}${md}`, "t.md");
  return chunkDocument(meta, sections);
};
const realDoc = (id: string) => {
  const { meta, sections } = parseDocument(fs.readFileSync(path.join(docsDir, `${id}.md`), "utf8"), `${id}.md`);
  return chunkDocument(meta, sections);
};
const allReal = fs.readdirSync(docsDir).filter((f) => f.endsWith(".md")).flatMap((f) => realDoc(f.replace(/\.md$/, "")));
const isRow = (l: string) => l.startsWith("|");
const holding = (chunks: Chunk[], phrase: string) => chunks.filter((c) => c.text.includes(phrase));

describe("chunkDocument: a long paragraph", () => {
  // 30 lines of about 30 characters: longer than one passage
  const lines = Array.from({ length: 30 }, (_, i) => `第${i + 1}行是一句完整的说明文字，讲一件事情。`);
  const chunks = chunk(`## 一、说明\n\n${lines.join("\n")}\n`);

  it("is split at line boundaries and never glues two lines into one", () => {
    expect(chunks.length).toBeGreaterThan(1);
    const out = chunks.flatMap((c) => c.text.split("\n")).filter((l) => l !== "一、说明");
    expect(out).toEqual(lines);
  });

  it("keeps its lines as lines in real documents (the YNGK list, the 54号 tasks)", () => {
    const yunnan = realDoc("yunnan-training");
    for (const phrase of ["- YNGK 002 政务公开网络平台管理规范", "五是基层政府要完善基层行政决策公众参与机制。"]) {
      const lines = holding(yunnan, phrase).flatMap((c) => c.text.split("\n"));
      expect(lines).toContain(phrase);
    }
  });
});

describe("chunkDocument: lists", () => {
  const item = (i: number) => `${i}. 第${i}个领域。（责任单位：县第${i}局，配合单位：县第${i + 1}局、县第${i + 2}局）`;
  const cases: { name: string; md: string; parts: number; lead?: string }[] = [
    {
      name: "a long enumeration of fields and units is cut into passages of a few items, each with its lead-in",
      md: `## 一、分工\n\n具体责任分工是：\n\n${Array.from({ length: 16 }, (_, i) => item(i + 1)).join("\n")}\n`,
      parts: 4,
      lead: "具体责任分工是：",
    },
    {
      name: "the items of an article keep the article's lead sentence",
      md: `### 第三十六条\n\n对政府信息公开申请，行政机关根据下列情况分别作出答复：\n\n${["一", "二", "三", "四", "五", "六", "七"].map((n) => `(${n})所申请公开信息属于第${n}种情形的，告知申请人相应的处理结果，并说明理由和救济途径；`).join("\n\n")}\n`,
      parts: 2,
      lead: "对政府信息公开申请，行政机关根据下列情况分别作出答复：",
    },
    {
      name: "a list of bare names stays whole",
      md: `## 一、领域\n\n26个试点领域\n\n${["国土空间规划", "重大建设项目", "公共资源交易", "财政预决算", "安全生产", "税收管理", "征地补偿"].map((x) => `- ${x}`).join("\n")}\n`,
      parts: 1,
    },
    {
      name: "a short list stays in its paragraph",
      md: `## 一、步骤\n\n步骤如下：\n1. 梳理事项。\n2. 编制目录。\n3. 公开发布。\n`,
      parts: 1,
    },
  ];
  it.each(cases)("$name", ({ md, parts, lead }) => {
    const chunks = chunk(md, md.includes("第三十六条") ? "regulation" : "notice");
    expect(chunks).toHaveLength(parts);
    if (!lead) return;
    for (const c of chunks) {
      expect(c.text).toContain(lead);
      expect(c.text.split("\n").filter((l) => /^(\d+\.|\([一二三四五六七]\))/.test(l)).length).toBeLessThanOrEqual(4);
    }
    // every item survives exactly once
    const items = chunks.flatMap((c) => c.text.split("\n")).filter((l) => /^(\d+\.|\([一二三四五六七]\))/.test(l));
    expect(new Set(items).size).toBe(items.length);
  });

  it("repeats the last sentence of a longer paragraph as the lead-in and leaves the paragraph whole", () => {
    const chunks = chunk(`## 一、分工\n\n各部门要制定落实意见。具体责任分工是：\n\n${Array.from({ length: 10 }, (_, i) => item(i + 1)).join("\n")}\n`);
    const second = chunks.map((c) => c.text.split("\n")[1]);
    expect(second.length).toBeGreaterThan(2);
    expect(second).toEqual(["各部门要制定落实意见。具体责任分工是：", ...second.slice(1).map(() => "具体责任分工是：")]);
  });

  it("answers one field's responsible unit with a short passage in the real 清丰 notice", () => {
    const [c, ...more] = holding(realDoc("qingfeng-notice"), "4. 户籍管理领域。（责任单位：县公安局）");
    expect(more).toEqual([]);
    expect(c!.text).toContain("具体责任分工是：");
    expect(c!.text.length).toBeLessThan(300);
    expect(c!.text.split("\n")).toContain("4. 户籍管理领域。（责任单位：县公安局）");
  });
});

describe("chunkDocument: tables", () => {
  const table = ["| 序号 | 事项 | 公开时限 |", "| --- | --- | --- |", ...Array.from({ length: 12 }, (_, i) => `| ${i + 1} | ${"很长的事项名称".repeat(5)}${i} | 20个工作日 |`)];

  it.each([
    ["a caption right before the table", `注：此列应列出公开内容的关键要素。\n\n示例：保障性住房领域\n\n${table.join("\n")}\n`, "示例：保障性住房领域"],
    ["a lead-in ending with a colon", `各项任务如下：\n\n${table.join("\n")}\n`, "各项任务如下："],
  ])("carries %s into every passage of the table", (_name, body, lead) => {
    const chunks = chunk(`## 一、目录\n\n${body}`);
    const tables = chunks.filter((c) => c.text.includes("| 序号 |"));
    expect(tables.length).toBeGreaterThan(1);
    for (const c of tables) expect(c.text.startsWith(`一、目录\n${lead}\n| 序号 | 事项 | 公开时限 |`)).toBe(true);
    expect(chunks.flatMap((c) => c.text.split("\n")).filter((l) => /^\| \d+ \|/.test(l))).toHaveLength(12);
  });

  it("keeps the real samples with their captions (云南 公开内容 and 公开依据 examples)", () => {
    const yunnan = realDoc("yunnan-training");
    for (const [row, caption] of [
      ["| 1 | 保障性住房建设信息 |", "示例：保障性住房领域"],
      ["| 1 | 行政许可 | 建设项目环境影响评价文件审批 |", "示例：生态环境领域"],
    ]) {
      const [c] = holding(yunnan, row!);
      expect(c!.text).toContain(caption!);
    }
  });

  it("never leaves a passage of real documents that is table rows alone", () => {
    const bare = allReal.filter((c) => c.text.split("\n").every(isRow));
    expect(bare.map((c) => c.id)).toEqual([]);
  });
});

describe("chunkDocument: section names", () => {
  it("names text before the first heading by the document's title", () => {
    const chunks = chunk(`附件2：\n\n| 序号 | 工作任务 |\n| --- | --- |\n| 1 | 编制目录 |\n`);
    expect(chunks).toEqual([expect.objectContaining({ section: "测试文件标题", text: "附件2：\n| 序号 | 工作任务 |\n| --- | --- |\n| 1 | 编制目录 |" })]);
  });

  it.each(["task-schedule", "jiayu-task-breakdown", "jiayu-responsibility", "guangdong-ledger"])("gives every passage of %s a section", (id) => {
    for (const c of realDoc(id)) expect(c.section).not.toBe("");
  });

  it("gives every passage of every real document a section", () => {
    expect(allReal.filter((c) => !c.section).map((c) => c.id)).toEqual([]);
  });
});

describe("knowledge/docs layout", () => {
  it("shows which channels the 云南 example ticks", () => {
    const [c] = holding(realDoc("yunnan-training"), "7. 公开渠道和载体编写");
    const lines = c!.text.split("\n");
    expect(lines.filter((l) => l.startsWith("- ☑"))).toEqual(["- ☑ 政府网站", "- ☑ 入户/现场"]);
    expect(lines.filter((l) => l.startsWith("- ☐"))).toHaveLength(11);
  });
});
