import { describe, expect, it } from "vitest";
import { classify, looksLikeQuestion, parseCommand, stripMentions } from "../../src/core/intent.js";
import type { InboundMessage } from "../../src/core/types.js";

const base: InboundMessage = { chatId: "c", chatType: "private", senderId: "u", mentioned: false, replyToBot: false, isAdmin: true };
const group: InboundMessage = { ...base, chatType: "group", isAdmin: false };
const file = { name: "a.xlsx", data: Buffer.from("x") };

describe("intent", () => {
  it.each([
    ["/draft 农村集体土地征收", { name: "draft", args: "农村集体土地征收" }],
    ["/draft农村集体土地征收", { name: "draft", args: "农村集体土地征收" }],
    ["／done", { name: "done", args: "" }],
    ["/Edit@zwgk_bot 3", { name: "edit", args: "3" }],
    ["/ask\u3000公开时限怎么写", { name: "ask", args: "公开时限怎么写" }],
    ["公开时限：及时公开", null],
    ["/ 空", null],
    // Chinese names, read by the core (command-aliases.ts)
    ["/导出", { name: "导出", args: "" }],
    ["／起草 农村集体土地征收", { name: "起草", args: "农村集体土地征收" }],
  ])("parseCommand(%s)", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });

  it.each([
    ["private text", { ...base, text: "你好" }, "text"],
    ["private empty text", { ...base, text: "  " }, "ignore"],
    ["group side talk", { ...group, text: "你好" }, "ignore"],
    ["group mention", { ...group, text: "@zwgk_bot 你好", mentioned: true }, "text"],
    ["group reply to the bot", { ...group, text: "你好", replyToBot: true }, "text"],
    ["group command", { ...group, text: "/rows" }, "command"],
    ["group bare mention", { ...group, text: "@zwgk_bot", mentioned: true }, "command"],
    ["button", { ...group, choice: "d:save" }, "choice"],
    ["private file", { ...base, file }, "file"],
    ["group file, not addressed", { ...group, file }, "ignore"],
    ["group file with the caption /check", { ...group, file, text: "/check" }, "file"],
    ["group file with the caption /check@zwgk_bot", { ...group, file, text: "/check@zwgk_bot" }, "file"],
    ["group file with a plain caption", { ...group, file, text: "请看看" }, "ignore"],
    ["huge text", { ...base, text: "字".repeat(4001) }, "tooLong"],
    ["huge side talk in a group", { ...group, text: "字".repeat(4001) }, "ignore"],
  ] as const)("classify: %s", (_name, msg, kind) => {
    expect(classify(msg as InboundMessage, false).kind).toBe(kind);
  });

  it.each([
    ["帮助", "command"],
    ["怎么用？", "command"],
    ["你能做什么", "command"],
    ["帮助我理解公开时限怎么填", "text"],
  ] as const)("a message only asking what the bot does is the help command: %s", (text, kind) => {
    const intent = classify({ ...base, text }, false);
    expect(intent.kind).toBe(kind);
    if (intent.kind === "command") expect(intent.name).toBe("help");
  });

  it("a group file after /check is taken", () => {
    expect(classify({ ...group, file }, true).kind).toBe("file");
  });

  it("strips leading mentions and recognises questions", () => {
    expect(stripMentions("@zwgk_bot，公开时限怎么写")).toBe("公开时限怎么写");
    expect(looksLikeQuestion("公开时限怎么写？")).toBe(true);
    expect(looksLikeQuestion("请问公开主体写谁")).toBe(true);
    expect(looksLikeQuestion("县自然资源局")).toBe(false);
  });

  it.each([
    ["公开时限咋填", true],
    ["二级事项写啥", true],
    ["能不能只写条例名称", true],
    ["这个要公开吗", true],
    ["写到具体条款不", true],
    ["主体填哪个单位呢", true],
    // dialect forms of 行不行 (中不中, 得不得, 要得不) ask too
    ["俺们乡的公开主体填镇人民政府中不中", true],
    ["写县政府办得不得", true],
    ["是否需要写文号", true],
    ["征地前期准备", false],
    ["县自然资源局", false],
    ["信息形成或变更之日起20个工作日内", false],
    ["拟征收土地的范围、征收目的、是否通过审核的结果", false],
    ["被征地农户", false],
  ])("looksLikeQuestion(%s) = %s", (text, expected) => {
    expect(looksLikeQuestion(text)).toBe(expected);
  });

  it.each([
    ["／ｒｏｗｓ", { name: "rows", args: "" }],
    ["／ｄｒａｆｔ　社会救助", { name: "draft", args: "社会救助" }],
    ["／ＤＯＮＥ＠ｚｗｇｋ＿ｂｏｔ", { name: "done", args: "" }],
    ["／ｅｄｉｔ　２", { name: "edit", args: "２" }],
  ])("reads the full-width command %s", (text, expected) => {
    expect(parseCommand(text)).toEqual(expected);
  });
});
