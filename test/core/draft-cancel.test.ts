/** /cancel of a draft: confirmed before recorded values are dropped, also across a restart. */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CONSOLE_CAPABILITIES } from "../../src/channels/console/console-channel.js";
import type { DraftState } from "../../src/core/state.js";
import { buttonData, CLEAN_ROW, coreSuite, makeCore, textOf } from "./helpers.js";

const numbered = { capabilities: CONSOLE_CAPABILITIES, channel: "console" as const };
const draftOf = (suite: ReturnType<typeof coreSuite>, chatId: string) => suite.h.store.getDraft(chatId) as DraftState | undefined;

describe("/cancel of a draft", () => {
  const suite = coreSuite();

  it("drops a draft with nothing recorded at once", async () => {
    const chat = { chatId: "empty" };
    await suite.h.say("/draft 征地", chat);
    expect(textOf(await suite.h.say("/cancel", chat))).toBe("已放弃正在起草的事项。已保存的目录不受影响。");
    expect(draftOf(suite, "empty")).toBeUndefined();
  });

  it.each(["/cancel", "/取消"])("%s asks before dropping recorded values; 继续填写 keeps the draft, 确认放弃 drops it", async (command) => {
    const chatId = `values-${command}`;
    const chat = { chatId };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地前期准备", chat);
    const ask = await suite.h.say(command, chat);
    expect(textOf(ask)).toContain("确定要放弃正在起草的这条事项吗？已填写的以下内容将不再保留：\n一级事项：征地前期准备");
    expect(draftOf(suite, chatId)?.row.level1).toBe("征地前期准备");
    const kept = await suite.h.press(buttonData(ask, "继续填写"), chat);
    expect(textOf(kept)).toContain("好的，草稿保留，继续填写。");
    expect(textOf(kept)).toContain("请填写【二级事项】");
    expect(draftOf(suite, chatId)?.cancelPending).toBeUndefined();
    // The old question's 确认放弃 button no longer drops anything.
    expect(textOf(await suite.h.press(buttonData(ask, "确认放弃"), chat))).toContain("已过期");
    expect(draftOf(suite, chatId)).toBeDefined();
    const again = await suite.h.say(command, chat);
    expect(textOf(await suite.h.press(buttonData(again, "确认放弃"), chat))).toBe("已放弃正在起草的事项。已保存的目录不受影响。");
    expect(draftOf(suite, chatId)).toBeUndefined();
  });

  it("takes a second /cancel, or 确认放弃 typed, as the confirmation; 继续填写 typed keeps the draft", async () => {
    const chat = { chatId: "typed" };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地前期准备", chat);
    await suite.h.say("/cancel", chat);
    expect(textOf(await suite.h.say("/cancel", chat))).toContain("已放弃正在起草的事项");
    expect(draftOf(suite, "typed")).toBeUndefined();

    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地前期准备", chat);
    await suite.h.say("/cancel", chat);
    const kept = textOf(await suite.h.say("继续填写", chat));
    expect(kept).toContain("草稿保留");
    // "继续填写" was not recorded as the 二级事项.
    expect(draftOf(suite, "typed")?.row.level2).toBe("");
    await suite.h.say("/cancel", chat);
    expect(textOf(await suite.h.say("确认放弃", chat))).toContain("已放弃正在起草的事项");
    expect(draftOf(suite, "typed")).toBeUndefined();

    // 算了不要了 typed in answer gives the draft up, as 确认放弃 does
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地前期准备", chat);
    await suite.h.say("/cancel", chat);
    expect(textOf(await suite.h.say("算了不要了", chat))).toContain("已放弃正在起草的事项");
    expect(draftOf(suite, "typed")).toBeUndefined();
  });

  it("goes on with the draft when the official answers the step instead, and asks again on the next /cancel", async () => {
    const chat = { chatId: "answered" };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地前期准备", chat);
    const ask = await suite.h.say("/cancel", chat);
    expect(textOf(await suite.h.say("二级事项：拟征收土地告知", chat))).toContain("已记录：二级事项＝拟征收土地告知");
    expect(draftOf(suite, "answered")?.cancelPending).toBeUndefined();
    expect(textOf(await suite.h.press(buttonData(ask, "确认放弃"), chat))).toContain("已过期");
    expect(textOf(await suite.h.say("/cancel", chat))).toContain("二级事项：拟征收土地告知");
    expect(draftOf(suite, "answered")).toBeDefined();
    // /done goes on with the draft too: the /cancel after it asks again instead of confirming.
    expect(textOf(await suite.h.say("/done", chat))).toContain("还不能保存");
    expect(textOf(await suite.h.say("/cancel", chat))).toContain("确定要放弃正在起草的这条事项吗");
    expect(draftOf(suite, "answered")).toBeDefined();
  });

  it("offers the two choices as numbers on a channel without buttons", async () => {
    const chat = { chatId: "numbered", ...numbered };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地前期准备", chat);
    const ask = await suite.h.say("/cancel", chat);
    expect(ask[0]?.choices?.flat().map((c) => c.label)).toEqual(["🗑 确认放弃", "↩️ 继续填写"]);
    expect(textOf(await suite.h.say("2", chat))).toContain("草稿保留");
    await suite.h.say("/cancel", chat);
    expect(textOf(await suite.h.say("1", chat))).toContain("已放弃正在起草的事项");
    expect(draftOf(suite, "numbered")).toBeUndefined();
  });

  it("drops an unchanged /edit at once, and asks about an edit with changes (the saved row stays as it was)", async () => {
    const chat = { chatId: "edit" };
    await suite.h.say("/draft 农村集体土地征收", chat);
    await suite.h.say(CLEAN_ROW, chat);
    await suite.h.say("/done", chat);
    await suite.h.say("/edit 1", chat);
    expect(textOf(await suite.h.say("/cancel", chat))).toBe("已放弃对第1条的修改，原内容不变。");
    await suite.h.say("/edit 1", chat);
    await suite.h.say("公开主体：县自然资源和规划局", chat);
    const ask = textOf(await suite.h.say("/cancel", chat));
    expect(ask).toContain("确定要放弃对第1条的修改吗？第1条将保持修改前的内容，以下改动不再保留：\n公开主体：县自然资源和规划局");
    expect(ask).not.toContain("一级事项");
    expect(textOf(await suite.h.say("/cancel", chat))).toBe("已放弃对第1条的修改，原内容不变。");
    expect(textOf(await suite.h.say("/rows", chat))).toContain("县自然资源局");
  });

  it("in a group only the draft's author or an admin may confirm", async () => {
    const author = { chatId: "group", chatType: "group" as const, senderId: "m1", senderName: "赵科员", isAdmin: false, mentioned: true };
    const other = { ...author, senderId: "m2", senderName: "钱科员" };
    await suite.h.say("/draft 征地", author);
    await suite.h.say("一级事项：征地前期准备", { ...author, replyToBot: true });
    const ask = await suite.h.say("/cancel", author);
    expect(textOf(await suite.h.press(buttonData(ask, "确认放弃"), other))).toContain("这条草稿是赵科员起草的");
    expect(draftOf(suite, "group")).toBeDefined();
    expect(textOf(await suite.h.press(buttonData(ask, "确认放弃"), author))).toContain("已放弃正在起草的事项");
  });

  it("keeps an unanswered question across a restart: the greeting asks again and the answer counts", async () => {
    const file = path.join(suite.dir, "cancel-restart.sqlite");
    const first = makeCore({ dbFile: file, kb: suite.kb });
    await first.say("/draft 征地");
    await first.say("一级事项：征地前期准备");
    await first.say("/cancel");
    first.close();
    const second = makeCore({ dbFile: file, kb: suite.kb });
    try {
      const greeting = second.core.greeting("p1", "private");
      expect(textOf(greeting)).toContain("您发送了 /cancel，还没有确认是否放弃");
      expect(textOf(greeting)).toContain("一级事项：征地前期准备");
      expect(textOf(await second.press(buttonData(greeting, "确认放弃")))).toContain("已放弃正在起草的事项");
      expect(second.store.getDraft("p1")).toBeUndefined();
    } finally {
      second.close();
    }
  });

  it("keeps the numbers of the question across a restart on a channel without buttons", async () => {
    const file = path.join(suite.dir, "cancel-numbers.sqlite");
    const first = makeCore({ dbFile: file, kb: suite.kb });
    await first.say("/draft 征地", numbered);
    await first.say("一级事项：征地前期准备", numbered);
    await first.say("/cancel", numbered);
    first.close();
    const second = makeCore({ dbFile: file, kb: suite.kb });
    try {
      expect(textOf(await second.say("1", numbered))).toContain("已放弃正在起草的事项");
      expect(second.store.getDraft("p1")).toBeUndefined();
    } finally {
      second.close();
    }
  });
});
