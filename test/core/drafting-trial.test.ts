/** Drafting cases from the second fresh-eyes trial: one field per chat, questions at a prompt, field names, R24. */
import { describe, expect, it } from "vitest";
import type { Row } from "../../src/catalogue/index.js";
import { CLEAN_ROW, coreSuite, sampleCatalogue, textOf } from "./helpers.js";

const SOCIAL_ROW = CLEAN_ROW.replace("征地前期准备", "社会救助政策").replace("拟征收土地告知", "最低生活保障").replace("征地信息公开平台、", "");

describe("drafting after the second trial", () => {
  const suite = coreSuite();

  it("never relabels saved rows: another field's draft is refused with the way out", async () => {
    const chat = { chatId: "two-fields" };
    await suite.h.say("/draft 农村集体土地征收", chat);
    await suite.h.say(CLEAN_ROW, chat);
    expect(textOf(await suite.h.say("/done", chat))).toContain("已保存为第1条");
    const text = textOf(await suite.h.say("/draft 社会救助", chat));
    expect(text).toContain("本聊天的目录是“农村集体土地征收”领域，已保存 1 条");
    expect(text).toContain("请在另一个群或与我私聊发送 /draft 社会救助");
    expect(suite.h.store.getDraft("two-fields")).toBeUndefined();
    // A 领域 line in a draft of this chat is refused the same way, and so is saving it.
    await suite.h.say("/draft", chat);
    const labelled = textOf(await suite.h.say(`领域：社会救助\n${SOCIAL_ROW}`, chat));
    expect(labelled).toContain("⚠ 本聊天的目录是“农村集体土地征收”领域");
    expect((suite.h.store.getDraft("two-fields") as { field?: string }).field).toBeUndefined();
    expect(suite.h.store.getSetting("two-fields", "field")).toBe("农村集体土地征收");
    expect(textOf(await suite.h.say("/rows", chat))).toContain("农村集体土地征收领域目录共 1 条");
  });

  it("refuses to save a draft whose field differs from rows saved meanwhile", async () => {
    const chat = { chatId: "raced" };
    await suite.h.say("/draft 社会救助", chat);
    await suite.h.say(SOCIAL_ROW, chat);
    // Rows of another field were saved into this chat meanwhile (e.g. by a workbook or another member).
    suite.h.store.addRow("raced", { ...(sampleCatalogue().rows[0] as Row), seq: null });
    suite.h.store.setSetting("raced", "field", "农村集体土地征收");
    const text = textOf(await suite.h.say("/done", chat));
    expect(text).toContain("还不能保存：本聊天的目录是“农村集体土地征收”领域");
    expect(suite.h.store.countRows("raced")).toBe(1);
    expect(suite.h.store.getSetting("raced", "field")).toBe("农村集体土地征收");
  });

  it("says what happened to /draft X sent while another draft is open", async () => {
    const chat = { chatId: "open-draft" };
    await suite.h.say("/draft 社会救助", chat);
    const text = textOf(await suite.h.say("/draft 农村集体土地征收", chat));
    expect(text).toContain("没有为“农村集体土地征收”另开新稿：这条草稿仍是“社会救助”领域");
    expect(text).toContain("请发送“领域：农村集体土地征收”");
    expect((suite.h.store.getDraft("open-draft") as { field?: string }).field).toBe("社会救助");
  });

  it.each([
    ["征地", "目录领域：农村集体土地征收（“征地”在国家标准指引中的名称）", "国家指引（农村集体土地征收领域）中的名称"],
    ["重大项目建设", "目录领域：重大建设项目（“重大项目建设”在国家标准指引中的名称）", "开始起草第1条（重大建设项目领域）"],
    ["户籍管里", "您是不是指“户籍管理”？", "/draft 户籍管里 确认"],
    ["吃饭喝酒", "“吃饭喝酒”不是26个试点领域之一", "/draft 吃饭喝酒 确认"],
  ])("/draft %s resolves the field like R21", async (typed, note, more) => {
    const chatId = `field-${typed}`;
    const text = textOf(await suite.h.say(`/draft ${typed}`, { chatId }));
    expect(text).toContain(note);
    expect(text).toContain(more);
    expect(suite.h.store.getDraft(chatId) !== undefined).toBe(text.includes("开始起草"));
  });

  it.each([
    ["公开时限咋填", "二级事项"],
    ["主体写啥", "二级事项"],
    ["要不要写到具体条款", "二级事项"],
    ["这个能写不", "二级事项"],
  ])("answers %s at a prompt as a question and stores nothing", async (question) => {
    const chatId = `q-${question}`;
    await suite.h.say("/draft 农村集体土地征收", { chatId });
    await suite.h.say("一级事项：征地前期准备", { chatId });
    const r = await suite.h.say(question, { chatId });
    expect(textOf(r)).toContain("（草稿还在）请填写【二级事项】");
    expect(textOf(r)).not.toContain("已记录");
    expect((suite.h.store.getDraft(chatId) as { row: { level2: string } }).row.level2).toBe("");
  });

  it("questions a sentence at the 一级事项 prompt instead of storing it, and takes it when confirmed", async () => {
    const chat = { chatId: "sentence" };
    await suite.h.say("/draft 农村集体土地征收", chat);
    const sentence = "这个事项是征收土地公告，由县政府在批准后十个工作日内发布";
    let text = textOf(await suite.h.say(sentence, chat));
    expect(text).toContain("这像是一句说明，不像事项名称，没有记录。确认用作一级事项吗？");
    expect(text).toContain("请填写【一级事项】");
    expect((suite.h.store.getDraft("sentence") as { row: { level1: string } }).row.level1).toBe("");
    text = textOf(await suite.h.say(`一级事项：${sentence}`, chat));
    expect(text).toContain("已记录：一级事项");
  });

  it("reads ／ｒｏｗｓ typed in full-width letters as the command", async () => {
    const chat = { chatId: "fullwidth" };
    await suite.h.say("/draft 农村集体土地征收", chat);
    const text = textOf(await suite.h.say("／ｒｏｗｓ", chat));
    expect(text).toContain("本聊天的目录还没有保存的事项");
    expect((suite.h.store.getDraft("fullwidth") as { row: { level1: string } }).row.level1).toBe("");
  });

  it("reports R24 on the draft as the export does", async () => {
    const chat = { chatId: "r24" };
    await suite.h.say("/draft 征地", chat);
    const text = textOf(await suite.h.say(CLEAN_ROW.replace("征地信息公开平台、", ""), chat));
    expect(text).toContain("R24");
    expect(text).toContain("征地信息公开平台");
    expect(text).not.toContain("校验未发现问题");
    const fixed = textOf(await suite.h.say("公开渠道：政府网站、征地信息公开平台、社区/企事业单位/村公示栏（电子屏）", chat));
    expect(fixed).toContain("校验未发现问题");
  });

  it("reads 时线： and 都有吧, and a 社会救助 draft shows no 征地 examples", async () => {
    const chat = { chatId: "small" };
    const start = textOf(await suite.h.say("/draft 社会救助", chat));
    expect(start).not.toMatch(/征地|自然资源局/);
    expect(textOf(await suite.h.say("时线：信息形成或变更之日起20个工作日内", chat))).toContain("（标签按读音理解：时线→时限）");
    const steps = [SOCIAL_ROW.split("\n").filter((l) => !/公开时限|公开方式|公开层级/.test(l)).join("\n")];
    // The reply echoes the official's own values first ("已记录：…"); the bot's own wording follows.
    const ownWording = (reply: string) => reply.slice(reply.indexOf("\n\n"));
    for (const text of steps) expect(ownWording(textOf(await suite.h.say(text, chat)))).not.toMatch(/征地|自然资源局/);
    const mode = textOf(await suite.h.say("都有吧", chat));
    expect(mode).toContain("已记录：公开方式");
    expect((suite.h.store.getDraft("small") as { row: { mode: string } }).row.mode).toBe("both");
    // The same answer at the 公开层级 prompt means both levels.
    const levels = textOf(await suite.h.say("都有吧", chat));
    expect(levels).toContain("已记录：公开层级＝县级、乡级");
    expect((suite.h.store.getDraft("small") as { row: { levels: string[] } }).row.levels).toEqual(["县级", "乡级"]);
  });

  it.each(["都有吧", "两个都要"])("reads %s at the 公开对象 prompt as both options and says only one may be chosen", async (typed) => {
    const chat = { chatId: `audience-${typed}` };
    await suite.h.say("/draft 社会救助", chat);
    await suite.h.say(SOCIAL_ROW.split("\n").filter((l) => !/公开对象|公开方式|公开层级/.test(l)).join("\n"), chat);
    const text = textOf(await suite.h.say(typed, chat));
    expect(text).toContain("公开对象只能选一项");
    expect(text).not.toContain("已记录");
    expect(text).not.toContain("看起来是");
    expect(text).toContain("请填写【公开对象】");
    expect((suite.h.store.getDraft(chat.chatId) as { row: { audience: unknown } }).row.audience).toEqual({ kind: "none" });
  });

  it("does not claim a name check for a field without a national item list", async () => {
    const social = { chatId: "unlisted" };
    const start = textOf(await suite.h.say("/draft 社会救助", social));
    expect(start).toContain("本助手没有收录“社会救助”领域国家标准指引的事项清单：一级、二级事项名称不做核对（R17、R18 不检查）");
    expect(start).toContain("请填写【一级事项】");
    expect(start).toContain("这一栏的名称不做核对");
    expect(start).not.toContain("可直接选用");
    expect(textOf(await suite.h.say("一级事项：社会救助政策", social))).toContain("请填写【二级事项】：具体的公开事项名称，应与国务院部门指引中的表述一致。\n（本助手没有收录“社会救助”领域国家指引的事项清单，这一栏的名称不做核对，请对照指引原文填写。）");
    // Without a field, nothing checks the names either.
    expect(textOf(await suite.h.say("/draft", { chatId: "no-field" }))).toContain("（未设定目录领域，这一栏的名称不做核对。）");
    // 农村集体土地征收 has its list: the names are offered and checked, and nothing says otherwise.
    const land = textOf(await suite.h.say("/draft 农村集体土地征收", { chatId: "listed" }));
    expect(land).toContain("下面是国家指引（农村集体土地征收领域）中的名称，可直接选用");
    expect(land).not.toContain("不做核对");
  });

  it("shows a complete draft once, without a repeated heading, when it is resumed", async () => {
    const chat = { chatId: "resumed" };
    await suite.h.say("/draft 农村集体土地征收", chat);
    await suite.h.say(CLEAN_ROW, chat);
    const text = textOf(await suite.h.say("/draft", chat));
    expect(text).toContain("您还有一条未保存的草稿");
    expect(text.match(/全部要素已填写/g)).toHaveLength(1);
    expect(text).not.toContain("未保存的草稿：");
  });
});
