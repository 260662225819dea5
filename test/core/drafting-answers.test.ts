/** Answers at a drafting prompt that are not what the prompt asks for: nothing is recorded, the prompt stays. */
import { describe, expect, it } from "vitest";
import { CONSOLE_CAPABILITIES } from "../../src/channels/console/console-channel.js";
import { TELEGRAM_CAPABILITIES } from "../../src/channels/telegram/context.js";
import type { Row } from "../../src/catalogue/index.js";
import { buttonData, coreSuite, textOf } from "./helpers.js";

const numbered = { capabilities: CONSOLE_CAPABILITIES, channel: "console" as const };
const rowOf = (suite: ReturnType<typeof coreSuite>, chatId: string): Row => (suite.h.store.getDraft(chatId) as { row: Row }).row;

describe("drafting answers that do not fit the prompt", () => {
  const suite = coreSuite();

  it("does not record a number whose list was replaced by another message, and lists the options again", async () => {
    const chat = { chatId: "stale-number", ...numbered };
    await suite.h.say("/draft 征地", chat);
    expect(textOf(await suite.h.say("4", chat))).toContain("已记录：一级事项＝征地组织实施");
    await suite.h.say("/rows", chat);
    const text = textOf(await suite.h.say("8", chat));
    expect(text).not.toContain("已记录");
    expect(text).toContain("“8”没有记录");
    expect(text).toContain("请填写【二级事项】");
    expect(rowOf(suite, "stale-number").level2).toBe("");
    // The list shown again is the one a number now picks.
    expect(textOf(await suite.h.say("8", chat))).toContain("已记录：二级事项＝征地补偿安置方案公告");
  });

  it("on a platform with buttons, asks for a button instead of saying a list was replaced", async () => {
    const chat = { chatId: "typed-number-with-buttons", capabilities: TELEGRAM_CAPABILITIES, channel: "telegram" as const };
    await suite.h.say("/draft 征地", chat);
    const text = textOf(await suite.h.say("2", chat));
    expect(text).toContain("“2”没有记录：选项在按钮上，请点下面的按钮选择，或直接写一级事项的名称。");
    expect(text).not.toContain("之前的列表已被后来的消息取代");
    expect(rowOf(suite, "typed-number-with-buttons").level1).toBe("");
  });

  it("does not record a number outside the options", async () => {
    const chat = { chatId: "out-of-range", ...numbered };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("4", chat);
    const text = textOf(await suite.h.say("13", chat));
    expect(text).toContain("没有编号为 13 的选项，没有记录。请回复 1–10 之间的编号");
    expect(rowOf(suite, "out-of-range").level2).toBe("");
  });

  it("does not record a number at a prompt without options", async () => {
    const chat = { chatId: "no-options", ...numbered };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地组织实施；二级事项：征收土地公告；公开内容：征收范围；公开依据：《中华人民共和国土地管理法》；公开时限：信息形成或变更之日起20个工作日内", chat);
    const text = textOf(await suite.h.say("1", chat));
    expect(text).toContain("这一步没有编号可选，请直接写公开主体的名称");
    expect(text).toContain("请填写【公开主体】");
    expect(rowOf(suite, "no-options").subject).toBe("");
    expect(textOf(await suite.h.say("县自然资源局", chat))).toContain("已记录：公开主体＝县自然资源局");
  });

  it("questions a deadline typed at the 公开主体 prompt and takes it when confirmed with a label", async () => {
    const chat = { chatId: "misplaced", ...numbered };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地组织实施；二级事项：征收土地公告；公开内容：征收范围；公开依据：《中华人民共和国土地管理法》；公开时限：信息形成或变更之日起20个工作日内", chat);
    const text = textOf(await suite.h.say("30个工作日内吧", chat));
    expect(text).toContain("“30个工作日内吧”看起来是公开时限，不像公开主体，没有记录");
    expect(text).toContain("请填写【公开主体】");
    expect(rowOf(suite, "misplaced").subject).toBe("");
    expect(rowOf(suite, "misplaced").timeLimit).toBe("信息形成或变更之日起20个工作日内");
    await suite.h.say("公开时限：30个工作日内", chat);
    expect(rowOf(suite, "misplaced").timeLimit).toBe("30个工作日内");
  });

  it("stores a labelled correction without its wording and shows the saved value", async () => {
    const chat = { chatId: "correction", ...numbered };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("公开时限：信息形成或变更之日起20个工作日内", chat);
    const text = textOf(await suite.h.say("公开时限：不对，改成实时公开", chat));
    expect(text).toContain("已记录：公开时限＝实时公开");
    expect(rowOf(suite, "correction").timeLimit).toBe("实时公开");
    const two = textOf(await suite.h.say("公开主体：县自然资源局；公开方式：主动", chat));
    expect(two).toContain("已记录：\n公开主体＝县自然资源局\n公开方式＝主动");
  });

  it("asks for the name of 其他 after 完成 without an R11 error, and drops 其他 on 不要", async () => {
    const chat = { chatId: "other-channel" };
    await suite.h.say("/draft 征地", chat);
    const channels = await suite.h.say("一级事项：征地组织实施；二级事项：征收土地公告；公开内容：征收范围；公开依据：《中华人民共和国土地管理法》；公开时限：信息形成或变更之日起20个工作日内；公开主体：县自然资源局", chat);
    await suite.h.press(buttonData(channels, "政府网站"), chat);
    const picked = await suite.h.press(buttonData(channels, "其他"), chat);
    const done = textOf(await suite.h.press(buttonData(picked, "完成"), chat));
    expect(done).toContain("请写明渠道名称");
    expect(done).not.toContain("R11");
    expect(textOf(await suite.h.say("村务公开微信群", chat))).toContain("已记录：其他渠道＝村务公开微信群");
    expect(rowOf(suite, "other-channel").channels).toEqual(["政府网站", "其他：村务公开微信群"]);
    await suite.h.say("公开渠道：政府网站、其他", chat);
    expect(textOf(await suite.h.say("不要", chat))).toContain("已取消“其他”。公开渠道和载体＝政府网站");
    expect(rowOf(suite, "other-channel").channels).toEqual(["政府网站"]);
  });

  it("stores answers at the prompts without a closing sentence particle", async () => {
    const chat = { chatId: "particles", ...numbered };
    await suite.h.say("/draft 征地", chat);
    await suite.h.say("一级事项：征地组织实施；二级事项：征收土地公告；公开内容：征收范围；公开依据：《中华人民共和国土地管理法》", chat);
    expect(textOf(await suite.h.say("20个工作日内啊", chat))).toContain("已记录：公开时限＝20个工作日内\n");
    expect(textOf(await suite.h.say("县政府办吧", chat))).toContain("已记录：公开主体＝县政府办\n");
    await suite.h.say("公开渠道：政府网站；公开对象：特定群体", chat);
    await suite.h.say("被征地农户呀", chat);
    const row = rowOf(suite, "particles");
    expect([row.timeLimit, row.subject, row.audience]).toEqual(["20个工作日内", "县政府办", { kind: "特定群体", group: "被征地农户" }]);
  });

  it("keeps every named channel of 网站和公示栏，还有其他 and asks for the other one's name", async () => {
    const chat = { chatId: "spoken-channels" };
    await suite.h.say("/draft 征地", chat);
    const text = textOf(await suite.h.say("公开渠道：网站和公示栏，还有其他", chat));
    expect(text).toContain("已记录：公开渠道和载体＝政府网站、社区/企事业单位/村公示栏（电子屏）、其他");
    expect(text).not.toContain("还有其他");
    expect(rowOf(suite, "spoken-channels").channels).toEqual(["政府网站", "社区/企事业单位/村公示栏（电子屏）", "其他"]);
  });
});
