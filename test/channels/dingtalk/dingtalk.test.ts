import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalogue, validateCatalogue, writeCatalogue } from "../../../src/catalogue/index.js";
import { DINGTALK_CAPABILITIES, startDingTalk, type DingTalkChannel } from "../../../src/channels/dingtalk/dingtalk-channel.js";
import { nudgesFeature, planSends } from "../../../src/nudges/index.js";
import { shanghaiInstant, shanghaiNow, addDays } from "../../../src/nudges/calendar.js";
import { createTick } from "../../../src/nudges/scheduler.js";
import { CLEAN_ROW, catalogueKnowledge, logger, makeCore, realKnowledgeBase, sampleCatalogue, tempDir, type CoreHarness } from "../../core/helpers.js";
import { LEDGER } from "../../nudges/helpers.js";
import { ChannelStore } from "../../../src/store/channel-store.js";
import { CLIENT_ID, CLIENT_SECRET, privateConversation, startFakeDingTalk, type FakeDingTalk, type SentMessage, type UserMessage } from "./fake-dingtalk.js";

const knowledge = catalogueKnowledge();

describe("DingTalk channel end to end (fake Stream gateway and REST APIs)", () => {
  let tmp: ReturnType<typeof tempDir>;
  let dt: FakeDingTalk;
  let h: CoreHarness;
  let channel: DingTalkChannel;
  let seq = 0;

  const zhang = { staffId: "0101", nick: "张科员" };
  const li = { staffId: "0102", nick: "李股长" };
  const group = { id: "cidGROUP1", title: "县政务公开工作群" };

  /** A user writes; resolves with what the robot sent in reply, once `done` holds for it. */
  const say = async (m: Omit<UserMessage, "msgId"> & { msgId?: string }, done: (s: SentMessage[]) => boolean = (s) => s.length > 0) => {
    const after = dt.sent.length;
    dt.push({ msgId: m.msgId ?? `msg${++seq}`, ...m });
    return dt.waitFor(done, { after });
  };
  const last = (s: SentMessage[]) => s.at(-1) as SentMessage;

  beforeAll(async () => {
    tmp = tempDir("zwgk-dt-");
    dt = await startFakeDingTalk();
    const kb = await realKnowledgeBase(tmp.dir);
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, features: [nudgesFeature(() => ({ db: h.db, deadlines: [LEDGER] }))] });
    channel = await start();
    await channel.stream.ready;
  });
  const start = () =>
    startDingTalk({
      core: h.core, db: h.db, logger, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET,
      apiBase: dt.apiBase, oapiBase: dt.oapiBase, maxUploadBytes: 2 * 1024 * 1024, reconnect: { initialDelayMs: 30, maxDelayMs: 200 },
    });
  afterAll(async () => {
    await channel?.stop();
    await dt?.stop();
    h?.close();
    tmp?.cleanup();
  });

  it("answers a group @-question with its citation through the sessionWebhook", async () => {
    const [reply] = await say({ group, sender: zhang, text: "公开时限应该怎么写？" });
    expect(reply).toMatchObject({ via: "session", msgKey: "markdown" });
    expect(reply?.text).toContain("📄 出处");
    expect(reply?.title?.length).toBeGreaterThan(0);
    expect(new ChannelStore(h.db).chat(`dingtalk:${group.id}`)).toMatchObject({ channel: "dingtalk", chatType: "group", target: group.id });
    // The session webhook was called with the oapi token, never the new-API one.
    expect(dt.requests.filter((r) => r.path === "/robot/sendBySession").every((r) => r.token === "oapi-token-1")).toBe(true);
  });

  it("drafts a row in a private chat with numbered choices, then exports it as a file", async () => {
    const me = { sender: li };
    let r = last(await say({ ...me, text: "/draft 农村集体土地征收" }));
    expect(r.text).toMatch(/\d+\. 征地前期准备/);
    const pick = async (label: string, text: string | undefined = r.text) => {
      const m = new RegExp(`(\\d+)\\. [^\\n]*${label}`).exec(text ?? "");
      if (!m) throw new Error(`no choice ${label} in: ${text}`);
      r = last(await say({ ...me, text: m[1] }));
      return r;
    };
    await pick("征地前期准备");
    await pick("拟征收土地告知");
    expect(r.text).toContain("请填写【公开内容】");
    r = last(await say({ ...me, text: "拟征收土地的范围、征收目的" }));
    r = last(await say({ ...me, text: "《中华人民共和国土地管理法》" }));
    await pick("20个工作日内");
    r = last(await say({ ...me, text: "县自然资源局" }));
    expect(r.text).toContain("请选择【公开渠道和载体】");
    await pick("政府网站");
    await pick("征地信息公开平台"); // R24: the field's guideline requires it
    await pick("完成");
    expect(r.text).toContain("请填写【公开对象】");
    await pick("全社会");
    await pick("主动");
    await pick("县级和乡级");
    expect(r.text).toContain("全部要素已填写");
    await pick("保存");
    expect(r.text).toContain("已保存为第1条");

    const sent = await say({ ...me, text: "/export" }, (s) => s.some((x) => x.msgKey === "sampleFile"));
    const file = sent.find((x) => x.msgKey === "sampleFile");
    expect(file).toMatchObject({ via: "users", target: li.staffId });
    expect(file?.file?.name).toBe("农村集体土地征收领域基层政务公开标准目录.xlsx");
    expect(file?.file?.fileType).toBe("xlsx");
    const { catalogue } = await readCatalogue(file?.file?.data as Buffer, { knowledge });
    expect(catalogue.rows[0]).toMatchObject({ level1: "征地前期准备", level2: "拟征收土地告知", levels: ["县级", "乡级"] });
    expect(validateCatalogue(catalogue, knowledge).filter((f) => f.severity === "error")).toEqual([]);
    // Media upload used the oapi token; the file message the new-API token.
    expect(dt.requests.find((x) => x.path === "/media/upload")?.token).toBe("oapi-token-1");
    expect(dt.requests.filter((x) => x.path.startsWith("/v1.0/robot/")).every((x) => x.token === "api-token-1")).toBe(true);
  });

  it("checks a privately sent .xlsx and sends the annotated report file back", async () => {
    const data = await writeCatalogue(sampleCatalogue({ audience: { kind: "特定群体" } }), { knowledge });
    const sent = await say({ sender: zhang, file: { name: "乡镇目录.xlsx", data } }, (s) => s.some((x) => x.msgKey === "sampleFile"));
    const summary = sent.find((x) => x.text?.includes("已检查"));
    expect(summary?.text).toContain("已检查“乡镇目录.xlsx”");
    expect(summary?.text).toContain("R13");
    const report = sent.find((x) => x.msgKey === "sampleFile");
    expect(report).toMatchObject({ via: "users", target: zhang.staffId });
    expect(report?.file?.name).toBe("乡镇目录-检查报告.xlsx");
    expect(dt.requests.some((x) => x.path === "/v1.0/robot/messageFiles/download")).toBe(true);
  });

  it("answers one chat's messages in the order they came", async () => {
    const after = dt.sent.length;
    const who = { staffId: "0303", nick: "王主任" };
    dt.push({ msgId: "order1", sender: who, text: "公开时限应该怎么写？" });
    dt.push({ msgId: "order2", sender: who, text: "/rows" });
    dt.push({ msgId: "order3", sender: who, text: "/help" });
    const sent = await dt.waitFor((s) => s.length >= 3, { after });
    expect(sent[0]?.text).toContain("📄 出处");
    expect(sent[1]?.text).toContain("还没有保存的事项");
    expect(sent[2]?.text).toContain("/draft");
  });

  it("says what it can read when sent a picture", async () => {
    const [reply] = await say({ sender: zhang, picture: true });
    expect(reply?.text).toContain("这类消息我还读不了");
  });

  it("asks for a private chat when /check is sent in a group", async () => {
    const [reply] = await say({ group, sender: zhang, text: "/check" });
    expect(reply?.text).toContain("请私聊机器人发送 .xlsx 文件");
  });

  it("refuses /delete to a group member who is not an admin, and lets an admin delete", async () => {
    const admin = { group, sender: li, isAdmin: true };
    await say({ ...admin, text: "/draft 农村集体土地征收" });
    await say({ ...admin, text: CLEAN_ROW });
    expect(last(await say({ ...admin, text: "/done" })).text).toContain("已保存为第1条");
    const refused = last(await say({ group, sender: zhang, isAdmin: false, text: "/delete 1" }));
    expect(refused.text).toContain("只有管理员可以删除");
    expect(h.store.countRows(`dingtalk:${group.id}`)).toBe(1);
    const confirm = last(await say({ ...admin, text: "/delete 1" }));
    expect(confirm.text).toContain("确定要删除第1条吗");
    const n = /(\d+)\. 🗑 确认删除第1条/.exec(confirm.text ?? "")?.[1];
    // The confirmation offered by number: a member answering the number is refused too.
    expect(last(await say({ group, sender: zhang, isAdmin: false, text: n })).text).toContain("只有管理员可以");
    expect(h.store.countRows(`dingtalk:${group.id}`)).toBe(1);
    // (Any answered message resets the numbers a chat was offered, so the admin asks again.)
    await say({ ...admin, text: "/delete 1" });
    expect(last(await say({ ...admin, text: n })).text).toContain("已删除第1条");
    expect(h.store.countRows(`dingtalk:${group.id}`)).toBe(0);
  });

  it("splits a long reply into messages under the limit without breaking its list", async () => {
    const chatId = `dingtalk:${privateConversation(zhang.staffId)}`;
    const row = sampleCatalogue().rows[0];
    for (let i = 0; i < 60; i++) h.store.addRow(chatId, { ...row, level2: `拟征收土地告知（第${i + 1}批次，含征收范围、征收目的、土地现状调查安排、补偿安置方案、社会保障费用安排及听证权利告知的公告）` });
    const sent = await say({ sender: zhang, text: "/rows" }, (s) => s.some((x) => x.text?.includes("/export 导出表格")));
    expect(sent.length).toBeGreaterThanOrEqual(2);
    const texts = sent.map((x) => (x.text ?? "").replace(/ {2}$/gm, ""));
    for (const t of texts) expect(Buffer.byteLength(t)).toBeLessThanOrEqual(DINGTALK_CAPABILITIES.maxMessageBytes);
    const items = texts.flatMap((t, m) => t.split("\n").flatMap((line) => (/^\d+\. /.test(line) ? [{ m, n: Number(/^\d+/.exec(line)?.[0]), line }] : [])));
    expect(items.map((x) => x.n)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    // Every item is whole: it ends with its closing parenthesis in the same message.
    for (const it of items) expect(it.line).toMatch(/公告）（县自然资源局，及时公开）$/);
  });

  it("sends a due nudge to a subscribed group once, through the group-send API", async () => {
    expect(last(await say({ group, sender: li, isAdmin: true, text: "/subscribe 城关镇" })).text).toContain("订阅");
    const today = shanghaiNow(new Date()).date;
    const next = planSends([LEDGER], addDays(today, 1), addDays(today, 40))[0];
    if (!next) throw new Error("no planned nudge");
    const at = new Date(shanghaiInstant(next.sendOn, next.time).getTime() + 60_000);
    const tick = createTick({ db: h.db, deadlines: [LEDGER], outbox: channel.outbox, logger });
    const after = dt.sent.length;
    const first = await tick(at);
    expect(first.filter((x) => x.ok)).toHaveLength(1);
    const nudges = dt.sent.slice(after);
    expect(nudges.length).toBeGreaterThanOrEqual(1);
    expect(nudges.every((x) => x.via === "group" && x.target === group.id && x.msgKey === "sampleMarkdown")).toBe(true);
    expect(nudges.map((x) => x.text).join("\n")).toContain(LEDGER.title);
    expect(await tick(at)).toEqual([]);
    expect(await tick(new Date(at.getTime() + 60_000))).toEqual([]);
    expect(dt.sent.length).toBe(after + nudges.length);
  });

  it("replies through the active-send API once the sessionWebhook has expired", async () => {
    const sent = await say({ group, sender: zhang, text: "公开对象怎么填？", sessionExpiresAt: Date.now() - 1000 });
    expect(sent[0]).toMatchObject({ via: "group", target: group.id, msgKey: "sampleMarkdown" });
  });

  it("handles a redelivered message once", async () => {
    const after = dt.sent.length;
    const m = { msgId: "msgREDELIVER", sender: zhang, text: "/help" };
    const frame = dt.push(m);
    await dt.waitFor((s) => s.length > 0, { after });
    await channel.idle();
    const answered = dt.sent.length;
    dt.push(m, frame); // the same frame again (not acknowledged in time)
    dt.push(m); // the same message in a new frame
    await dt.waitUntil(() => dt.acks.filter((a) => a === frame).length >= 2 && dt.acks.length >= 3);
    await channel.idle();
    await new Promise((r) => setTimeout(r, 200));
    expect(dt.sent.length).toBe(answered);
  });

  it("reconnects with a new gateway ticket after the server drops it, and keeps answering", async () => {
    const calls = dt.gatewayCalls;
    const connections = dt.connections;
    dt.drop();
    await dt.waitUntil(() => dt.connections > connections && channel.stream.connections >= 2);
    expect(dt.gatewayCalls).toBeGreaterThan(calls);
    const [reply] = await say({ sender: li, text: "公开依据需要写到具体条款吗？" });
    expect(reply?.text).toContain("📄 出处");
  });

  it("still knows a message it handled before a restart", async () => {
    await channel.stop();
    channel = await start();
    await channel.stream.ready;
    const after = dt.sent.length;
    dt.push({ msgId: "msgREDELIVER", sender: zhang, text: "/help" });
    const [reply] = await say({ sender: zhang, text: "/help" });
    expect(reply?.text).toContain("/draft");
    expect(dt.sent.length).toBe(after + 1);
  });
});
