import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Feature } from "../../src/core/bot-core.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";
import { writeCatalogue } from "../../src/catalogue/index.js";
import { LedgerStore } from "../../src/nudges/ledger-store.js";
import { bj, LEDGER } from "../nudges/helpers.js";
import { buttonData, catalogueKnowledge, CLEAN_ROW, makeCore, makeCoreWithNudges, realKnowledgeBase, sampleCatalogue, tempDir, textOf, type CoreHarness } from "./helpers.js";

describe("bot core: routing, questions, groups, bad input", () => {
  let tmp: ReturnType<typeof tempDir>;
  let kb: KnowledgeBase;
  let h: CoreHarness;
  const seen: string[] = [];
  const extension: Feature = {
    name: "ping",
    helpTitle: "🔔 扩展",
    commands: [
      {
        name: "ping",
        description: "测试扩展",
        help: "/ping — 测试",
        handle: (msg, cmd) => {
          seen.push(msg.text ?? "");
          return [{ text: cmd.args ? `pong ${cmd.args}` : "pong" }];
        },
      },
    ],
    buttons: { prefix: "ext", handle: (msg) => [{ text: `ext ${msg.choice}` }] },
  };

  beforeAll(async () => {
    tmp = tempDir();
    kb = await realKnowledgeBase(tmp.dir);
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, features: [extension] });
  });
  afterAll(() => {
    h.close();
    tmp.cleanup();
  });

  it("greets with the help text and lists core and extension commands", async () => {
    const text = textOf(await h.say("/start"));
    expect(text).toContain("政务公开目录助手");
    expect(text).toContain("/draft");
    expect(text).toContain("🔔 扩展\n/ping — 测试");
    const commands = h.core.commands().map((c) => c.command);
    expect(commands).toEqual(expect.arrayContaining(["start", "help", "ask", "draft", "done", "rows", "edit", "delete", "export", "check", "cancel", "ping"]));
    expect(new Set(commands).size).toBe(commands.length);
  });

  it("answers a private question with compact citations", async () => {
    const [reply] = await h.say("公开依据需要写到具体条款吗？");
    expect(reply?.text).toContain("📄 出处");
    expect(reply?.text).toMatch(/\[1\] 《[^》]+》/);
    expect(reply?.text).toContain("基层政务公开事项标准目录编制答疑");
  });

  it("abstains on an off-topic question and says what the knowledge covers", async () => {
    const [reply] = await h.say("帮我写首诗");
    expect(reply?.text).toContain("超出了我掌握的文件范围");
    expect(reply?.text).toContain(kb.coverage());
    expect(reply?.text).not.toContain("📄 出处");
  });

  it("/ask works in private and in groups; /ask without a question shows its usage", async () => {
    expect(textOf(await h.say("/ask 公开时限应该怎么写？"))).toContain("📄 出处");
    expect(textOf(await h.say("/ask@zwgk_bot 公开时限应该怎么写？", { chatId: "g1", chatType: "group", isAdmin: false }))).toContain("📄 出处");
    expect(textOf(await h.say("/ask"))).toContain("请在 /ask 后面写上问题");
  });

  it("in a group, speaks only to commands, @mentions and replies to its messages", async () => {
    const group = { chatId: "g1", chatType: "group" as const, isAdmin: false };
    expect(await h.say("公开时限应该怎么写？", group)).toEqual([]);
    expect(textOf(await h.say("@zwgk_bot 公开时限应该怎么写？", { ...group, mentioned: true }))).toContain("📄 出处");
    expect(textOf(await h.say("公开时限应该怎么写？", { ...group, replyToBot: true }))).toContain("📄 出处");
    expect(textOf(await h.say("/help", group))).toContain("在群里，我只回应命令");
    // A labelled row in a group is ignored unless addressed.
    expect(await h.say(CLEAN_ROW, group)).toEqual([]);
    expect(h.store.getDraft("g1")).toBeUndefined();
  });

  it("routes commands and buttons to the features that registered them, then explains", async () => {
    expect(textOf(await h.say("/ping"))).toBe("pong");
    expect(textOf(await h.say("/ping＃1"))).toBe("pong ＃1");
    expect(textOf(await h.press("ext:1"))).toBe("ext ext:1");
    expect(textOf(await h.say("/frobnicate"))).toContain("没有“/frobnicate”这个命令");
    // a command typed by its Chinese name, the argument glued or not; an unknown one is said so
    expect(textOf(await h.say("/帮助"))).toBe(textOf(await h.say("/help")));
    expect(textOf(await h.say("/取消"))).toBe(textOf(await h.say("/cancel")));
    expect(textOf(await h.say("/征地咋填"))).toContain("没有“/征地咋填”这个命令");
    // a Chinese name typed in pinyin (input method off) gets a hint, for a command this bot has
    expect(textOf(await h.say("/bangzhu"))).toContain("是要用 /帮助（/help）吗？");
    expect(textOf(await h.say("/qicao"))).toContain("是要用 /起草（/draft）吗？");
    expect(textOf(await h.say("/frobnicate"))).not.toContain("是要用");
    // a command mistyped by one letter gets a hint too
    expect(textOf(await h.say("/draftt"))).toContain("是要用 /draft 吗？");
    expect(textOf(await h.say("/hlep"))).toContain("是要用 /help 吗？");
    expect(textOf(await h.press("zz:unknown"))).toContain("按钮已失效");
  });

  it("refuses huge text without touching the draft", async () => {
    await h.say("/draft", { chatId: "big" });
    const before = h.store.getDraft("big");
    const text = textOf(await h.say("公开主体：".padEnd(5000, "县"), { chatId: "big" }));
    expect(text).toContain("太长了");
    expect(h.store.getDraft("big")).toEqual(before);
  });

  // trial 2 finding 10: pinyin gets a request for 汉字, not the out-of-scope refusal, and changes nothing
  it("asks for Chinese characters when a message is typed in pinyin, in Q&A, /ask and at a drafting prompt", async () => {
    for (const q of ["gongkai shixian zenme tian", "/ask gongkai shixian zenme tian"]) {
      const text = textOf(await h.say(q));
      expect(text).toContain("请切换到中文输入法，用汉字重新发送");
      expect(text).not.toContain("超出了我掌握的文件范围");
    }
    await h.say("/draft", { chatId: "py" });
    const before = h.store.getDraft("py");
    expect(textOf(await h.say("zhengdi gonggao de gongkai zhuti", { chatId: "py" }))).toContain("这条消息没有改动任何内容");
    expect(h.store.getDraft("py")).toEqual(before);
    // English words are not pinyin: "ok" is small talk, "excel" an ordinary (refused) question
    expect(textOf(await h.say("ok"))).toContain("还有问题随时问我");
    expect(textOf(await h.say("excel"))).not.toContain("汉字");
  });

  it("only group admins may /delete", async () => {
    const group = { chatId: "g2", chatType: "group" as const };
    await h.say("/draft 农村集体土地征收", { ...group, isAdmin: false });
    await h.say(CLEAN_ROW, { ...group, isAdmin: false, mentioned: true });
    expect(textOf(await h.say("/done", { ...group, isAdmin: false }))).toContain("已保存为第1条");
    expect(textOf(await h.say("/delete 1", { ...group, isAdmin: false }))).toContain("只有管理员");
    expect(h.store.countRows("g2")).toBe(1);
    const ask = await h.say("/delete 1", { ...group, isAdmin: true });
    expect(textOf(await h.press(buttonData(ask, "确认删除"), { ...group, isAdmin: false }))).toContain("只有管理员");
    expect(textOf(await h.press(buttonData(ask, "确认删除"), { ...group, isAdmin: true }))).toContain("已删除第1条");
    expect(h.store.countRows("g2")).toBe(0);
  });

  it("handles one chat's messages in order even when they arrive together", async () => {
    await h.say("/draft 农村集体土地征收", { chatId: "seq" });
    const lines = CLEAN_ROW.split("\n");
    await Promise.all(lines.map((line) => h.say(line, { chatId: "seq" })));
    expect(textOf(await h.say("/done", { chatId: "seq" }))).toContain("已保存为第1条");
  });

  it("turns a failing knowledge base into an apology", async () => {
    const broken: KnowledgeBase = {
      ask: async () => {
        throw new Error("index gone");
      },
      coverage: () => "",
    };
    const h2 = makeCore({ dbFile: path.join(tmp.dir, "broken.sqlite"), kb: broken });
    try {
      expect(textOf(await h2.say("公开时限怎么写？"))).toContain("知识库暂时无法回答");
    } finally {
      h2.close();
    }
  });
});

