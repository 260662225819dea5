import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalogue, writeCatalogue } from "../../../src/catalogue/index.js";
import { startWecom, type WecomChannel } from "../../../src/channels/wecom/start-wecom.js";
import { loadConfig } from "../../../src/config.js";
import { utf8Bytes } from "../../../src/core/render.js";
import { nudgesFeature } from "../../../src/nudges/index.js";
import { createTick } from "../../../src/nudges/scheduler.js";
import { ChatStore } from "../../../src/store/chat-store.js";
import { CLEAN_ROW, catalogueKnowledge, logger, makeCore, realKnowledgeBase, sampleCatalogue, tempDir, type CoreHarness } from "../../core/helpers.js";
import { bj, LEDGER } from "../../nudges/helpers.js";
import { startFakeWecom, type FakeWecom } from "./fake-wecom.js";

const knowledge = catalogueKnowledge();
/** A one-off deadline due with the ledger's last reminder, so one tick has two nudges for the chat. */
const EXTRA = { ...LEDGER, id: "dept-report", title: "部门政务公开季度情况报送", schedule: { date: "2026-12-04" }, remind: [0] };

describe("WeCom channel end to end (fake long-connection server)", () => {
  let tmp: ReturnType<typeof tempDir>;
  let fake: FakeWecom;
  let h: CoreHarness;
  let channel: WecomChannel;

  /** Sends text and waits for the finished answer. */
  const say = async (o: { user: string; chat?: string; text: string }) => {
    const { reqId } = fake.text(o);
    const r = await fake.answer(reqId);
    return { reqId, ...r, all: r.texts.join("\n") };
  };

  beforeAll(async () => {
    tmp = tempDir("zwgk-wecom-");
    fake = await startFakeWecom();
    const kb = await realKnowledgeBase(tmp.dir);
    let db: CoreHarness["db"] | undefined;
    h = makeCore({
      dbFile: path.join(tmp.dir, "bot.sqlite"),
      kb,
      maxUploadBytes: 2 * 1024 * 1024,
      adminUserIds: loadConfig({ WECOM_ADMINS: "wang.admin" }).adminUserIds, // the deprecated alias still works
      features: [nudgesFeature(() => ({ db: db!, deadlines: [LEDGER, EXTRA], coordinators: [] }))],
    });
    db = h.db;
    channel = await startWecom({
      core: h.core, db: h.db, logger, botId: fake.botId, secret: fake.secret, wsUrl: fake.wsUrl,
      maxUploadBytes: 2 * 1024 * 1024, reconnectIntervalMs: 50,
    });
  });
  afterAll(async () => {
    await channel?.stop();
    await fake?.stop();
    h?.close();
    tmp?.cleanup();
  });

  it("authenticates with the bot id and secret", () => {
    expect(fake.stats.authenticated).toBe(1);
  });

  it("answers an @-question in a group with its citation", async () => {
    const r = await say({ user: "zhang", chat: "grp-1", text: "@政务公开助手\u2005公开依据需要写到具体条款吗？" });
    expect(r.all).toContain("📄 出处");
    expect(r.all).toContain("基层政务公开事项标准目录编制答疑");
  });

  it("drafts in a private chat with numbered choices answered by number", async () => {
    let r = await say({ user: "li", text: "/draft 农村集体土地征收" });
    expect(r.all).toMatch(/\n2\. 征地前期准备\n/);
    expect(r.all).toContain("（回复编号即可选择）");
    r = await say({ user: "li", text: "2" });
    expect(r.all).toContain("已记录：一级事项＝征地前期准备");
    // /cancel of a draft with a recorded value asks, with numbered choices; "1" is 确认放弃.
    r = await say({ user: "li", text: "/cancel" });
    expect(r.all).toMatch(/\n1\. 🗑 确认放弃\n/);
    r = await say({ user: "li", text: "1" });
    expect(r.all).toContain("已放弃正在起草的事项");
  });

  it("checks an .xlsx sent privately and sends the annotated report back as a file", async () => {
    const data = await writeCatalogue(sampleCatalogue({ audience: { kind: "特定群体" } }), { knowledge });
    const { reqId } = fake.file({ user: "zhao", name: "乡镇目录.xlsx", data });
    const r = await fake.answer(reqId, { files: 1 });
    expect(r.texts.join("\n")).toContain("已检查“乡镇目录.xlsx”");
    expect(r.texts.join("\n")).toContain("R13");
    expect(r.files[0]?.filename).toBe("乡镇目录-检查报告.xlsx");
    const report = await readCatalogue(r.files[0]!.data, { knowledge });
    expect(report.catalogue.rows.length).toBe(1);
  });

  it("asks for a private chat when /check is sent in a group", async () => {
    const r = await say({ user: "zhang", chat: "grp-1", text: "@政务公开助手 /check" });
    expect(r.all).toContain("请私聊机器人发送 .xlsx 文件");
  });

  it("sends /export as a file", async () => {
    await say({ user: "sun", text: "/draft 农村集体土地征收" });
    await say({ user: "sun", text: CLEAN_ROW });
    expect((await say({ user: "sun", text: "/done" })).all).toContain("已保存为第1条");
    const { reqId } = fake.text({ user: "sun", text: "/export" });
    const r = await fake.answer(reqId, { files: 1 });
    expect(r.files[0]?.filename).toBe("农村集体土地征收领域基层政务公开标准目录.xlsx");
    expect((await readCatalogue(r.files[0]!.data, { knowledge })).catalogue.rows).toHaveLength(1);
  });

  it("refuses /delete to a group member who is not an admin (ADMIN_USER_IDS wecom:userid, or the deprecated WECOM_ADMINS)", async () => {
    expect((await say({ user: "zhang", chat: "grp-1", text: "@政务公开助手 /delete 1" })).all).toContain("只有管理员可以删除");
    expect((await say({ user: "wang.admin", chat: "grp-1", text: "@政务公开助手 /delete 1" })).all).toContain("没有第1条");
  });

  it("answers one chat's messages in the order they were sent", async () => {
    const texts = ["公开时限怎么写？", "/help", "特定群体怎么写？", "/deadlines", "/rows"];
    const reqIds = texts.map((text) => fake.text({ user: "order", text }).reqId);
    await Promise.all(reqIds.map((r) => fake.answer(r)));
    const order = fake.sent.filter((s) => reqIds.includes(s.reqId) && s.body?.stream?.finish).map((s) => reqIds.indexOf(s.reqId));
    expect([...new Set(order)]).toEqual([0, 1, 2, 3, 4]);
    expect(order).toEqual([...order].sort((a, b) => a - b)); // no reply overtakes an earlier message's
  });

  it("handles a redelivered message once", async () => {
    const { reqId } = fake.text({ user: "li", text: "/help" });
    await fake.answer(reqId);
    fake.redeliver(reqId);
    const probe = await say({ user: "li", text: "/rows" });
    expect(probe.all).toContain("目录");
    await channel.idle();
    expect(fake.repliesTo(reqId).texts).toHaveLength(1);
  });

  it("splits a reply longer than 20,480 bytes", async () => {
    const store = new ChatStore(h.db);
    const row = sampleCatalogue().rows[0]!;
    for (let i = 0; i < 60; i++) store.addRow("wecom:user:qian", { ...row, subject: `${"县人民政府办公室政务公开科".repeat(12)}${i}` });
    const r = await say({ user: "qian", text: "/rows" });
    expect(r.texts.length).toBeGreaterThan(1);
    for (const t of r.texts) expect(utf8Bytes(t)).toBeLessThanOrEqual(20_480);
    expect(utf8Bytes(r.all)).toBeGreaterThan(20_480);
    expect(r.all).toContain("60. ");
  });

  it("sends the nudges due for a registered group as one digest, once, within the chat's daily quota", async () => {
    expect((await say({ user: "wang.admin", chat: "grp-9", text: "@政务公开助手 /subscribe 青山镇人民政府" })).all).toContain("订阅");
    const tick = createTick({ db: h.db, deadlines: [LEDGER, EXTRA], outbox: channel.outbox, logger, proactiveQuota: (chatId) => (channel.owns(chatId) ? channel.capabilities.proactiveQuotaPerDay : undefined) });
    const mark = fake.sent.length;
    await tick(bj("2026-12-04", "09:30"));
    const nudge = await fake.waitFor((s) => s.cmd === "aibot_send_msg" && s.body.chatid === "grp-9", { after: mark });
    expect(nudge.body.msgtype).toBe("markdown");
    expect(nudge.body.markdown.content).toContain("工作台账");
    expect(nudge.body.markdown.content).toContain(EXTRA.title);
    await tick(bj("2026-12-04", "09:31"));
    await tick(bj("2026-12-04", "15:00"));
    expect(fake.sent.slice(mark).filter((s) => s.cmd === "aibot_send_msg" && s.body.chatid === "grp-9")).toHaveLength(1);
  });

  it("says in one Chinese line what failed and which variables to check when it cannot connect or is refused", async () => {
    // a port nothing listens on: the connection is refused
    const closed = await new Promise<number>((resolve) => {
      const server = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const lines: string[] = [];
    const down = await startWecom({
      core: h.core, db: h.db, logger, botId: fake.botId, secret: fake.secret, wsUrl: `ws://127.0.0.1:${closed}`,
      maxUploadBytes: 1024, reconnectIntervalMs: 50, readyTimeoutMs: 400, notify: (line) => lines.push(line),
    });
    await down.stop();
    expect(lines).toEqual([
      `企业微信暂未连上 ws://127.0.0.1:${closed}：连接被拒绝（地址或端口不对，或服务未运行）。正在后台重试；请检查本机能否访问该地址（防火墙、代理）、WECOM_WS_URL 是否正确（一般不用设置），以及 WECOM_BOT_ID、WECOM_BOT_SECRET。`,
    ]);
    const refused = startWecom({ core: h.core, db: h.db, logger, botId: fake.botId, secret: "wrong", wsUrl: fake.wsUrl, maxUploadBytes: 1024, notify: (line) => lines.push(line) });
    await expect(refused).rejects.toThrow(/^企业微信认证失败（.*）：请检查 WECOM_BOT_ID 和 WECOM_BOT_SECRET/);
  });

  it("reconnects after the server drops the connection and keeps answering", async () => {
    const before = fake.stats.authenticated;
    fake.drop();
    await fake.waitForConnections(before + 1);
    expect((await say({ user: "li", text: "/help" })).all).toContain("政务公开目录助手");
  });
});
