// The nudge commands' coordinator view (/status, who sees which unit) and the monthly ledger
// (/ledger fill, /ledger, /ledger export). Subscribing and the deadlines: commands.test.ts.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import type { InboundMessage, Reply } from "../../src/core/types.js";
import { cancelNudgeSession, handleNudgeCommand } from "../../src/nudges/commands.js";
import { LEDGER_FIRST_DATA_ROW, LEDGER_TITLE } from "../../src/nudges/ledger-export.js";
import { ReminderStore } from "../../src/nudges/reminder-store.js";
import { bj, LEDGER, QUARTERLY, useCommandChat } from "./helpers.js";

const h = useCommandChat();
const { msg, say, sayText } = h;

describe("/status (coordinator view)", () => {
  it("shows which subscribed units have acked the current occurrence", async () => {
    await sayText("/subscribe 城关镇", { chatId: "-100" });
    await sayText("/subscribe 西关镇", { chatId: "-200" });
    await sayText("/ack monthly-ledger", { chatId: "-200", senderName: "李四" });
    const t = (await handleNudgeCommand(msg("/status", { chatType: "private", chatId: "9", senderId: "9" }), { db: h.db, deadlines: [LEDGER, QUARTERLY], coordinators: ["9"] }))?.map((r) => r.text).join("\n") ?? "";
    expect(t).toContain("[monthly-ledger]");
    expect(t).toContain("已完成 1/2");
    expect(t).toContain("✅ 西关镇（李四）");
    expect(t).toContain("⏳ 城关镇");
  });
});

describe("coordinators (NUDGE_COORDINATORS) and everyone else", () => {
  const coordinators = ["4242", "-900"];
  const as = async (text: string, over: Partial<InboundMessage>) =>
    ((await handleNudgeCommand(msg(text, over), { db: h.db, deadlines: [LEDGER, QUARTERLY], coordinators })) ?? []);
  const textOf = (r: Reply[]) => r.map((x) => x.text).join("\n");

  async function twoUnitsReported(): Promise<void> {
    for (const [chatId, unit, contact, phone] of [["-100", "城关镇", "王五", "0393-7221234"], ["-200", "西关镇", "赵六", "13800001111"]] as const) {
      await as(`/subscribe ${unit}`, { chatId });
      await as("/ledger fill", { chatId });
      for (const answer of ["完成目录梳理", "发布目录", contact, phone]) await as(answer, { chatId, replyToBot: true });
    }
    await as("/ack quarterly", { chatId: "-200", senderName: "李四" });
  }

  it("a private chat of a non-coordinator sees no unit's contacts in /ledger, /ledger export or /status", async () => {
    await twoUnitsReported();
    const priv = { chatType: "private" as const, chatId: "7", senderId: "7" };
    const roster = textOf(await as("/ledger", priv));
    expect(roster).not.toMatch(/王五|赵六|0393-7221234|13800001111|城关镇|西关镇/);
    expect(roster).toContain("协调人");
    const exported = await as("/ledger export", priv);
    expect(textOf(exported)).toContain("协调人");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported[0]!.files![0]!.data as unknown as ArrayBuffer);
    const cells = wb.worksheets.flatMap((ws) => ws.getSheetValues().flat().map(String)).join(" ");
    expect(cells).not.toMatch(/王五|赵六|0393-7221234|13800001111|城关镇|西关镇/);
    const status = textOf(await as("/status", priv));
    expect(status).not.toMatch(/城关镇|西关镇|李四/);
    expect(status).toContain("协调人");
  });

  it("a unit's group sees only its own entry and status", async () => {
    await twoUnitsReported();
    const roster = textOf(await as("/ledger", { chatId: "-100" }));
    expect(roster).toContain("✅ 城关镇（王五 0393-7221234，张三）");
    expect(roster).not.toMatch(/西关镇|赵六|13800001111/);
    expect(roster).toContain("仅显示本群");
    const status = textOf(await as("/status", { chatId: "-200" }));
    expect(status).toContain("✅ 西关镇（李四）");
    expect(status).not.toContain("城关镇");
  });

  it("a coordinator, by user id in any chat or by a listed chat, sees every unit", async () => {
    await twoUnitsReported();
    for (const over of [{ chatType: "private" as const, chatId: "4242", senderId: "4242" }, { chatId: "-900", senderId: "u9" }]) {
      const roster = textOf(await as("/ledger", over));
      expect(roster).toContain("已填报 2/2");
      expect(roster).toContain("王五 0393-7221234");
      expect(roster).toContain("赵六 13800001111");
      expect(roster).not.toContain("仅显示本群");
      const status = textOf(await as("/status", over));
      expect(status).toContain("✅ 西关镇（李四）");
      expect(status).toContain("⏳ 城关镇");
      const exported = await as("/ledger export", over);
      expect(exported[0]?.text).toContain("已填报 2 个单位");
    }
  });

  it("ends the sender's ledger conversation for the core's /cancel", async () => {
    await as("/subscribe 城关镇", { chatId: "-100" });
    await as("/ledger fill", { chatId: "-100" });
    expect(cancelNudgeSession(msg("/cancel", { senderId: "u2" }), { db: h.db })).toBeNull();
    expect(cancelNudgeSession(msg("/cancel"), { db: h.db })?.[0]?.text).toContain("已取消工作台账填报");
    expect(cancelNudgeSession(msg("/cancel"), { db: h.db })).toBeNull();
    expect(await say("完成目录梳理", { replyToBot: true })).toBeNull();
  });
});

