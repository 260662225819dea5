// The nudge commands a unit's group uses: subscribing, the deadlines and their reminders, /due and
// chat deadlines. The coordinators' view and the monthly ledger: commands-ledger.test.ts.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NUDGE_COMMANDS } from "../../src/nudges/command-specs.js";
import { loadDeadlines } from "../../src/nudges/deadlines.js";
import { handleNudgeCommand } from "../../src/nudges/commands.js";
import { createTick } from "../../src/nudges/scheduler.js";
import { LedgerStore } from "../../src/nudges/ledger-store.js";
import { ReminderStore } from "../../src/nudges/reminder-store.js";
import { SubscriptionStore } from "../../src/nudges/subscription-store.js";
import type { Deadline } from "../../src/nudges/deadlines.js";
import { bj, LEDGER, QUARTERLY, recordingOutbox, silentLogger, useCommandChat } from "./helpers.js";

const h = useCommandChat();
const { msg, say, sayText } = h;

describe("command list and help", () => {
  it("exports Telegram-valid commands with Chinese descriptions, all explained in the help", () => {
    for (const c of NUDGE_COMMANDS) {
      expect(c.name).toMatch(/^[a-z_]{1,32}$/);
      expect(c.description).toMatch(/[\u4e00-\u9fff]/);
      expect(c.help).toContain(`/${c.name}`);
    }
  });
});

describe("routing", () => {
  it("returns null for what is not its business", async () => {
    expect(await say("/start")).toBeNull();
    expect(await say("你好")).toBeNull();
    expect(await handleNudgeCommand({ ...msg(""), text: undefined, choice: "row:edit:1" }, { db: h.db, deadlines: [LEDGER] })).toBeNull();
  });
});

describe("/subscribe and /unsubscribe", () => {
  it("refuses members who are not admins, in Chinese", async () => {
    expect(await sayText("/subscribe", { isAdmin: false })).toContain("只有群管理员可以订阅");
    expect(await sayText("/unsubscribe", { isAdmin: false })).toContain("只有群管理员可以取消订阅");
    expect(new SubscriptionStore(h.db).subscriptions()).toEqual([]);
  });

  it("subscribes with a unit name, lists the deadlines, mutes one and unsubscribes", async () => {
    const t = await sayText("/subscribe@zwgk_bot 城关镇人民政府");
    expect(t).toContain("已订阅截止提醒");
    expect(t).toContain("单位名称：城关镇人民政府");
    expect(t).toContain("[monthly-ledger]");
    expect(await sayText("/subscribe 城关镇")).toContain("单位名称已更新");
    expect(new SubscriptionStore(h.db).subscription("-100")?.unitName).toBe("城关镇");
    expect(await sayText("/unsubscribe quarterly")).toContain("已停止本群「季度进展情况上报」的提醒");
    expect(await sayText("/deadlines")).toContain("🔕已停止提醒");
    expect(await sayText("/subscribe quarterly")).toContain("已恢复");
    expect(await sayText("/unsubscribe")).toContain("已取消订阅");
    expect(await sayText("/unsubscribe")).toContain("本群没有订阅");
  });

  // Before migration 004, /unsubscribe deleted the subscription row (the name and level with it).
  const eraseAsBefore004 = (chatId: string) => h.db.prepare("DELETE FROM nudge_subscriptions WHERE chat_id = ?").run(chatId);

  it("restores the unit name of a chat an older /unsubscribe erased from its latest ledger entry, and says so", async () => {
    await sayText("/subscribe 城关镇人民政府 乡级");
    const entry = { chatId: "-100", done: "完成", plan: "计划", contact: "张三", phone: "13800138000", reportedBy: "张三", reportedAt: h.clock.toISOString() };
    new LedgerStore(h.db).saveLedgerEntry({ ...entry, month: "2026-08", unitName: "城关镇政府" });
    new LedgerStore(h.db).saveLedgerEntry({ ...entry, month: "2026-09", unitName: "城关镇人民政府" });
    eraseAsBefore004("-100");
    expect(new SubscriptionStore(h.db).unit("-100")).toBeUndefined();
    const t = await sayText("/subscribe");
    expect(t).toContain("已恢复订阅截止提醒");
    expect(t).toContain("已按本群2026年9月工作台账中填报的单位名称恢复");
    expect(t).toContain("单位名称：城关镇人民政府");
    expect(t).toContain("单位层级：乡级（按单位名称判断）"); // the stated level is gone; never guessed beyond the name
    expect(t).toContain("请重新注明");
    expect(new SubscriptionStore(h.db).subscription("-100")).toMatchObject({ unitName: "城关镇人民政府", unitLevel: undefined });
  });

  it("a named /subscribe wins over the ledger; a chat with only reminder history is told its name was lost; a new chat gets no such note", async () => {
    new LedgerStore(h.db).saveLedgerEntry({ chatId: "-100", month: "2026-09", unitName: "城关镇人民政府", done: "a", plan: "b", contact: "c", phone: "13800138000", reportedBy: "x", reportedAt: h.clock.toISOString() });
    const named = await sayText("/subscribe 西关镇");
    expect(named).not.toContain("已恢复订阅");
    expect(named).toContain("单位名称：西关镇");

    new ReminderStore(h.db).ack("-200", "monthly-ledger", "2026-10-05", "张三", h.clock.toISOString());
    const lost = await sayText("/subscribe", { chatId: "-200" });
    expect(lost).toContain("已恢复订阅截止提醒");
    expect(lost).toContain("单位名称未能保留");
    expect(lost).toContain("尚未登记单位名称");
    expect(new SubscriptionStore(h.db).unit("-200")?.unitName).toBeUndefined();

    const fresh = await sayText("/subscribe", { chatId: "-300" });
    expect(fresh).toContain("✅ 已订阅截止提醒");
    expect(fresh).not.toContain("恢复");
  });
});

