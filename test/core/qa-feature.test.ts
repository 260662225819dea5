import path from "node:path";
import { describe, expect, it } from "vitest";
import { FOLLOW_UP_WINDOW_MS } from "../../src/core/features/qa.js";
import { coreSuite, makeCore, textOf } from "./helpers.js";

const s = coreSuite();
const at = (minutes: number) => new Date(Date.UTC(2026, 11, 1, 2, 0) + minutes * 60_000);
const FOLLOWED = "接着上一个问题";

describe("follow-up questions in a chat", () => {
  it("reads a short follow-up with the same person's previous question, across a refused remark and a restart", async () => {
    const chat = { chatId: "fu-private", now: at(0) };
    expect(textOf(await s.h.say("依申请公开多少天内答复", chat))).toContain("20个工作日");
    // refused on its own (one everyday wording), read with the previous question
    const reply = textOf(await s.h.say("能往后拖吗", { ...chat, now: at(2) }));
    expect(reply).toContain("（接着上一个问题，按“依申请公开 能往后拖吗”理解）");
    expect(reply).toContain("延长的期限最长不得超过20个工作日");
    expect(textOf(await s.h.say("明天下不下雨", { ...chat, now: at(3) }))).toContain("超出了我掌握的文件范围");

    const restarted = makeCore({ dbFile: path.join(s.dir, "bot.sqlite"), kb: s.kb });
    try {
      const long = textOf(await restarted.say("要多久", { ...chat, now: at(5) }));
      expect(long).toContain("（接着上一个问题，按“依申请公开 要多久”理解）"); // the chain stays on the first question
      expect(long).toContain("20个工作日");
      expect(textOf(await restarted.say("好的收到", { ...chat, now: at(6) }))).not.toContain(FOLLOWED);
    } finally {
      restarted.close();
    }
  });

  it("follows only the same sender, within the window", async () => {
    const group = { chatId: "fu-group", chatType: "group" as const, mentioned: true, isAdmin: false };
    await s.h.say("依申请公开多少天内答复", { ...group, senderId: "a", now: at(0) });
    expect(textOf(await s.h.say("能延长吗", { ...group, senderId: "b", now: at(1) }))).not.toContain(FOLLOWED);
    const late = at(FOLLOW_UP_WINDOW_MS / 60_000 + 1);
    expect(textOf(await s.h.say("能延长吗", { ...group, senderId: "a", now: late }))).not.toContain(FOLLOWED);
  });
});

describe("a question proposing a value for a column", () => {
  it("is answered from the documents and by the validator's rule on that value", async () => {
    const text = textOf(await s.h.say("公开时限写及时公开行不行", { chatId: "value-check" }));
    expect(text).toContain("📄 出处");
    expect(text).toContain("按本助手的目录校验规则，这一栏写“及时公开”会被指出");
    expect(text).toContain("R07");
    // a follow-up proposing a value for the column just asked about gets the rule too
    await s.h.say("公开时线咋填", { chatId: "value-follow" });
    const followed = textOf(await s.h.say("能写及时公开不", { chatId: "value-follow" }));
    expect(followed).toContain("接着上一个问题");
    expect(followed).toContain("这一栏写“及时公开”会被指出");
    // a question the documents do not answer gets no rule either
    expect(textOf(await s.h.say("护照写什么名字行不行", { chatId: "value-check" }))).not.toContain("校验规则");
  });
});
