import path from "node:path";
import { describe, expect, it } from "vitest";
import { findField, loadFields } from "../../src/knowledge/fields.js";
import { loadKnowledge } from "../../src/knowledge/ingest.js";

const knowledgeDir = path.resolve(import.meta.dirname, "../../knowledge");

describe("curated knowledge data", () => {
  const fields = loadFields(knowledgeDir);

  it("lists the 26 pilot fields, each with a source, and unique ids and names", () => {
    expect(fields).toHaveLength(26);
    expect(new Set(fields.map((f) => f.id)).size).toBe(26);
    expect(new Set(fields.map((f) => f.name)).size).toBe(26);
  });

  it.each([
    ["国土空间规划", "城乡规划"],
    ["征地补偿领域", "农村集体土地征收"],
    ["环境保护", "生态环境"],
    ["XX县财政预决算领域基层政务公开标准目录", "财政预决算"],
  ])("finds the field named %s", (text, name) => {
    expect(findField(fields, text)?.name).toBe(name);
  });

  it("has synonym groups for query expansion", () => {
    const { synonyms } = loadKnowledge(knowledgeDir);
    expect(synonyms.length).toBeGreaterThanOrEqual(20);
    expect(synonyms.some((g) => g.terms.includes("两微一端"))).toBe(true);
  });
});
