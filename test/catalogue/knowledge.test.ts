import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { canonicalChannel, CatalogueKnowledgeError, findNationalList, loadCatalogueKnowledge, sortChannels } from "../../src/catalogue/knowledge.js";
import { parse as parseYaml } from "yaml";
import { KNOWLEDGE_DIR, ROOT, knowledge } from "./helpers.js";

describe("catalogue knowledge", () => {
  it("loads the template's 13 options in order, the platforms and the national list", () => {
    expect(knowledge.channelOptions).toHaveLength(13);
    expect(knowledge.channelOptions[0]).toBe("政府网站");
    expect(knowledge.channelOptions.at(-1)).toBe("其他");
    expect(knowledge.channelNames).toContain("投资项目在线审批监管平台");
    const list = findNationalList("农村集体土地征收", knowledge);
    expect(list?.level1).toHaveLength(4);
    expect(list?.level2).toHaveLength(10);
    expect(list?.source.passage).toContain("10个二级公开事项");
    expect(findNationalList("公共法律服务", knowledge)).toBeNull();
  });

  it("cites a source for every entry of the data files", () => {
    const dir = path.join(KNOWLEDGE_DIR, "catalogue");
    const texts = [fs.readFileSync(path.join(dir, "channels.yaml"), "utf8"), fs.readFileSync(path.join(dir, "vocabulary.yaml"), "utf8")];
    for (const t of texts) expect(t).toMatch(/source:/);
    const spellingsBlocks = texts[0]?.split("- canonical:").slice(1) ?? [];
    expect(spellingsBlocks.length).toBeGreaterThan(5);
    for (const b of spellingsBlocks) expect(b).toMatch(/passage:/);
  });

  it.each([
    ["门户网站", "政府网站"],
    ["县政府门户网站", "政府网站"],
    ["微信公众号", "两微一端"],
    ["政务微博", "两微一端"],
    ["客户端", "两微一端"],
    ["公示栏", "社区/企事业单位/村公示栏（电子屏）"],
    ["社区/企事业单位/村公示栏(电子屏)", "社区/企事业单位/村公示栏（电子屏）"],
    ["入户/现场宣传", "入户/现场"],
    ["其他：村民微信群", "其他：村民微信群"],
    ["其他:村广播", "其他：村广播"],
    ["其他_____", "其他"],
    ["其他（ ）", "其他"],
    ["其他（）", "其他"],
    ["其他：", "其他"],
    ["其他：____", "其他"],
    ["其他（请注明）", "其他"],
    ["其它", "其他"],
    ["其它：村广播", "其他：村广播"],
    ["其他（村广播）", "其他：村广播"],
    ["村民议事会", "村民议事会"],
  ])("maps %s to %s", (written, canonical) => {
    expect(canonicalChannel(written, knowledge)).toBe(canonical);
  });

  it("keeps chat shorthand (网站 → 政府网站) apart from the spelling map, with a source found verbatim in shared/", () => {
    expect(knowledge.channelShorthand.get("网站")).toBe("政府网站");
    expect(knowledge.channelShorthand.get("官网")).toBe("政府网站");
    // Excel cells do not read shorthand: a bare 网站 stays as written (R10 reports it).
    expect(canonicalChannel("网站", knowledge)).toBe("网站");
    const raw = parseYaml(fs.readFileSync(path.join(KNOWLEDGE_DIR, "catalogue", "channels.yaml"), "utf8")) as {
      chatShorthand: { canonical: string; source: { document: string; passage: string } }[];
    };
    const shared = path.resolve(ROOT, "../shared");
    for (const entry of raw.chatShorthand) {
      const file = /（([\w.-]+\.txt)/.exec(entry.source.document)?.[1] as string;
      const text = fs.readFileSync(path.join(shared, file.includes("guideline") || file.includes("regulation") ? "corpus" : "seeds", file), "utf8");
      expect(text).toContain(entry.source.passage);
      expect(entry.source.passage).toContain(entry.canonical);
    }
  });

  it("sorts channels in vocabulary order with 其他 last", () => {
    expect(sortChannels(["其他：村广播", "村民议事会", "两微一端", "政府网站", "两微一端"], knowledge)).toEqual(["政府网站", "两微一端", "村民议事会", "其他：村广播"]);
  });

  it("reports a malformed knowledge file", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cat-knowledge-"));
    fs.mkdirSync(path.join(dir, "catalogue"));
    fs.writeFileSync(path.join(dir, "catalogue", "channels.yaml"), "options: {names: []}\n");
    try {
      expect(() => loadCatalogueKnowledge(dir)).toThrow(CatalogueKnowledgeError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("describeElements", () => {
  it("lists the elements in template order with variants and vocabularies", async () => {
    const { describeElements } = await import("../../src/catalogue/knowledge.js");
    const list = describeElements(knowledge);
    expect(list.map((e) => e.key)).toEqual(["seq", "level1", "level2", "content", "basis", "timeLimit", "subject", "channels", "audience", "mode", "levels"]);
    expect(list.find((e) => e.key === "content")?.variants).toContain("公开内容");
    expect(list.find((e) => e.key === "channels")?.variants).toContain("公开渠道");
    const audience = list.find((e) => e.key === "audience")?.values;
    expect(audience?.map((v) => v.value)).toEqual(["全社会", "特定群体"]);
    expect(audience?.[1]?.spellings).toContain("特定群众");
    expect(list.find((e) => e.key === "mode")?.values?.[1]?.spellings).toContain("依申请公开");
  });
});