describe("the monthly ledger", () => {
  it("on 11-30, /ledger fill fills December's ledger (due 12-05) and /status then shows that deadline done", async () => {
    h.clock = bj("2026-11-30", "10:00");
    await sayText("/subscribe 青山镇人民政府");
    expect(await sayText("/ledger fill")).toContain("开始填报2026年12月工作台账（2026年11月工作进展、2026年12月工作计划）（青山镇人民政府），2026年12月5日前报送");
    expect(await sayText("（1/4）完成", { replyToBot: true })).toContain("请填写本月（2026年12月）工作计划");
    await sayText("发布目录", { replyToBot: true });
    await sayText("王五", { replyToBot: true });
    const saved = await sayText("0393-7221234", { replyToBot: true });
    expect(saved).toContain("已保存2026年12月工作台账");
    expect(saved).toContain("2026年12月5日截止的工作台账提醒已标记为完成");
    const status = await sayText("/status");
    expect(status).toMatch(/\[monthly-ledger\][^\n]*\n截止 2026年12月5日（周六）[^\n]*已完成 1\/1/);
  });


  it("after /unsubscribe, /ledger says the chat unsubscribed and how to subscribe again, not 0/0", async () => {
    h.coordinators = ["u9"];
    expect(await sayText("/ledger", { chatId: "-900", senderId: "u9" })).toContain("还没有群订阅截止提醒，2026年10月工作台账没有要汇总的单位");
    await sayText("/subscribe 青山镇人民政府");
    await sayText("/ledger fill");
    for (const answer of ["完成目录梳理", "发布目录", "王五", "0393-7221234"]) await sayText(answer, { replyToBot: true });
    await sayText("/unsubscribe");
    const after = await sayText("/ledger");
    expect(after).not.toContain("0/0");
    expect(after).toContain("本群已取消订阅截止提醒");
    expect(after).toContain("发送 /subscribe 重新订阅（沿用单位名称“青山镇人民政府”）");
    expect(after).toContain("/ledger fill");
    expect(after).toContain("本群此前已填报2026年10月工作台账：青山镇人民政府（王五 0393-7221234，张三）");
    const never = await sayText("/ledger", { chatId: "-300" });
    expect(never).not.toContain("0/0");
    expect(never).toContain("本群尚未订阅截止提醒");
    expect(never).toContain("/subscribe 单位名称");
    const coordinator = await sayText("/ledger", { chatId: "-900", senderId: "u9" });
    expect(coordinator).toContain("已填报 1/1"); // the unit's entry still counts in the coordinator's roster
  });

  it("asks step by step, survives a restart, validates, saves, acks, lists and exports in the 附件2 layout", async () => {
    expect(await sayText("/ledger fill")).toContain("本群尚未订阅");
    await sayText("/subscribe", { chatId: "-100" });
    await sayText("/subscribe 西关镇", { chatId: "-200" });
    const start = await handleNudgeCommand({ ...msg(""), text: undefined, choice: "nudge:ledger:2026-10" }, { db: h.db, deadlines: [LEDGER] });
    expect(start?.[0]?.text).toContain("请先填写本群所属基层单位名称");
    expect(await say("城关镇人民政府")).toBeNull(); // side talk in the group, not a reply to the bot
    expect(await sayText("城关镇人民政府", { replyToBot: true })).toContain("（1/4）请填写上月（2026年9月）完成工作事项");
    expect(await say("你好", { senderId: "u2", replyToBot: true })).toBeNull(); // another member is not in the conversation

    h.db.close(); // restart: the conversation continues from SQLite
    h.db = h.tmp.open();
    expect(await sayText("@zwgk_bot 完成26个领域目录梳理", { mentioned: true })).toContain("（2/4）请填写本月（2026年10月）工作计划");
    expect(await sayText("/deadlines")).toContain("近期截止事项"); // commands still work mid-conversation
    expect(await sayText("完成目录审核并发布", { replyToBot: true })).toContain("（3/4）请填写联系人");
    expect(await sayText("王五", { replyToBot: true })).toContain("（4/4）请填写联系方式");
    expect(await sayText("打电话给我", { replyToBot: true })).toContain("联系方式应为电话号码");
    const saved = await sayText("0393-7221234", { replyToBot: true });
    expect(saved).toContain("已保存2026年10月工作台账（2026年9月工作进展、2026年10月工作计划）");
    expect(saved).toContain("2026年10月5日截止的工作台账提醒已标记为完成");
    expect(new ReminderStore(h.db).isAcked("-100", "monthly-ledger", "2026-10-05")).toBe(true);
    expect(await say("这句不再是回答", { replyToBot: true })).toBeNull();

    h.coordinators = ["u1"]; // 张三 coordinates the county: he sees every unit
    const roster = await sayText("/ledger");
    expect(roster).toContain("2026年10月工作台账填报情况：已填报 1/2");
    expect(roster).toContain("✅ 城关镇人民政府（王五 0393-7221234，张三）");
    expect(roster).toContain("⏳ 西关镇");

    expect(await sayText("/ledger export", { isAdmin: false })).toContain("只有群管理员可以导出");
    const exported = await say("/ledger export 2026-10");
    const file = exported?.[0]?.files?.[0];
    expect(file?.name).toBe("工作台账-2026-10.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file!.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A2").value).toBe(LEDGER_TITLE);
    expect(ws.getCell("A3").value).toBe("填报单位（市级政务公开主管部门）：");
    expect(String(ws.getCell("A4").value)).toContain("填报日期：2026年9月24日");
    expect([ws.getCell("A5").value, ws.getCell("B5").value, ws.getCell("D5").value, ws.getCell("E5").value]).toEqual(["基层单位", "工作进度", "联系人", "联系方式"]);
    expect([ws.getCell("B6").value, ws.getCell("C6").value]).toEqual(["上月完成工作事项", "本月工作计划"]);
    expect(ws.getCell("C5").isMerged && ws.getCell("A6").isMerged).toBe(true);
    expect(ws.getRow(LEDGER_FIRST_DATA_ROW).values).toEqual([undefined, "城关镇人民政府", "完成26个领域目录梳理", "完成目录审核并发布", "王五", "0393-7221234"]);
    expect(ws.getCell(LEDGER_FIRST_DATA_ROW + 2, 1).value).toBe("填报人及联系方式：");
    const status = wb.getWorksheet("填报情况")!;
    expect(status.getColumn(1).values.slice(2)).toEqual(["城关镇人民政府", "西关镇"]);
    expect(status.getColumn(2).values.slice(2)).toEqual(["已填报", "未填报"]);
  });

  it("can be cancelled, and fills the ledger of the next due date by default (the one /status shows)", async () => {
    await sayText("/subscribe 城关镇");
    h.clock = bj("2026-09-20", "10:00"); // the next ledger is due 10-05: September's progress and October's plan
    expect(await sayText("/ledger fill")).toContain("开始填报2026年10月工作台账（2026年9月工作进展、2026年10月工作计划）（城关镇），2026年10月5日前报送");
    expect(await sayText("取消", { replyToBot: true })).toContain("已取消本次台账填报");
    h.clock = bj("2026-10-06", "10:00"); // 10-05 has passed: November's
    expect(await sayText("/ledger fill")).toContain("开始填报2026年11月工作台账");
    expect(await sayText("/ledger cancel")).toContain("已取消");
    expect(await sayText("/ledger fill 2026-10")).toContain("开始填报2026年10月工作台账"); // a late one, by naming it
    expect(await sayText("/ledger cancel")).toContain("已取消");
    expect(await sayText("/ledger 2026-13")).toContain("月份格式");
  });
});
