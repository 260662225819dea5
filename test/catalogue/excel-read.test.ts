/** Import variants of spec §4 beyond the seed layouts, and unreadable sheets. */
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { CatalogueFileError } from "../../src/catalogue/errors.js";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { writeCatalogue } from "../../src/catalogue/excel-write.js";
import { validateCatalogue } from "../../src/catalogue/validate.js";
import { buildWorkbook } from "./fixtures/seeds.js";
import { makeZip, minimalXlsx } from "./fixtures/zip.js";
import { knowledge } from "./helpers.js";

const BASIS = "1.《中华人民共和国土地管理法》\n2.《中华人民共和国政府信息公开条例》";

describe("readCatalogue variants", () => {
  it("reads one column per channel, ✓/●/是 marks, 依申请公开, 特定群众 and level variants", async () => {
    const data = await buildWorkbook({
      rows: [
        ["农村集体土地征收领域基层政务公开标准目录"],
        ["序号", "公开事项", null, "公开内容(要素)", "公开依据", "公开时限", "公开主体", "公开渠道和载体", null, null, null, "公开对象", null, "公开方式", null, "公开层级", null],
        [null, "一级事项", "二级事项", null, null, null, null, "政府网站", "两微一端", "公示栏", "其他", "全社会", "特定群众", "主动公开", "依申请公开", "县（市、区）", "镇乡（街道）"],
        [1, "征地前期准备", "拟征收土地告知", "拟征收土地的用途；位置、补偿标准", BASIS, "20个工作日内", "县自然资源和规划局", "✓", null, "●", "村民微信群", "是", null, "✓", null, "●", "是"],
        [2, null, "拟征地听证", "听证告知", BASIS, "实时", "县自然资源和规划局", "√", "√", null, null, null, "被征地农民", null, "√", "√", null],
      ],
      merges: [[2, 1, 3, 1], [2, 2, 2, 3], [2, 4, 3, 4], [2, 5, 3, 5], [2, 6, 3, 6], [2, 7, 3, 7], [2, 8, 2, 11], [2, 12, 2, 13], [2, 14, 2, 15], [2, 16, 2, 17], [4, 2, 5, 2]],
    });
    const { catalogue } = await readCatalogue(data, { knowledge });
    expect(catalogue.field).toBe("农村集体土地征收");
    expect(catalogue.columns).toHaveLength(11);
    expect(catalogue.rows.map(({ original: _o, ...r }) => r)).toEqual([
      {
        seq: 1, level1: "征地前期准备", level2: "拟征收土地告知", content: ["拟征收土地的用途", "位置、补偿标准"],
        basis: ["《中华人民共和国土地管理法》", "《中华人民共和国政府信息公开条例》"], timeLimit: "20个工作日内", subject: "县自然资源和规划局",
        channels: ["政府网站", "社区/企事业单位/村公示栏（电子屏）", "其他：村民微信群"], audience: { kind: "全社会" }, mode: "主动", levels: ["县级", "乡级"], sheetRow: 4,
      },
      {
        seq: 2, level1: "征地前期准备", level2: "拟征地听证", content: ["听证告知"],
        basis: ["《中华人民共和国土地管理法》", "《中华人民共和国政府信息公开条例》"], timeLimit: "实时", subject: "县自然资源和规划局",
        channels: ["政府网站", "两微一端"], audience: { kind: "特定群体", group: "被征地农民" }, mode: "依申请", levels: ["县级"], sheetRow: 5,
      },
    ]);
  });

  it("reads ×/x in tick columns as not ticked and says so where it leaves an element unmarked", async () => {
    const data = await buildWorkbook({
      rows: [
        ["农村集体土地征收领域基层政务公开标准目录"],
        ["序号", "公开事项", null, "公开内容(要素)", "公开依据", "公开时限", "公开主体", "公开渠道和载体", null, "公开对象", null, "公开方式", null, "公开层级", null],
        [null, "一级事项", "二级事项", null, null, null, null, "政府网站", "征地信息公开平台", "全社会", "特定群体", "主动", "依申请", "县级", "乡级"],
        // √ beside × in every group: × plainly means 否.
        [1, "征地前期准备", "拟征收土地告知", "征收范围", BASIS, "20个工作日内", "县自然资源和规划局", "√", "√", "√", "×", "√", "×", "√", "×"],
        // Only crosses (and blanks): nothing is ticked, and the report says how × was read.
        [2, "征地前期准备", "拟征收土地现状调查", "调查安排", BASIS, "20个工作日内", "县自然资源和规划局", "x", "X", "×", null, "x", "x", null, "×"],
      ],
      merges: [[2, 1, 3, 1], [2, 2, 2, 3], [2, 4, 3, 4], [2, 5, 3, 5], [2, 6, 3, 6], [2, 7, 3, 7], [2, 8, 2, 9], [2, 10, 2, 11], [2, 12, 2, 13], [2, 14, 2, 15]],
    });
    const { catalogue } = await readCatalogue(data, { knowledge });
    const [first, second] = catalogue.rows;
    expect(first).toMatchObject({ channels: ["政府网站", "征地信息公开平台"], audience: { kind: "全社会" }, mode: "主动", levels: ["县级"] });
    expect(second).toMatchObject({ channels: [], audience: { kind: "none" }, mode: "none", levels: [] });
    const findings = validateCatalogue(catalogue, knowledge);
    expect(findings.filter((f) => f.seq === 1 && ["R01", "R14", "R15", "R16"].includes(f.rule))).toEqual([]);
    const second2 = findings.filter((f) => f.seq === 2);
    const about = (rule: string, field: string) => second2.find((f) => f.rule === rule && f.field === field)?.message ?? "";
    expect(about("R01", "channels")).toContain("“政府网站”、“征地信息公开平台”栏填的“x”、“X”按未勾选读取");
    expect(about("R14", "audience")).toContain("“全社会”栏填的“×”按未勾选读取（中文表格中“×”一般表示“否”");
    expect(about("R15", "mode")).toContain("“主动”、“依申请”栏填的“x”按未勾选读取");
    expect(about("R16", "levels")).toContain("“乡级”栏填的“×”按未勾选读取");
  });

  it("reads a one-row header with single-column 公开对象/方式/层级, plain channel names, blank rows and added columns", async () => {
    const data = await buildWorkbook({
      rows: [
        ["序号", "一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级", "备注"],
        [1, "办事服务", "办事指南", "申请条件、办理流程", "国办发〔2019〕54号", "20个工作日内", "县政务服务中心", "门户网站、微信公众号／公示栏", "特定群体：项目单位", "主动公开", "县级、乡级", "新增"],
        [],
        [2, null, "办理结果", "办理结果", "国办发〔2019〕54号", "20个工作日内", "县政务服务中心", "政府网站", "全社会", "主动、依申请", "乡镇", null],
      ],
    });
    const { catalogue } = await readCatalogue(data, { knowledge });
    expect(catalogue.title).toBeNull();
    expect(catalogue.extraColumns).toEqual(["备注"]);
    const [a, b] = catalogue.rows;
    expect(a).toMatchObject({ channels: ["政府网站", "两微一端", "社区/企事业单位/村公示栏（电子屏）"], audience: { kind: "特定群体", group: "项目单位" }, mode: "主动", levels: ["县级", "乡级"], extras: { 备注: "新增" } });
    expect(b).toMatchObject({ level1: "办事服务", audience: { kind: "全社会" }, mode: "both", levels: ["乡级"], sheetRow: 4 });
  });

  it("keeps the first data row when it has 全社会/主动 under single 公开对象/公开方式 columns and no 序号", async () => {
    const data = await buildWorkbook({
      rows: [
        ["一级事项", "二级事项", "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道", "公开对象", "公开方式", "公开层级"],
        ["办事服务", "办事指南", "申请条件", "国办发〔2019〕54号", "20个工作日内", "县政务服务中心", "政府网站", "全社会", "主动", "县级"],
        [null, "办理结果", "办理结果", "国办发〔2019〕54号", "20个工作日内", "县政务服务中心", "政府网站", "特定群体：申请人", "依申请", "乡级"],
      ],
    });
    const { catalogue } = await readCatalogue(data, { knowledge });
    expect(catalogue.rows.map((r) => [r.sheetRow, r.level2, r.audience.kind, r.mode])).toEqual([
      [2, "办事指南", "全社会", "主动"],
      [3, "办理结果", "特定群体", "依申请"],
    ]);
  });

  it("reads a two-row header without 序号 whose group headers are not merged", async () => {
    const data = await buildWorkbook({
      rows: [
        ["公开事项", null, "公开内容", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", null, "公开方式", null, "公开层级", null],
        ["一级事项", "二级事项", null, null, null, null, null, "全社会", "特定群体", "主动", "依申请", "县级", "乡级"],
        ["办事服务", "办事指南", "申请条件", "国办发〔2019〕54号", "20个工作日内", "县政务服务中心", "政府网站", "√", null, "√", null, "√", null],
      ],
    });
    const { catalogue } = await readCatalogue(data, { knowledge });
    expect(catalogue.rows).toHaveLength(1);
    expect(catalogue.rows[0]).toMatchObject({ level1: "办事服务", level2: "办事指南", audience: { kind: "全社会" }, mode: "主动", levels: ["县级"], sheetRow: 3 });
  });

  it("reads an unmerged two-row header that repeats its labels below (序号 under 序号), one renamed there", async () => {
    const data = await buildWorkbook({
      rows: [
        ["社会救助领域基层政务公开标准目录"],
        ["序号", "公开事项", "公开事项", "公开内容（要素）", "公开依据", "公开时限", "公开主体", "公开渠道和载体", "公开对象", "公开对象", "公开方式", "公开方式", "公开层级", "公开层级"],
        ["序号", "一级事项", "二级事项", "公开内容（要素）", "公开依据", "公开时间", "公开主体", "公开渠道和载体", "全社会", "特定群体", "主动", "依申请", "县级", "乡级"],
        [1, "最低生活保障", "低保对象认定", "认定条件", "《社会救助暂行办法》", "20个工作日内", "县民政局", "政府网站", "√", null, "√", null, "√", null],
      ],
    });
    const { catalogue } = await readCatalogue(data, { knowledge });
    expect(catalogue.rows).toHaveLength(1);
    expect(catalogue.rows[0]).toMatchObject({ seq: 1, level1: "最低生活保障", timeLimit: "20个工作日内", audience: { kind: "全社会" }, mode: "主动", levels: ["县级"], sheetRow: 4 });
    expect(validateCatalogue(catalogue, knowledge).filter((f) => f.rule === "R19" || f.rule === "R02")).toEqual([]);
  });

  it("reads ☑/☐ typed in a Wingdings 2 font", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("目录");
    ws.addRow(["序号", "二级事项", "公开内容", "公开依据", "公开渠道和载体"]);
    ws.addRow([1, "办事指南", "申请条件", "国办发〔2019〕54号"]);
    ws.getCell("E2").value = {
      richText: [
        { text: "R", font: { name: "Wingdings 2" } }, { text: "政府网站 " },
        { text: "£", font: { name: "Wingdings 2" } }, { text: "两微一端 " },
        { text: "R", font: { name: "Wingdings 2" } }, { text: "政务服务中心" },
      ],
    };
    const { catalogue } = await readCatalogue(Buffer.from(await wb.xlsx.writeBuffer()), { knowledge });
    expect(catalogue.rows[0]?.channels).toEqual(["政府网站", "政务服务中心"]);
  });

  it("takes the first sheet that has a header", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["本表由县政府办填报"]);
    const ws = wb.addWorksheet("目录");
    ws.addRow(["序号", "二级事项", "公开内容", "公开依据"]);
    ws.addRow([1, "办事指南", "申请条件", "国办发〔2019〕54号"]);
    const { catalogue } = await readCatalogue(Buffer.from(await wb.xlsx.writeBuffer()), { knowledge });
    expect(catalogue.sheet?.name).toBe("目录");
    expect(catalogue.rows).toHaveLength(1);
  });

  it.each([
    ["an empty sheet", async () => { const wb = new ExcelJS.Workbook(); wb.addWorksheet("Sheet1"); return Buffer.from(await wb.xlsx.writeBuffer()); }, "empty-sheet"],
    ["no recognisable header", () => buildWorkbook({ rows: [["姓名", "电话"], ["张三", "123"]] }), "no-header"],
    ["a sheet that is not XML", async () => minimalXlsx("<worksheet><sheetData><row r='1'><c"), "unreadable"],
    ["a workbook without sheets", async () => makeZip([{ name: "[Content_Types].xml", data: Buffer.from("<Types/>") }, { name: "xl/workbook.xml", data: Buffer.from("<workbook/>") }]), "no-worksheet"],
  ] as const)("refuses %s", async (_, build, code) => {
    const err = await readCatalogue(await build(), { knowledge }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogueFileError);
    expect((err as CatalogueFileError).code).toBe(code);
    expect((err as Error).message).not.toContain("\n");
  });

  it("refuses a table with a header but no items (an empty template), naming the header row", async () => {
    const empty = await writeCatalogue({ title: "农村集体土地征收领域基层政务公开标准目录", field: "农村集体土地征收", columns: [], extraColumns: [], rows: [] }, { knowledge });
    const err = await readCatalogue(empty, { knowledge }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CatalogueFileError);
    expect((err as CatalogueFileError).code).toBe("no-items");
    expect((err as CatalogueFileError).message).toBe("表格中没有事项：表头（第 2 行）下面没有填写任何事项行。请在表头下逐行填写二级事项后重新上传。");
  });

  it("names the columns that look like a missing one (公开时间, 责任单位) in R19", async () => {
    const template = await writeCatalogue({ title: "农村集体土地征收领域基层政务公开标准目录", field: "农村集体土地征收", columns: [], extraColumns: [], rows: [
      { seq: 1, level1: "征地前期准备", level2: "拟征收土地告知", content: ["征收范围"], basis: ["《中华人民共和国土地管理法》"], timeLimit: "信息形成或变更之日起20个工作日内", subject: "县自然资源局", channels: ["政府网站"], audience: { kind: "全社会" }, mode: "主动", levels: ["县级"] },
    ] }, { knowledge });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as never);
    const sheet = wb.worksheets[0] as ExcelJS.Worksheet;
    sheet.getRow(2).eachCell((cell) => {
      if (cell.value === "公开时限") cell.value = "公开时间";
      if (cell.value === "公开主体") cell.value = "责任单位";
    });
    const { catalogue } = await readCatalogue(Buffer.from(await wb.xlsx.writeBuffer()), { knowledge });
    const r19 = validateCatalogue(catalogue, knowledge).filter((f) => f.rule === "R19").map((f) => f.message);
    expect(r19).toEqual([
      "表头缺少“公开时限”列（第F列“公开时间”是不是这一列？请改成模板的列名“公开时限”后重新上传，否则这一列的内容不会被检查），这是国办发〔2019〕54号要求的目录要素。",
      "表头缺少“公开主体”列（第G列“责任单位”是不是这一列？请改成模板的列名“公开主体”后重新上传，否则这一列的内容不会被检查），这是国办发〔2019〕54号要求的目录要素。",
    ]);
  });
});
