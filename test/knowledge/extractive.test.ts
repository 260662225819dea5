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
});
