/**
 * Issue 16: an official's cell text survives import → export and is what reports quote.
 * Elements split only where the cell itself lists items, never inside a phrase.
 */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { writeCatalogue } from "../../src/catalogue/excel-write.js";
import { writeReport } from "../../src/catalogue/report.js";
import { normalizeCellText, splitList } from "../../src/catalogue/text.js";
import { validateCatalogue } from "../../src/catalogue/validate.js";
import { buildWorkbook } from "./fixtures/seeds.js";
import { ALL_FIXTURES } from "./fixtures/all.js";
import { knowledge } from "./helpers.js";

const HEADER = ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级"];

const CELLS: [string, string, string[]][] = [
  ["a phrase with 、 inside", "与安全生产有关的法律、法规", ["与安全生产有关的法律、法规"]],
  ["县、乡两级", "县、乡两级政府工作部门的职责", ["县、乡两级政府工作部门的职责"]],
  ["申请、受理", "申请、受理", ["申请、受理"]],
  ["bullets on one line", "●办学性质 ●办学地点", ["办学性质", "办学地点"]],
  ["numbered items with ；", "1.申请条件；2.办理流程", ["申请条件", "办理流程"]],
  ["multi-line cell", "项目名称\n建设地址\n  竣工时间  ", ["项目名称", "建设地址", "竣工时间"]],
  ["a list of elements", "适用范围、审批依据、受理机构", ["适用范围", "审批依据", "受理机构"]],
];

/** Texts of the content and basis columns (D, E) of every data row of an exported workbook. */
async function listCells(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  const ws = wb.worksheets[0] as ExcelJS.Worksheet;
  const out: string[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) out.push([String(ws.getCell(r, 4).value ?? ""), String(ws.getCell(r, 5).value ?? "")]);
  return out;
}

describe("cell text kept as written", () => {
  it.each(CELLS)("splits only real lists: %s", (_, text, items) => {
    expect(splitList(text, "content")).toEqual(items);
  });

  it("does not cut 法律、法规 in a 公开依据 either, but splits named documents", () => {
    expect(splitList("相关法律、法规", "basis")).toEqual(["相关法律、法规"]);
    expect(splitList("《中华人民共和国安全生产法》、《生产安全事故报告和调查处理条例》", "basis")).toHaveLength(2);
    // documents separated by a comma, each named (an article may follow), not an article list
    expect(splitList("社会救助暂行办法，政府信息公开条例第二十条", "basis")).toEqual(["社会救助暂行办法", "政府信息公开条例第二十条"]);
    expect(splitList("《中华人民共和国政府信息公开条例》第十九条，第二十条", "basis")).toEqual(["《中华人民共和国政府信息公开条例》第十九条，第二十条"]);
  });

  it("round trip: every content and basis cell reads the same after import → export", async () => {
    const rows = CELLS.map(([, text], i) => [i + 1, "安全生产", `事项${i + 1}`, text, i % 2 ? "《中华人民共和国安全生产法》、相关法律、法规" : "1.《中华人民共和国安全生产法》\r\n2.《中华人民共和国政府信息公开条例》", "20个工作日内", "县应急管理局", "政府网站", "全社会", "主动", "县级"]);
    const input = await buildWorkbook({ rows: [["安全生产领域基层政务公开标准目录"], HEADER, ...rows] });
    const { catalogue } = await readCatalogue(input, { knowledge });
    const cells = await listCells(await writeCatalogue(catalogue, { knowledge }));
    expect(cells).toEqual(rows.map((r) => [normalizeCellText(String(r[3])), normalizeCellText(String(r[4]))]));
    // Twice round: still the same.
    const again = await readCatalogue(await writeCatalogue(catalogue, { knowledge }), { knowledge });
    expect(await listCells(await writeCatalogue(again.catalogue, { knowledge }))).toEqual(cells);
  });

  it("writes the edited element, not the original, once the official changed it", async () => {
    const input = await buildWorkbook({ rows: [HEADER, [1, "安全生产", "法规", "与安全生产有关的法律、法规", "《中华人民共和国安全生产法》", "20个工作日内", "县应急管理局", "政府网站", "全社会", "主动", "县级"]] });
    const { catalogue } = await readCatalogue(input, { knowledge });
    const row = catalogue.rows[0];
    if (!row) throw new Error("no row");
    row.content = ["与安全生产有关的法律", "规章"];
    const [[content, basis]] = (await listCells(await writeCatalogue(catalogue, { knowledge }))) as [string[]];
    expect(content).toBe("与安全生产有关的法律\n规章");
    expect(basis).toBe("《中华人民共和国安全生产法》");
  });

  it("the annotated report shows the cells as written", async () => {
    const input = await buildWorkbook({ rows: [HEADER, [1, "安全生产", "法规", "●办学性质 ●办学地点", "《中华人民共和国安全生产法》第五条", "及时公开", "县应急管理局", "政府网站", "全社会", "主动", "县级"]] });
    const { catalogue } = await readCatalogue(input, { knowledge });
    const findings = validateCatalogue(catalogue, knowledge);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeReport(catalogue, findings, { knowledge })) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0] as ExcelJS.Worksheet;
    expect(ws.getCell("D4").value).toBe("●办学性质 ●办学地点");
    expect(ws.getCell("E4").value).toBe("《中华人民共和国安全生产法》第五条");
    expect(findings.find((f) => f.rule === "R04")?.message).toContain("“《中华人民共和国安全生产法》第五条”");
  });

  it.each(ALL_FIXTURES)("fixture $name: import → export keeps every content and basis cell", async ({ build }) => {
    const input = await build();
    const { catalogue } = await readCatalogue(input, { knowledge });
    // Compare against the input cells themselves, read with plain exceljs.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(input as unknown as ArrayBuffer);
    const header = catalogue.sheet?.headerRow as number;
    const colOf = (src: ExcelJS.Worksheet, labels: string[]): number => {
      for (let r = header; r <= header + 1; r++) {
        for (let c = 1; c <= src.columnCount; c++) {
          const t = String(src.getCell(r, c).value ?? "").replace(/\s|\(.*\)|（.*）/g, "");
          if (labels.includes(t)) return c;
        }
      }
      return 0;
    };
    const out = await listCells(await writeCatalogue(catalogue, { knowledge }));
    catalogue.rows.forEach((row, i) => {
      const src = wb.getWorksheet(row.sheet ?? catalogue.sheet?.name) as ExcelJS.Worksheet;
      const cCol = colOf(src, ["公开内容", "事项内容", "内容", "公开要素"]);
      const bCol = colOf(src, ["公开依据", "依据"]);
      const cell = (c: number): string => (c ? normalizeCellText(String(src.getCell(row.sheetRow as number, c).value ?? "")) : "");
      const [content, basis] = out[i] as [string, string];
      if (cCol) expect(normalizeCellText(content)).toBe(cell(cCol));
      if (bCol) expect(normalizeCellText(basis)).toBe(cell(bCol));
    });
  });
});