describe("bot core: the pinyin guard spares data cells and files", () => {
  let tmp: ReturnType<typeof tempDir>;
  let h: CoreHarness;
  const kb: KnowledgeBase = {
    ask: async (question) => ({ question, answer: "文件中没有找到答案。", abstained: true, mode: "extractive", citations: [] }),
    coverage: () => "测试知识",
  };
  const now = bj("2026-09-24", "09:30");

  beforeAll(() => {
    tmp = tempDir();
    h = makeCoreWithNudges({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, nudges: { deadlines: [LEDGER], now: () => now } });
  });
  afterAll(() => {
    h.close();
    tmp.cleanup();
  });

  it("takes a three-syllable pinyin name in the ledger's 联系人 as typed; a pinyin sentence in a prose cell is kept with a note", async () => {
    const say = async (text: string) => textOf(await h.say(text, { chatId: "ledger", now }));
    // outside a form the guard holds: a name alone reads as pinyin input
    expect(await say("Zhang Xiaoming")).toContain("请切换到中文输入法");
    await say("/subscribe 城关镇人民政府");
    expect(await say("/ledger fill")).toContain("上月");
    expect(await say("完成目录初稿")).toContain("工作计划");
    const prose = await say("wancheng mulu shenhe");
    expect(prose).toContain("这条回答看起来是拼音，已照原样记录");
    expect(prose).toContain("联系人姓名");
    expect(await say("Zhang Xiaoming")).toContain("联系方式");
    expect(await say("13800138000")).toContain("✅ 已保存");
    expect(new LedgerStore(h.db).ledgerEntries("2026-10")[0]).toMatchObject({ contact: "Zhang Xiaoming", plan: "wancheng mulu shenhe" });
  });

  it("checks an uploaded workbook whose cells are pinyin like any other", async () => {
    const data = await writeCatalogue(sampleCatalogue({ subject: "Zhang Xiaoming", content: ["gongkai neirong"] }), { knowledge: catalogueKnowledge() });
    const text = textOf(await h.send({ chatId: "file", file: { name: "拼音目录.xlsx", data } }));
    expect(text).toContain("已检查“拼音目录.xlsx”");
    expect(text).not.toContain("汉字");
  });
});
