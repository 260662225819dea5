import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FINDINGS_SHEET, readCatalogue, validateCatalogue, writeCatalogue, type Catalogue } from "../../src/catalogue/index.js";
import { countText } from "../../src/core/drafting/findings.js";
import { catalogueKnowledge, CLEAN_ROW, coreSuite, makeCore, sampleCatalogue, textOf } from "./helpers.js";

const sampleRow = () => sampleCatalogue().rows[0] as Catalogue["rows"][number];

const knowledge = catalogueKnowledge();

describe("workbooks in and out of a chat", () => {
  const suite = coreSuite({ maxUploadBytes: 200_000 });

  it("/export sends the chat's catalogue as a template workbook that reads back without error", async () => {
    const chat = { chatId: "exp" };
    expect(textOf(await suite.h.say("/export", chat))).toContain("没有可导出的内容");
    await suite.h.say("/draft 农村集体土地征收", chat);
    await suite.h.say(CLEAN_ROW, chat);
    await suite.h.say("/done", chat);
    await suite.h.say("/draft", chat);
    await suite.h.say(CLEAN_ROW.replace("拟征收土地告知", "拟征收土地现状调查").replace("公开对象：全社会", "公开对象：特定群体（被调查土地的权利人）"), chat);
    await suite.h.say("/done", chat);
    const [reply] = await suite.h.say("/export", chat);
    const file = reply?.files?.[0];
    expect(file?.name).toBe("农村集体土地征收领域基层政务公开标准目录.xlsx");
    expect(reply?.text).toContain("共 2 条");
    const { catalogue } = await readCatalogue(file?.data as Buffer, { knowledge });
    expect(catalogue.title).toBe("农村集体土地征收领域基层政务公开标准目录");
    expect(catalogue.rows.map((r) => [r.seq, r.level2, r.audience])).toEqual([
      [1, "拟征收土地告知", { kind: "全社会" }],
      [2, "拟征收土地现状调查", { kind: "特定群体", group: "被调查土地的权利人" }],
    ]);
    const findings = validateCatalogue(catalogue, knowledge);
    expect(findings.filter((f) => f.severity === "error")).toEqual([]);
    // 农村集体土地征收 has its national item list: no note that names go unchecked.
    expect(reply?.text).not.toContain("不做核对");
  });

  it("/export of a field without a national item list says R17/R18 checked nothing", async () => {
    const chat = { chatId: "exp-social" };
    await suite.h.say("/draft 社会救助", chat);
    await suite.h.say(CLEAN_ROW.replace("征地前期准备", "社会救助政策").replace("拟征收土地告知", "最低生活保障").replace("征地信息公开平台、", ""), chat);
    await suite.h.say("/done", chat);
    const text = textOf(await suite.h.say("/export", chat));
    expect(text).toContain("本助手没有收录“社会救助”领域国家标准指引的事项清单：一级、二级事项名称不做核对（R17、R18 不检查）");
  });

  it("checks an uploaded workbook and returns a summary and the annotated report", async () => {
    const bad: Catalogue = {
      title: "农村集体土地征收领域基层政务公开标准目录",
      field: "农村集体土地征收",
      columns: ["seq", "level1", "level2", "content", "basis", "timeLimit", "subject", "channels", "audience", "mode", "levels"],
      extraColumns: [],
      rows: [
        {
          seq: 1, level1: "征地前期准备", level2: "拟征收土地告知", content: ["征收范围"], basis: ["《中华人民共和国土地管理法》第四十七条"],
          timeLimit: "及时公开", subject: "相关部门", channels: ["政府网站"], audience: { kind: "特定群体" }, mode: "主动", levels: ["县级"],
        },
      ],
    };
    const data = await writeCatalogue(bad, { knowledge });
    const [reply] = await suite.h.send({ chatId: "chk", file: { name: "我的目录.xlsx", data } });
    expect(reply?.text).toContain("已检查“我的目录.xlsx”");
    expect(reply?.text).toMatch(/错误 1 条、警告 \d+ 条/);
    expect(reply?.text.indexOf("R13")).toBeLessThan(reply?.text.indexOf("R07") ?? 0);
    // National items the catalogue lacks concern the whole table, as in the report's 【全表】.
    expect(reply?.text).toContain("R18 警告｜全表：目录缺少");
    expect(reply?.text).not.toContain("表格第1行");
    const report = reply?.files?.[0];
    expect(report?.name).toBe("我的目录-检查报告.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report?.data as never);
    expect(wb.getWorksheet(FINDINGS_SHEET)?.rowCount).toBeGreaterThan(1);
  });

  it("says when lines were read as one item: a copied row with the same 序号 and 二级事项 is a continuation line", async () => {
    const row = sampleRow();
    const two: Catalogue = { ...sampleCatalogue(), rows: [row, { ...row, seq: 2, subject: "某某镇人民政府" }] };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await writeCatalogue(two, { knowledge })) as never);
    const sheet = wb.worksheets[0]!;
    let copied = 0;
    sheet.eachRow((r) => {
      if (r.getCell(1).value === 2) {
        r.getCell(1).value = 1;
        copied++;
      }
    });
    expect(copied).toBe(1);
    const [reply] = await suite.h.send({ chatId: "dup", file: { name: "复制的行.xlsx", data: Buffer.from(await wb.xlsx.writeBuffer()) } });
    expect(reply?.text).toContain("共 1 项事项（占表格 2 行：序号合并、留空或与上一行相同且二级事项相同的行，按同一事项的续行读入）");
  });

  it("refuses a non-xlsx file, a broken workbook and an oversized one, with reasons", async () => {
    const chat = { chatId: "badfiles" };
    expect(textOf(await suite.h.send({ ...chat, file: { name: "notes.txt", data: Buffer.from("hello") } }))).toContain("不是 .xlsx 文件");
    expect(textOf(await suite.h.send({ ...chat, file: { name: "broken.xlsx", data: Buffer.from("PK\u0003\u0004 not really a zip") } }))).toContain("无法读取“broken.xlsx”");
    expect(textOf(await suite.h.send({ ...chat, file: { name: "big.xlsx", data: Buffer.alloc(300_000) } }))).toContain("超过了");
  });

  it("says a header-only table has no items instead of passing it", async () => {
    const empty = await writeCatalogue({ title: "农村集体土地征收领域基层政务公开标准目录", field: "农村集体土地征收", columns: [], extraColumns: [], rows: [] }, { knowledge });
    const text = textOf(await suite.h.send({ chatId: "empty-table", file: { name: "空表.xlsx", data: empty } }));
    expect(text).toBe("已检查“空表.xlsx”：表格中没有事项：表头（第 2 行）下面没有填写任何事项行。请在表头下逐行填写二级事项后重新上传。");
    expect(text).not.toContain("未发现问题");
  });

  it("in a group, takes a workbook after /check or when addressed, ignores it otherwise", async () => {
    const group = { chatId: "gchk", chatType: "group" as const, isAdmin: false };
    const data = await writeCatalogue(
      { title: "农村集体土地征收领域基层政务公开标准目录", field: "农村集体土地征收", columns: [], extraColumns: [], rows: [] },
      { knowledge },
    ).catch(() => Buffer.from(""));
    const file = { name: "g.xlsx", data };
    expect(suite.h.core.accepts({ ...group, senderId: "u", mentioned: false, replyToBot: false, file })).toBe(false);
    expect(await suite.h.send({ ...group, file })).toEqual([]);
    expect(textOf(await suite.h.say("/check", group))).toContain("请发送要检查的目录表格");
    expect(suite.h.core.accepts({ ...group, senderId: "u", mentioned: false, replyToBot: false, file })).toBe(true);
    expect(textOf(await suite.h.send({ ...group, file }))).toMatch(/已检查|无法读取/);
    expect(await suite.h.send({ ...group, file })).toEqual([]); // /check covers one file
  });

  it("keeps answering another chat while a heavy workbook is being checked", { timeout: 120_000 }, async () => {
    const rows = Array.from({ length: 4000 }, (_, i) => ({ ...sampleRow(), seq: i + 1, level2: `事项${i + 1}` }));
    const data = await writeCatalogue({ title: "农村集体土地征收领域基层政务公开标准目录", field: "农村集体土地征收", columns: [], extraColumns: [], rows }, { knowledge });
    const wide = makeCore({ dbFile: path.join(suite.dir, "busy.sqlite"), kb: suite.kb, maxUploadBytes: 10 * 1024 * 1024 });
    try {
      const order: string[] = [];
      const checking = wide.send({ chatId: "heavy", file: { name: "大目录.xlsx", data } }).then((r) => {
        order.push("check");
        return r;
      });
      // Meanwhile, other chats are answered, several times over.
      for (let i = 0; i < 3; i++) {
        // A timer must fire between the answers: a blocked event loop would hold it until the check ends.
        await new Promise((resolve) => setTimeout(resolve, 10));
        const reply = await wide.say("/help", { chatId: `other-${i}` });
        expect(textOf(reply)).toMatch(/\/draft/);
        order.push(`help-${i}`);
      }
      expect(order).toEqual(["help-0", "help-1", "help-2"]);
      expect(textOf(await checking)).toContain("已检查“大目录.xlsx”");
    } finally {
      wide.close();
    }
  });

  it("checks a workbook by its own field, not the chat's drafting field: chat and CLI give the same findings", async () => {
    const chatId = "other-field";
    suite.h.store.setSetting(chatId, "field", "农村集体土地征收");
    const rows = [1, 2].map((n) => ({ ...sampleRow(), seq: n, level1: "批准服务信息", level2: n === 1 ? "审批结果" : "办理过程信息", basis: ["《关于推进重大建设项目批准和实施领域政府信息公开的意见》"], timeLimit: "20个工作日内" }));
    const data = await writeCatalogue({ title: "重大建设项目领域基层政务公开标准目录", field: "重大建设项目", columns: [], extraColumns: [], rows }, { knowledge });
    const text = textOf(await suite.h.send({ chatId, file: { name: "项目.xlsx", data } }));
    expect(text).not.toContain("农村集体土地征收");
    // No R18 against the 征地 list (whose items would be named); the field's own list is not held, as the reply says.
    expect(text).not.toContain("拟征收土地");
    expect(text).toContain("本助手没有收录“重大建设项目”领域国家标准指引的事项清单：一级、二级事项名称不做核对（R17、R18 不检查）");
    const { catalogue } = await readCatalogue(data, { knowledge });
    expect(catalogue.field).toBe("重大建设项目");
    expect(text).toContain(`结果：${countText(validateCatalogue(catalogue, knowledge))}。`);
  });
});
