import { describe, expect, it } from "vitest";
import { resolveField } from "../../src/core/drafting/field.js";
import { loadFields } from "../../src/knowledge/fields.js";
import { catalogueKnowledge, knowledgeDir } from "./helpers.js";

const k = catalogueKnowledge();
const fields = loadFields(knowledgeDir);

describe("resolveField (the field typed with /draft, read with R21's data)", () => {
  it.each([
    ["农村集体土地征收", "official", "农村集体土地征收", ""],
    ["农村集体土地征收领域", "official", "农村集体土地征收", ""],
    ["征地补偿", "official", "农村集体土地征收", "（“征地补偿”在国家标准指引中的名称）"],
    // names.yaml misnomers, which R21 reports in a workbook title
    ["征地", "official", "农村集体土地征收", "（“征地”在国家标准指引中的名称）"],
    ["重大项目建设", "official", "重大建设项目", "（“重大项目建设”在国家标准指引中的名称）"],
    ["农业补贴", "official", "涉农补贴", "“农业补贴”"],
    ["小区停车 确认", "confirmed", "小区停车", "按您确认的名称使用"],
    ["吃饭喝酒（确认）", "confirmed", "吃饭喝酒", "按您确认的名称使用"],
    ["吃饭喝酒", "unknown", undefined, "不是26个试点领域之一"],
    ["", "none", undefined, ""],
  ] as const)("%s → %s %s", (typed, status, field, note) => {
    const r = resolveField(typed, fields, k);
    expect(r.status).toBe(status);
    expect(r.field).toBe(field);
    expect(r.note).toContain(note);
  });

  it.each([
    ["户籍管里", "户籍管理"],
    ["城乡规化", "城乡规划"],
    ["社会救济", "社会救助"],
  ])("suggests the official name for the near miss %s (%s) and uses nothing yet", (typed, official) => {
    const r = resolveField(typed, fields, k);
    expect(r.status).toBe("near");
    expect(r.field).toBeUndefined();
    expect(r.note).toContain(`您是不是指“${official}”？请发送：/draft ${official}`);
    expect(r.note).toContain(`/draft ${typed} 确认`);
  });

  it("lists the 26 fields for an unknown name and says how to confirm it", () => {
    const r = resolveField("吃饭喝酒", fields, k, (f) => `领域：${f}`);
    expect(r.note).toContain("重大建设项目");
    expect(r.note).toContain("领域：吃饭喝酒 确认");
  });
});
