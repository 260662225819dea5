import { describe, expect, it } from "vitest";
import { chatOf, readMessage, stripLeadingMentions } from "../../../src/channels/wecom/inbound.js";

const base = { msgid: "m1", aibotid: "aib", from: { userid: "zhangsan" } };

describe("WeCom inbound", () => {
  it.each([
    ["@政务公开助手\u2005公开时限怎么写？", "公开时限怎么写？"],
    ["@政务公开助手 @李四 /delete 2", "/delete 2"],
    ["  @bot　你好", "你好"],
    ["没有提到机器人", "没有提到机器人"],
    ["邮箱 a@b.cn 怎么公开", "邮箱 a@b.cn 怎么公开"],
  ])("stripLeadingMentions(%j)", (text, rest) => {
    expect(stripLeadingMentions(text)).toBe(rest);
  });

  it("keys groups by chatid and private chats by userid, with the address proactive sends use", () => {
    expect(chatOf({ chattype: "group", chatid: "wrkSFfCgAA", from: { userid: "zhangsan" } })).toEqual({ chatId: "wecom:group:wrkSFfCgAA", chatType: "group", target: "wrkSFfCgAA" });
    expect(chatOf({ chattype: "single", from: { userid: "zhangsan" } })).toEqual({ chatId: "wecom:user:zhangsan", chatType: "private", target: "zhangsan" });
  });

  it("reads text, voice (already text), mixed text items and files; skips images", () => {
    expect(readMessage({ ...base, chattype: "group", chatid: "g", msgtype: "text", text: { content: "@助手 你好" } })).toMatchObject({ chatId: "wecom:group:g", text: "你好", messageId: "m1", userId: "zhangsan" });
    expect(readMessage({ ...base, chattype: "single", msgtype: "voice", voice: { content: "公开时限怎么写" } })?.text).toBe("公开时限怎么写");
    expect(
      readMessage({ ...base, chattype: "single", msgtype: "mixed", mixed: { msg_item: [{ msgtype: "text", text: { content: "第一段" } }, { msgtype: "image", image: { url: "u" } }, { msgtype: "text", text: { content: "第二段" } }] } })?.text,
    ).toBe("第一段\n第二段");
    expect(readMessage({ ...base, chattype: "single", msgtype: "file", file: { url: "https://x/f", aeskey: "k" } })).toMatchObject({ text: "", file: { url: "https://x/f", aeskey: "k" } });
    expect(readMessage({ ...base, chattype: "single", msgtype: "image", image: { url: "u" } })).toBeUndefined();
  });
});
