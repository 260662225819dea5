/** Channels typed in chat: conjunctions, filler words and shorthand. */
import { describe, expect, it } from "vitest";
import { parseChannelAnswer } from "../../src/core/drafting/channel-answer.js";
import { catalogueKnowledge } from "./helpers.js";

const k = catalogueKnowledge();
const BOARD = "社区/企事业单位/村公示栏（电子屏）";

describe("parseChannelAnswer", () => {
  it.each([
    ["网站和公示栏，还有其他", ["政府网站", BOARD, "其他"]],
    ["网站和公示栏", ["政府网站", BOARD]],
    ["政府网站、公示栏等", ["政府网站", BOARD]],
    ["政府网站以及微信公众号", ["政府网站", "两微一端"]],
    ["官网、征地信息公开平台", ["政府网站", "征地信息公开平台"]],
    ["政府网站、其他：村务公开群和微信群", ["政府网站", "其他：村务公开群和微信群"]],
    [BOARD, [BOARD]],
    ["发布会/听证会和广播", ["发布会/听证会", "广播电视"]],
    ["☑政府网站 ☐政府公报 ☑其他：村广播", ["政府网站", "其他：村广播"]],
    ["村头大喇叭", ["村头大喇叭"]],
  ])("%s → %j", (typed, channels) => expect(parseChannelAnswer(typed, k)).toEqual(channels));

  it("reads chat shorthand from the knowledge data, not from code", () => {
    const withoutShorthand = { ...k, channelShorthand: new Map<string, string>() };
    expect(parseChannelAnswer("网站", withoutShorthand)).toEqual(["网站"]);
    const extended = { ...k, channelShorthand: new Map([...k.channelShorthand, ["大喇叭", "广播电视"]]) };
    expect(parseChannelAnswer("网站和大喇叭", extended)).toEqual(["政府网站", "广播电视"]);
  });
});
