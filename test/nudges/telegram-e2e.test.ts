import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramChannel } from "../../src/channels/telegram/start-telegram.js";
import { PACKAGE_ROOT } from "../../src/config.js";
import { loadDeadlines, nudgesFeature, startNudges, type NudgeEngine } from "../../src/nudges/index.js";
import { LEDGER_FIRST_DATA_ROW } from "../../src/nudges/ledger-export.js";
import { startFakeBotApi, type FakeBotApi, type FakeChat, type FakeUser, type SentRecord } from "../channels/telegram/fake-bot-api.js";
import { logger, makeCore, realKnowledgeBase, tempDir, type CoreHarness } from "../core/helpers.js";
import { bj } from "./helpers.js";

/**
 * End to end through the fake Telegram Bot API: the real bot core and Telegram channel, the
 * shipped deadlines, a real SQLite file, and the nudge engine on a fake clock.
 */
describe("deadline nudges through Telegram (fake Bot API)", () => {
  const deadlines = loadDeadlines(path.join(PACKAGE_ROOT, "knowledge", "deadlines.yaml"));
  const admin: FakeUser = { id: 201, is_bot: false, first_name: "王主任" };
  const clerk: FakeUser = { id: 202, is_bot: false, first_name: "赵科员" };
  const group: FakeChat = { id: -700, type: "supergroup", title: "城关镇政务公开工作群" };
  let clock = bj("2026-09-24", "08:00");
  let tmp: ReturnType<typeof tempDir>;
  let api: FakeBotApi;
  let h: CoreHarness;
  let channel: TelegramChannel;
  let engine: NudgeEngine;

  const say = async (from: FakeUser, text: string, replyTo?: number): Promise<SentRecord> => {
    const mark = api.mark();
    api.sendText({ chat: group, from, text, replyTo });
    return api.waitFor((r) => r.chatId === group.id, { after: mark });
  };
  const press = async (from: FakeUser, rec: SentRecord, label: string): Promise<SentRecord> => {
    const button = rec.buttons?.flat().find((b) => b.text.includes(label));
    if (!button?.callback_data) throw new Error(`no button ${label} on: ${rec.text}`);
    const mark = api.mark();
    api.pressButton({ chat: group, from, messageId: rec.messageId, data: button.callback_data });
    return api.waitFor((r) => r.chatId === group.id, { after: mark });
  };
  /** Runs a tick at Beijing time `date time` and returns the nudges the group received. */
  const tickAt = async (date: string, time: string): Promise<SentRecord[]> => {
    clock = bj(date, time);
    const mark = api.mark();
    const sent = await engine.tick();
    if (sent.length) await api.waitFor((r) => r.chatId === group.id && r.text.includes("截止提醒"), { after: mark });
    return api.sent.slice(mark).filter((r) => r.chatId === group.id && r.text.includes("截止提醒"));
  };

  beforeAll(async () => {
    tmp = tempDir("zwgk-nudges-e2e-");
    api = await startFakeBotApi();
    api.setAdmin(group.id, admin.id);
    const kb = await realKnowledgeBase(tmp.dir);
    const holder: { h?: CoreHarness } = {};
    h = makeCore({
      dbFile: path.join(tmp.dir, "bot.sqlite"),
      kb,
      features: [nudgesFeature(() => ({ db: (holder.h as CoreHarness).db, deadlines, now: () => clock }))],
    });
    holder.h = h;
    channel = await startTelegram({ core: h.core, logger, token: api.token, apiRoot: api.apiRoot, maxUploadBytes: 2 * 1024 * 1024 });
    engine = startNudges({ db: h.db, deadlines, outbox: channel.outbox, logger, now: () => clock });
    await engine.ready;
  });

  afterAll(async () => {
    engine?.stop();
    await channel?.stop();
    await api?.stop();
    h?.close();
    tmp?.cleanup();
  });

  it("registers the nudges commands in the menu", async () => {
    const set = await api.waitForCall("setMyCommands");
    const commands = (set.params.commands as { command: string }[]).map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(["subscribe", "deadlines", "ack", "snooze", "due", "ledger", "status"]));
  });

  it("subscribe, receive a nudge, snooze, ack, answer the ledger and export it", async () => {
    // Only an admin may subscribe the group.
    expect((await say(clerk, "/subscribe")).text).toContain("只有群管理员可以订阅");
    const sub = await say(admin, "/subscribe 城关镇人民政府");
    expect(sub.text).toContain("已订阅截止提醒");
    expect(sub.text).toContain("单位名称：城关镇人民政府");

    // 09-24 09:00: the monthly ledger (due 10-05, inside 国庆) is 3 working days away, before 中秋.
    expect(await tickAt("2026-09-24", "08:59")).toEqual([]);
    const [nudge, ...more] = await tickAt("2026-09-24", "09:00");
    expect(more).toEqual([]);
    expect(nudge?.text).toContain("基层政务公开事项标准目录编制工作台账");
    expect(nudge?.text).toContain("截止日期：2026年10月5日（周一），还有 3 个工作日");
    expect(nudge?.text).toContain("适逢国庆节假期");
    expect(nudge?.text).toContain("依据：广东省人民政府办公厅");
    expect(await tickAt("2026-09-24", "09:01")).toEqual([]); // never twice

    // Snooze by button: one working day later is Monday 09-28 (中秋 25–27 skipped).
    // Only an admin may snooze, ack or fill in the ledger for the group (group roles).
    expect((await press(clerk, nudge as SentRecord, "推迟1个工作日")).text).toContain("只有群管理员可以推迟本群的提醒");
    const snoozed = await press(admin, nudge as SentRecord, "推迟1个工作日");
    expect(snoozed.text).toContain("将于 2026年9月28日（周一） 09:00 再次提醒");
    const onMonday = await tickAt("2026-09-28", "09:00");
    // Both due items arrive as one digest, each with its own buttons.
    expect(onMonday).toHaveLength(1);
    const digest = onMonday[0] as SentRecord;
    expect(digest.text.split("\n")[0]).toBe("⏰ 截止提醒（共 2 项）");
    expect(digest.text).toContain("1. 事项：基层政务公开事项标准目录编制工作台账（上月进展及本月计划）（推迟后再次提醒）");
    expect(digest.text).toContain("2. 事项：乡镇基层政务公开标准化规范化工作季度进展情况上报");

    // Ack the quarterly report: no more nudges for it.
    expect((await press(admin, digest, "2 已完成")).text).toContain("本群已完成「乡镇基层政务公开标准化规范化工作季度进展情况上报」");
    const status = await say(admin, "/status");
    expect(status.text).toMatch(/季度进展情况上报\n截止 2026年9月30日（周三），还有 2 个工作日（不含今天）；已完成 1\/1/);

    // The ledger in conversation, answering by replying to the bot.
    const ledgerNudge = digest;
    expect((await press(clerk, ledgerNudge, "填报台账")).text).toContain("只有群管理员可以填报工作台账");
    let q = await press(admin, ledgerNudge, "填报台账");
    expect(q.text).toContain("（1/4）请填写上月（2026年9月）完成工作事项");
    api.sendText({ chat: group, from: admin, text: "这条不是回复，不应被当作回答" });
    q = await say(admin, "完成26个试点领域事项梳理", q.messageId);
    expect(q.text).toContain("（2/4）请填写本月（2026年10月）工作计划");
    q = await say(admin, "完成目录汇总审核并在县政府门户网站发布", q.messageId);
    q = await say(admin, "赵科员", q.messageId);
    q = await say(admin, "0393-7221234", q.messageId);
    expect(q.text).toContain("已保存2026年10月工作台账");
    expect(q.text).toContain("上月完成工作事项：完成26个试点领域事项梳理");

    // Answering the ledger acknowledged it: no further ledger or quarterly nudges.
    expect(await tickAt("2026-09-29", "09:00")).toEqual([]);
    expect(await tickAt("2026-09-30", "09:00")).toEqual([]);

    expect((await say(admin, "/ledger")).text).toContain("已填报 1/1");
    const mark = api.mark();
    api.sendText({ chat: group, from: admin, text: "/ledger export" });
    const doc = await api.waitFor((r) => r.chatId === group.id && r.method === "sendDocument", { after: mark });
    expect(doc.document?.name).toBe("工作台账-2026-10.xlsx");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(doc.document?.data as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getCell("A2").value).toBe("基层政务公开事项标准目录编制工作台账");
    expect(ws.getRow(LEDGER_FIRST_DATA_ROW).values).toEqual([
      undefined,
      "城关镇人民政府",
      "完成26个试点领域事项梳理",
      "完成目录汇总审核并在县政府门户网站发布",
      "赵科员",
      "0393-7221234",
    ]);
  });
});
