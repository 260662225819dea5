import ExcelJS from "exceljs";
import type { ChatFile } from "../core/types.js";
import { formatDateCn, shanghaiNow, type IsoDate } from "./calendar.js";
import type { LedgerEntry } from "./ledger-store.js";
import type { Subscription } from "./subscription-store.js";
import { monthCn } from "./text.js";

/** Title of the Guangdong 附件2 ledger. */
export const LEDGER_TITLE = "基层政务公开事项标准目录编制工作台账";

/** First data row of the 附件2 sheet (rows 1–6 are the heading). */
export const LEDGER_FIRST_DATA_ROW = 7;

const thin = { style: "thin" as const };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * Builds the month's ledger workbook in the layout of the Guangdong 附件2: a sheet with the
 * title, 填报单位, 填报日期, the two-row header 基层单位 | 工作进度（上月完成工作事项, 本月工作计划）
 * | 联系人 | 联系方式, one row per reporting unit, and the 填报人 lines; plus a second sheet
 * listing every subscribed unit and whether it has reported.
 */
export async function ledgerWorkbook(
  month: string,
  entries: readonly LedgerEntry[],
  subscriptions: readonly Subscription[],
  today: IsoDate,
): Promise<ChatFile> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "政务公开目录助手";
  const ws = wb.addWorksheet(monthCn(month), { pageSetup: { orientation: "landscape", fitToPage: true, fitToWidth: 1 } });
  ws.columns = [{ width: 24 }, { width: 48 }, { width: 48 }, { width: 12 }, { width: 18 }];

  ws.getCell("A1").value = "附件 2";
  ws.mergeCells("A2:E2");
  const title = ws.getCell("A2");
  title.value = LEDGER_TITLE;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: "center", vertical: "middle" };
  ws.getRow(2).height = 30;
  ws.mergeCells("A3:E3");
  ws.getCell("A3").value = "填报单位（市级政务公开主管部门）：";
  ws.mergeCells("A4:E4");
  ws.getCell("A4").value = `填报日期：${formatDateCn(today)}（${monthCn(month)}台账）`;

  ws.mergeCells("A5:A6");
  ws.mergeCells("B5:C5");
  ws.mergeCells("D5:D6");
  ws.mergeCells("E5:E6");
  ws.getCell("A5").value = "基层单位";
  ws.getCell("B5").value = "工作进度";
  ws.getCell("D5").value = "联系人";
  ws.getCell("E5").value = "联系方式";
  ws.getCell("B6").value = "上月完成工作事项";
  ws.getCell("C6").value = "本月工作计划";
  for (const r of [5, 6]) {
    for (let c = 1; c <= 5; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true };
      cell.border = border;
    }
  }

  let row = LEDGER_FIRST_DATA_ROW;
  for (const e of entries) {
    const values = [e.unitName, e.done, e.plan, e.contact, e.phone];
    values.forEach((v, i) => {
      const cell = ws.getCell(row, i + 1);
      cell.value = v;
      cell.alignment = { vertical: "top", wrapText: true };
      cell.border = border;
    });
    row += 1;
  }
  row += 1;
  ws.getCell(row, 1).value = "填报人及联系方式：";
  ws.getCell(row + 1, 1).value = "市级政务公开主管部门联系人及联系方式：";

  const status = wb.addWorksheet("填报情况");
  status.columns = [
    { header: "基层单位", width: 28 },
    { header: "填报情况", width: 12 },
    { header: "填报人", width: 16 },
    { header: "填报时间", width: 22 },
  ];
  status.getRow(1).font = { bold: true };
  const byChat = new Map(entries.map((e) => [e.chatId, e]));
  const chats = new Set([...subscriptions.map((s) => s.chatId), ...entries.map((e) => e.chatId)]);
  const names = new Map(subscriptions.map((s) => [s.chatId, s.unitName]));
  for (const chatId of chats) {
    const e = byChat.get(chatId);
    status.addRow([e?.unitName ?? names.get(chatId) ?? `群 ${chatId}`, e ? "已填报" : "未填报", e?.reportedBy ?? "", e ? shanghaiTime(e.reportedAt) : ""]);
  }

  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { name: `工作台账-${month}.xlsx`, data };
}

/** An ISO instant as Beijing time, "2026-06-03 10:20". */
function shanghaiTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const { date, time } = shanghaiNow(new Date(t));
  return `${date} ${time}`;
}
