/**
 * Issue 11: catalogues laid out as real published ones — several fields in one sheet, 12 columns
 * without 公开层级, an item over two lines, line breaks and ● bullets in cells, 序号 merged.
 */
import { describe, expect, it } from "vitest";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { formatTextReport } from "../../src/catalogue/output.js";
import { validateCatalogue } from "../../src/catalogue/validate.js";
import { fieldColumnCatalogue, sheetPerFieldCatalogue, townshipCatalogue } from "./fixtures/published.js";
import { knowledge } from "./helpers.js";

const key = (f: { rule: string; severity: string; sheetRow: number | null }): string => `${f.rule} ${f.severity} @${f.sheetRow ?? "-"}`;

describe("published layouts", () => {
  it("reads a township catalogue: section rows split the fields, an item over two lines is one item", async () => {
    const { catalogue } = await readCatalogue(await townshipCatalogue(), { knowledge });
    expect(catalogue.columns).not.toContain("levels");
    expect(catalogue.fields).toEqual(["城乡规划", "重大项目建设", "农村集体土地征收"]);
    expect(catalogue.rows.map((r) => [r.seq, r.field, r.sheetRow])).toEqual([
      [1, "城乡规划", 5], [2, "城乡规划", 6], [3, "重大项目建设", 8], [4, "农村集体土地征收", 10], [5, "农村集体土地征收", 12], [6, "农村集体土地征收", 13],
    ]);
    const two = catalogue.rows[3];
    expect(two?.lines).toEqual([11]);
    expect(two?.timeLimit).toBe("拟征收土地告知书发布之日起120个工作日内\n听证告知后5个工作日内（第二阶段）");
    expect(two?.audience).toEqual({ kind: "全社会" });
    expect(catalogue.rows[0]?.content).toEqual(["规划批前公示", "批准后的规划文本"]);
    expect(catalogue.rows[2]?.channels).toContain("公共资源交易平台");
  });

  it("checks each field on its own and gets the issue's cases right", async () => {
    const { catalogue } = await readCatalogue(await townshipCatalogue(), { knowledge });
    const findings = validateCatalogue(catalogue, knowledge);
    const keys = findings.map(key);
    // No false R02/R03 on the item printed over two lines; no R10 on the named platform.
    expect(findings.filter((f) => ["R02", "R03"].includes(f.rule))).toEqual([]);
    expect(findings.filter((f) => f.rule === "R10" && f.severity !== "info")).toEqual([]);
    for (const k of ["R19 warning @2", "R20 warning @1", "R25 warning @6", "R08 error @10", "R23 warning @10", "R04 warning @12", "R22 error @12", "R22 warning @13", "R23 warning @13"]) expect(keys).toContain(k);
    // R12 stays quiet on the lists of named people.
    expect(findings.filter((f) => f.rule === "R12")).toEqual([]);
    const by = (rule: string) => findings.filter((f) => f.rule === rule);
    expect(by("R08")[0]?.message).toContain("是否为“20个工作日”的笔误");
    expect(by("R20")[0]?.message).not.toContain("XX领域");
    expect(by("R20")[0]?.message).toContain("农村集体土地征收领域基层政务公开标准目录");
    expect(by("R21").map((f) => f.message).join()).toContain("“重大建设项目”");
    expect(by("R10").map((f) => f.message).join()).toContain("“片区公示栏”按模板选项“社区/企事业单位/村公示栏（电子屏）”读取");
    expect(by("R18")).toHaveLength(1);
    expect(by("R18")[0]?.message).toContain("“拟征地听证”");
    // R24 is reported at each item lacking the platform, not once for the field.
    expect(by("R24").map((f) => [f.seq, f.sheetRow])).toEqual([[4, 10], [5, 12], [6, 13]]);
    for (const f of findings) expect(f.message).not.toContain("\n");
  });

  it("writes a --text report grouped by field that counts items, with one line per finding", async () => {
    const { catalogue } = await readCatalogue(await townshipCatalogue(), { knowledge });
    const text = formatTextReport("青山镇.xlsx", catalogue, validateCatalogue(catalogue, knowledge));
    expect(text).toContain("事项：6 项（占表格 7 行）");
    expect(text).toContain("领域：城乡规划、重大项目建设、农村集体土地征收（共 3 个）");
    expect(text.indexOf("══ 城乡规划领域 ══")).toBeLessThan(text.indexOf("══ 农村集体土地征收领域 ══"));
    expect(text).toContain("【序号4（表格第10行），“拟征收土地告知”】");
    for (const line of text.split("\n").filter((l) => l.startsWith("  ["))) expect(line).toMatch(/^ {2}\[(错误|警告|提示)\] R\d\d /);
  });

  it("reads the field of each item from a 领域 column", async () => {
    const { catalogue } = await readCatalogue(await fieldColumnCatalogue(), { knowledge });
    expect(catalogue.fields).toEqual(["农村集体土地征收", "农业补贴"]);
    const findings = validateCatalogue(catalogue, knowledge);
    expect(findings.find((f) => f.rule === "R17")?.sheetRow).toBe(2);
    expect(findings.find((f) => f.rule === "R21")?.message).toContain("“涉农补贴”");
  });

  it("reads one sheet per field", async () => {
    const { catalogue } = await readCatalogue(await sheetPerFieldCatalogue(), { knowledge });
    expect(catalogue.rows.map((r) => [r.sheet, r.field, r.level2])).toEqual([
      ["土地征收", "农村集体土地征收", "拟征收土地告知"],
      ["城乡规划", "城乡规划", "镇总体规划"],
    ]);
    const findings = validateCatalogue(catalogue, knowledge);
    expect(findings.filter((f) => f.rule === "R18")).toHaveLength(1);
  });
});