describe("/deadlines, /ack, /snooze", () => {
  it("lists upcoming deadlines with a working-day countdown and holiday notes", async () => {
    const t = await sayText("/deadlines");
    expect(t).toContain("截止 2026年9月30日（周三），还有 3 个工作日（不含今天）"); // quarterly: 09-28, 29, 30
    expect(t).toContain("截止 2026年10月5日（周一），还有 3 个工作日");
    expect(t).toContain("适逢国庆节假期");
    expect(t).toContain("本群尚未订阅提醒");
  });

  it("shows each shipped deadline's basis, its locality, and when its date is the assistant's default (trial finding 3)", async () => {
    const shipped = loadDeadlines(path.resolve(import.meta.dirname, "../../knowledge/deadlines.yaml"));
    const view = async (text: string) => (await handleNudgeCommand(msg(text, { now: bj("2026-12-01", "10:00") }), { db: h.db, deadlines: shipped, coordinators: ["-100"] }))?.[0]?.text ?? "";
    const t = await view("/deadlines");
    const item = (id: string) => t.slice(t.indexOf(`[${id}]`), t.indexOf("\n", t.indexOf("依据：", t.indexOf(`[${id}]`))) + 200).split(/\n\d+\. \[/)[0] as string;
    expect(item("monthly-ledger")).toContain("依据：广东省人民政府办公厅关于切实做好基层政务公开标准化规范化工作的通知 三、及附件2（广东）");
    expect(item("township-quarterly-progress")).toContain("依据：清丰县人民政府办公室 清政办〔2020〕10号 四、（一）（河南省清丰县）");
    expect(item("township-quarterly-progress")).toContain("文件未规定具体日期，按季度末提醒");
    expect(item("catalogue-review")).toContain("依据：《中华人民共和国政府信息公开条例》第十二条\n");
    expect(item("catalogue-review")).toContain("未规定具体日期，按每年年底复核提醒");
    expect(item("dept-annual-report")).toContain("依据：《中华人民共和国政府信息公开条例》第四十九条第一款\n");
    expect(item("dept-annual-report")).not.toContain("未规定具体日期");
    await handleNudgeCommand(msg("/subscribe 城关镇"), { db: h.db, deadlines: shipped });
    const status = await view("/status");
    expect(status).toMatch(/\[township-quarterly-progress\][^[]*依据：清丰县[^[]*（河南省清丰县）\n文件未规定具体日期，按季度末提醒/);
    expect(status).toMatch(/\[monthly-ledger\][^[]*依据：广东省[^[]*（广东）/);
  });

  it("acks the latest nudge, by button, or by id", async () => {
    h.clock = bj("2026-09-01");
    await sayText("/subscribe 城关镇");
    h.clock = bj("2026-09-24", "09:30");
    const box = recordingOutbox();
    await createTick({ db: h.db, deadlines: [LEDGER, QUARTERLY], outbox: box.outbox, logger: silentLogger })(bj("2026-09-24", "09:00"));
    expect(await sayText("/ack")).toContain("已完成「基层政务公开事项标准目录编制工作台账」（截止 2026年10月5日（周一））");
    expect(await sayText("/ack")).toContain("没有待处理的提醒");
    expect(await sayText("/ack quarterly")).toContain("已完成「季度进展情况上报」");
    expect(await sayText("/ack nosuch")).toContain("没有编号为“nosuch”的事项");
    const viaButton = await handleNudgeCommand({ ...msg(""), text: undefined, choice: "nudge:ack:monthly-ledger:2026-10-05" }, { db: h.db, deadlines: [LEDGER] });
    expect(viaButton?.[0]?.text).toContain("此前已标记完成");
    expect(await sayText("/deadlines")).toContain("✅本群已完成");
  });

  it("snoozes by working days, capped at the last working day before the due date", async () => {
    await sayText("/subscribe 城关镇", { now: bj("2026-09-24", "08:00") });
    await createTick({ db: h.db, deadlines: [LEDGER], outbox: recordingOutbox().outbox, logger: silentLogger })(bj("2026-09-24", "09:00"));
    // After the 3-day reminder, one working day is Monday 28th (over 中秋): remind again then;
    // each later /snooze moves the snooze in force later.
    expect(await sayText("/snooze 1 monthly-ledger")).toContain("将于 2026年9月28日（周一） 09:00 再次提醒");
    expect(await sayText("/snooze 2 monthly-ledger")).toContain("将于 2026年9月29日（周二） 09:00 再次提醒");
    expect(await sayText("/snooze 10 monthly-ledger")).toContain("将于 2026年9月30日（周三） 09:00 再次提醒（推迟后将超过");
    expect(await sayText("/snooze 0 monthly-ledger")).toContain("1–30");
    expect(await sayText("/snooze quarterly 1")).toContain("「季度进展情况上报」的提醒：将于 2026年9月28日");
    h.clock = bj("2026-09-30", "10:00");
    expect(await sayText("/snooze 1 monthly-ledger")).toContain("无法再推迟");
    const viaButton = await handleNudgeCommand({ ...msg(""), text: undefined, choice: "nudge:snooze:quarterly:2026-09-30:1", now: bj("2026-09-28", "09:00") }, { db: h.db, deadlines: [QUARTERLY] });
    // Pressed under the 2-day reminder of Monday 28th: remind again on Tuesday 29th.
    expect(viaButton?.[0]?.text).toContain("将于 2026年9月29日（周二） 09:00 再次提醒");
  });

  it("never brings a reminder forward: /snooze on an item not reminded yet keeps its first reminder (trial finding 8)", async () => {
    const review: Deadline = { id: "catalogue-review", title: "目录年度复核", source: "条例第十二条", schedule: { yearly: "12-31" }, remind: [10, 3, 0], time: "09:00" };
    const reply = await handleNudgeCommand(msg("/snooze 2 catalogue-review", { now: bj("2026-12-01", "10:00") }), { db: h.db, deadlines: [review] });
    const t = reply?.[0]?.text ?? "";
    expect(t).toContain("下一次提醒本来就在 2026年12月17日（周四） 09:00，晚于推迟 2 个工作日后的 2026年12月3日（周四）");
    expect(t).toContain("推迟不会让提醒提前");
    expect(new ReminderStore(h.db).snoozes("2026-12-01").size).toBe(0);
  });

  it("a second 推迟 is compared with the snooze in force and the reminders actually sent", async () => {
    const review: Deadline = { id: "catalogue-review", title: "目录年度复核", source: "条例第十二条", schedule: { yearly: "12-31" }, remind: [10, 3, 0], time: "09:00" };
    const at = (text: string, day: string, time: string, chatId = "-100") => handleNudgeCommand(msg(text, { chatId, now: bj(day, time) }), { db: h.db, deadlines: [review] }).then((r) => r?.[0]?.text ?? "");
    const snoozeOf = (chatId = "-100") => new ReminderStore(h.db).snoozeOf(chatId, review.id, "2026-12-31")?.until;
    await at("/subscribe 城关镇", "2026-12-01", "10:00");
    const sent = await createTick({ db: h.db, deadlines: [review], outbox: recordingOutbox().outbox, logger: silentLogger })(bj("2026-12-17", "09:00"));
    expect(sent.map((s) => [s.chatId, s.offset])).toEqual([["-100", 10]]);
    expect(await at("/snooze 8 catalogue-review", "2026-12-17", "10:00")).toContain("将于 2026年12月29日（周二） 09:00 再次提醒");
    // the 17th's button pressed again the next day would bring the 29th forward: kept
    const again = (await handleNudgeCommand({ ...msg(""), text: undefined, choice: "nudge:snooze:catalogue-review:2026-12-31:1", now: bj("2026-12-18", "10:00") }, { db: h.db, deadlines: [review] }))?.[0]?.text ?? "";
    expect(again).toContain("下一次提醒已推迟到 2026年12月29日（周二） 09:00，晚于推迟 1 个工作日后的 2026年12月21日（周一）");
    expect(snoozeOf()).toBe("2026-12-29");
    expect(await at("/snooze 10 catalogue-review", "2026-12-18", "10:00")).toContain("将于 2026年12月31日（周四） 09:00 再次提醒");
    expect(snoozeOf()).toBe("2026-12-31");
    // a chat subscribed after the 17th has received nothing: /snooze does not bring the 28th forward
    await at("/subscribe 城南镇", "2026-12-20", "10:00", "-200");
    expect(await at("/snooze 1 catalogue-review", "2026-12-21", "10:00", "-200")).toContain("下一次提醒本来就在 2026年12月28日（周一） 09:00");
    expect(snoozeOf("-200")).toBeUndefined();
  });
});

describe("/due", () => {
  it("counts working days from a date, the start day not counted", async () => {
    const t = await sayText("/due 2026-09-28 7");
    expect(t).toContain("截止日为 2026年10月13日（周二）");
    expect(t).toContain("已跳过国庆节假期 10-01—10-07（7 天）");
    expect(t).toContain("2026年10月10日（周六）为国庆节调休上班日，计入工作日");
    expect(t).not.toContain("尚未公布");
    expect(await sayText("/due 2026年9月24日 1")).toContain("截止日为 2026年9月28日（周一）");
  });

  it("warns when the dates lie past the calendar data", async () => {
    expect(await sayText("/due 2026-12-31 3")).toContain("2027年节假日安排尚未公布，按周一至周五推算（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节按法定日期推算，调休未计）");
    // 元旦 falls on its fixed date, published schedule or not: 2027-01-01 is no working day
    const due = await sayText("/due 2026-12-25 5");
    expect(due).toContain("2027年1月4日");
    expect(due).not.toContain("2027年1月1日");
  });

  it.each(["/due", "/due 2026-09-31 7", "/due 2026-09-28", "/due 2026-09-28 -1", "/due 2026-09-28 7 8"])("explains the usage for %j", async (t) => {
    expect(await sayText(t)).toContain("用法：/due 起始日期 工作日数");
  });
});

describe("/deadline add and del", () => {
  it("adds a chat deadline in the Chinese syntax, lists it and deletes it", async () => {
    await sayText("/subscribe 城关镇");
    const t = await sayText("/deadline add 每年1、4、7、10月10日 乡镇季度台账 提前2,0 08:30 依据：县政府办通知");
    expect(t).toContain("已添加本群事项 c1：乡镇季度台账");
    expect(t).toContain("每年1、4、7、10月10日；提前 2、0 个工作日 08:30 提醒");
    expect(t).toContain("下次截止：2026年10月10日（周六）");
    const [own] = new SubscriptionStore(h.db).chatDeadlines("-100");
    expect(own?.deadline).toMatchObject({ id: "c1", schedule: { monthly: 10, months: [1, 4, 7, 10] }, remind: [2, 0], time: "08:30" });
    expect(own?.deadline.source).toContain("县政府办通知");
    expect(await sayText("/deadlines")).toContain("[c1] 乡镇季度台账");
    expect(await sayText("/deadline add 2026-12-01 年终总结", { isAdmin: false })).toContain("只有群管理员");
    expect(await sayText("/deadline add 每周五 周报")).toContain("无法识别截止时间“每周五”");
    expect(await sayText("/deadline add 每月5日")).toContain("请写明事项名称");
    expect(await sayText("/deadline del c1", { chatId: "-200" })).toContain("本群没有编号为“c1”");
    expect(await sayText("/deadline del c1")).toContain("已删除本群事项 c1");
  });
});

describe("dates past the holiday data", () => {
  it("/due and /deadline add answer in Chinese about the data range instead of failing", async () => {
    const far = await sayText("/due 9999-01-01 1000");
    expect(far).toContain("9999年1月1日超出可计算的范围：国务院节假日安排目前只公布到2026年");
    expect(await sayText("/due 2036-12-30 5")).toContain("推算出的截止日2037年1月7日超出可计算的范围"); // 元旦 skipped
    expect(await sayText("/deadline add 9999-12-31 测试事项")).toMatch(/^未添加：9999年12月31日超出可计算的范围/);
    expect(new SubscriptionStore(h.db).chatDeadlines("-100")).toEqual([]);
    const later = await sayText("/deadline add 2030-12-31 测试事项");
    expect(later).toContain("下次截止：2030年12月31日（周二）");
    expect(later).toContain("2027年起节假日安排尚未公布，按周一至周五推算");
    expect(later).not.toContain("该日期已过");
  });
});
