import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCatalogue, validateCatalogue, writeCatalogue } from "../../../src/catalogue/index.js";
import { startTelegram, type TelegramChannel } from "../../../src/channels/telegram/start-telegram.js";
import { CLEAN_ROW, catalogueKnowledge, logger, makeCore, realKnowledgeBase, sampleCatalogue, tempDir, type CoreHarness } from "../../core/helpers.js";
import { startFakeBotApi, type FakeBotApi, type FakeChat, type FakeUser, type SentRecord } from "./fake-bot-api.js";

const knowledge = catalogueKnowledge();

describe("Telegram channel end to end (fake Bot API)", () => {
  let tmp: ReturnType<typeof tempDir>;
  let api: FakeBotApi;
  let h: CoreHarness;
  let channel: TelegramChannel;

  const alice: FakeUser = { id: 101, is_bot: false, first_name: "张科员" };
  const bob: FakeUser = { id: 102, is_bot: false, first_name: "李股长" };
  const privA: FakeChat = { id: 101, type: "private", first_name: "张科员" };
  const privB: FakeChat = { id: 102, type: "private", first_name: "李股长" };
  const group: FakeChat = { id: -500, type: "supergroup", title: "县政务公开工作群" };

  /** Sends text and waits for the bot's first message in that chat matching `pred`. */
  const say = async (chat: FakeChat, from: FakeUser, text: string, pred: (r: SentRecord) => boolean = () => true, replyTo?: number) => {
    const mark = api.mark();
    api.sendText({ chat, from, text, replyTo });
    return api.waitFor((r) => r.chatId === chat.id && pred(r), { after: mark });
  };
  /** Presses the button whose label contains `label` on message `rec`. */
  const press = async (chat: FakeChat, from: FakeUser, rec: SentRecord, label: string) => {
    const current = api.message(rec.messageId) ?? rec;
    const button = current.buttons?.flat().find((b) => b.text.includes(label));
    if (!button?.callback_data) throw new Error(`no button ${label} on: ${current.text}`);
    const mark = api.mark();
    api.pressButton({ chat, from, messageId: rec.messageId, data: button.callback_data });
    return api.waitFor((r) => r.chatId === chat.id, { after: mark });
  };

  beforeAll(async () => {
    tmp = tempDir("zwgk-tg-");
    api = await startFakeBotApi();
    const kb = await realKnowledgeBase(tmp.dir);
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb });
    channel = await startTelegram({ core: h.core, logger, token: api.token, apiRoot: api.apiRoot, maxUploadBytes: 2 * 1024 * 1024 });
  });
  afterAll(async () => {
    await channel?.stop();
    await api?.stop();
    h?.close();
    tmp?.cleanup();
  });

  it("registers its commands and identity", async () => {
    expect(channel.username).toBe("zwgk_test_bot");
    expect(api.calls.map((c) => c.method)).toContain("getMe");
    const set = await api.waitForCall("setMyCommands");
    const commands = (set.params.commands as { command: string }[]).map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(["ask", "draft", "done", "export", "check"]));
  });

  it("answers a question in a private chat with its citation", async () => {
    const r = await say(privA, alice, "公开依据需要写到具体条款吗？");
    expect(r.method).toBe("sendMessage");
    expect(r.text).toContain("📄 出处");
    expect(r.text).toContain("基层政务公开事项标准目录编制答疑");
  });

  it("in a group answers an @mention and a reply, not side talk", async () => {
    const mark = api.mark();
    api.sendText({ chat: group, from: alice, text: "大家好，公开时限应该怎么写？" });
    const answered = await say(group, alice, "@zwgk_test_bot 公开时限应该怎么写？");
    expect(answered.text).toContain("📄 出处");
    const groupMessages = api.sent.slice(mark).filter((r) => r.chatId === group.id);
    expect(groupMessages).toHaveLength(1); // the unaddressed question got nothing
    const viaReply = await say(group, bob, "公开对象是特定群体时怎么填？", () => true, answered.messageId);
    expect(viaReply.text).toContain("📄 出处");
    // A command addressed to another bot is ignored; ours is answered.
    const mark2 = api.mark();
    api.sendText({ chat: group, from: alice, text: "/help@some_other_bot" });
    const help = await say(group, alice, "/help@zwgk_test_bot");
    expect(help.text).toContain("在群里");
    expect(api.sent.slice(mark2).filter((r) => r.chatId === group.id)).toHaveLength(1);
  });

  it("drafts a full row with the buttons, then exports a workbook that validates without error", async () => {
    let r = await say(privB, bob, "/draft 农村集体土地征收");
    r = await press(privB, bob, r, "征地前期准备");
    r = await press(privB, bob, r, "拟征收土地告知");
    expect(r.text).toContain("请填写【公开内容】");
    r = await say(privB, bob, "拟征收土地的范围、征收目的");
    r = await say(privB, bob, "《中华人民共和国土地管理法》");
    r = await press(privB, bob, r, "20个工作日内");
    r = await say(privB, bob, "县自然资源局");
    expect(r.text).toContain("请选择【公开渠道和载体】");
    const picker = r;
    let edited = await press(privB, bob, picker, "☐ 政府网站");
    expect(edited.method).toBe("editMessageText");
    expect(edited.messageId).toBe(picker.messageId);
    edited = await press(privB, bob, picker, "☐ 两微一端");
    expect(edited.text).toContain("已选：政府网站、两微一端");
    await press(privB, bob, picker, "☐ 征地信息公开平台"); // R24: the field's guideline requires it
    r = await press(privB, bob, picker, "完成");
    expect(r.text).toContain("请填写【公开对象】");
    r = await press(privB, bob, r, "全社会");
    r = await press(privB, bob, r, "主动");
    r = await press(privB, bob, r, "县级和乡级");
    expect(r.text).toContain("全部要素已填写");
    r = await press(privB, bob, r, "保存");
    expect(r.text).toContain("已保存为第1条");
    expect(api.calls.filter((c) => c.method === "answerCallbackQuery").length).toBeGreaterThanOrEqual(10);

    const doc = await say(privB, bob, "/export", (x) => x.method === "sendDocument");
    expect(doc.document?.name).toBe("农村集体土地征收领域基层政务公开标准目录.xlsx");
    const { catalogue } = await readCatalogue(doc.document?.data as Buffer, { knowledge });
    expect(catalogue.rows).toHaveLength(1);
    expect(catalogue.rows[0]).toMatchObject({ level1: "征地前期准备", level2: "拟征收土地告知", channels: ["政府网站", "两微一端", "征地信息公开平台"], levels: ["县级", "乡级"] });
    expect(validateCatalogue(catalogue, knowledge).filter((f) => f.severity === "error")).toEqual([]);
  });

  it("checks an uploaded workbook and sends the annotated report back", async () => {
    const bad = sampleCatalogue({ audience: { kind: "特定群体" } });
    const data = await writeCatalogue(bad, { knowledge });
    const mark = api.mark();
    api.sendDocument({ chat: privA, from: alice, name: "乡镇目录.xlsx", data });
    const summary = await api.waitFor((r) => r.chatId === privA.id && r.method === "sendMessage", { after: mark });
    expect(summary.text).toContain("已检查“乡镇目录.xlsx”");
    expect(summary.text).toContain("R13");
    const report = await api.waitFor((r) => r.chatId === privA.id && r.method === "sendDocument", { after: mark });
    expect(report.document?.name).toBe("乡镇目录-检查报告.xlsx");
    expect(api.calls.some((c) => c.method === "getFile")).toBe(true);

    const mark2 = api.mark();
    api.sendDocument({ chat: privA, from: alice, name: "说明.docx", data: Buffer.from("not a workbook") });
    const refused = await api.waitFor((r) => r.chatId === privA.id, { after: mark2 });
    expect(refused.text).toContain("不是 .xlsx 文件");

    // Oversized: refused from the announced size, never downloaded.
    const getFiles = api.calls.filter((c) => c.method === "getFile").length;
    const mark3 = api.mark();
    api.sendDocument({ chat: privA, from: alice, name: "大表.xlsx", data: Buffer.alloc(3 * 1024 * 1024) });
    const tooBig = await api.waitFor((r) => r.chatId === privA.id, { after: mark3 });
    expect(tooBig.text).toContain("超过了 2.0 MB 的上限");
    expect(api.calls.filter((c) => c.method === "getFile")).toHaveLength(getFiles);
  });

  it("in a group checks a workbook sent with the caption /check, not one for another bot", async () => {
    const data = await writeCatalogue(sampleCatalogue(), { knowledge });
    const mark = api.mark();
    api.sendDocument({ chat: group, from: bob, name: "别的机器人.xlsx", data, caption: "/check@some_other_bot" });
    api.sendDocument({ chat: group, from: bob, name: "群里目录.xlsx", data, caption: "/check" });
    const summary = await api.waitFor((r) => r.chatId === group.id && r.method === "sendMessage", { after: mark });
    expect(summary.text).toContain("已检查“群里目录.xlsx”");
    const mark2 = api.mark();
    api.sendDocument({ chat: group, from: bob, name: "点名目录.xlsx", data, caption: "/check@zwgk_test_bot" });
    const named = await api.waitFor((r) => r.chatId === group.id && r.method === "sendMessage", { after: mark2 });
    expect(named.text).toContain("已检查“点名目录.xlsx”");
    expect(api.sent.slice(mark).some((r) => r.text.includes("别的机器人"))).toBe(false);
  });

  it("treats an anonymous group admin (posting as the group) as an admin", async () => {
    const anonGroup: FakeChat = { id: -600, type: "supergroup", title: "乡镇政务公开群" };
    const anonymous = { id: 1087968824, is_bot: true, first_name: "Group", username: "GroupAnonymousBot" };
    const message = (id: number, from: object, extra: object) => ({
      message_id: id, date: Math.floor(Date.now() / 1000), chat: anonGroup, from, text: "/delete 1",
      entities: [{ type: "bot_command", offset: 0, length: 7 }], ...extra,
    });
    let mark = api.mark();
    api.injectUpdate({ message: message(9001, alice, {}) });
    const refused = await api.waitFor((r) => r.chatId === anonGroup.id, { after: mark });
    expect(refused.text).toContain("只有管理员可以删除");
    mark = api.mark();
    api.injectUpdate({ message: message(9002, anonymous, { sender_chat: { id: anonGroup.id, type: "supergroup", title: anonGroup.title } }) });
    const allowed = await api.waitFor((r) => r.chatId === anonGroup.id, { after: mark });
    expect(allowed.text).toContain("没有第1条");
  });

  it("in a group, asks who administers the chat for replies too: an admin may change a member's draft, another member may not", async () => {
    const g: FakeChat = { id: -700, type: "supergroup", title: "城关镇工作群" };
    const carol: FakeUser = { id: 103, is_bot: false, first_name: "王干事" };
    api.setAdmin(g.id, bob.id);
    const prompt = await say(g, alice, "/draft");
    expect(prompt.text).toContain("请填写【一级事项】");
    const refused = await say(g, carol, "一级事项：征地前期准备", () => true, prompt.messageId);
    expect(refused.text).toContain("这条草稿是张科员起草的");
    const byAdmin = await say(g, bob, "一级事项：征地前期准备", () => true, prompt.messageId);
    expect(byAdmin.text).toContain("已记录：一级事项");
    expect((await say(g, carol, "/cancel")).text).toContain("只有起草人或管理员");
    // The draft holds a recorded value: /cancel asks first, a second /cancel confirms.
    expect((await say(g, alice, "/cancel")).text).toContain("确定要放弃正在起草的这条事项吗");
    expect((await say(g, alice, "/cancel")).text).toContain("已放弃正在起草的事项");
  });

  it("keeps two chats drafting at the same time apart", async () => {
    const c1: FakeChat = { id: 201, type: "private" };
    const c2: FakeChat = { id: -202, type: "group", title: "乡镇群" };
    const u1: FakeUser = { id: 201, is_bot: false, first_name: "王" };
    const u2: FakeUser = { id: 202, is_bot: false, first_name: "赵" };
    await Promise.all([say(c1, u1, "/draft 农村集体土地征收"), say(c2, u2, "/draft 城乡规划")]);
    const row2 = CLEAN_ROW.replace("征地前期准备", "规划管理").replace("拟征收土地告知", "控制性详细规划");
    // Interleaved: both rows arrive before either is saved.
    const mark = api.mark();
    api.sendText({ chat: c1, from: u1, text: CLEAN_ROW });
    api.sendText({ chat: c2, from: u2, text: `@zwgk_test_bot ${row2}` });
    await api.waitFor((r) => r.chatId === c1.id && r.text.includes("全部要素已填写"), { after: mark });
    await api.waitFor((r) => r.chatId === c2.id && r.text.includes("全部要素已填写"), { after: mark });
    await Promise.all([say(c1, u1, "/done"), say(c2, u2, "/done")]);
    const rows1 = await say(c1, u1, "/rows");
    const rows2 = await say(c2, u2, "/rows");
    expect(rows1.text).toContain("征地前期准备 / 拟征收土地告知");
    expect(rows1.text).not.toContain("控制性详细规划");
    expect(rows2.text).toContain("规划管理 / 控制性详细规划");
    expect(rows2.text).not.toContain("拟征收土地告知");
  });

  it("retries a message the Bot API refuses with 429 retry_after", async () => {
    api.failNext("sendMessage", { error_code: 429, description: "Too Many Requests: retry after 1", retry_after: 1 });
    const r = await say(privA, alice, "/help");
    expect(r.text).toContain("政务公开目录助手");
  });
});
