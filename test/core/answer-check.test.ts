/** Answers that are not recorded as typed: bare numbers, and values shaped like another element. */
import { describe, expect, it } from "vitest";
import { bareNumber, elementShape, misplacedRefusal, numberRefusal } from "../../src/core/drafting/answer-check.js";
import { catalogueKnowledge } from "./helpers.js";

const k = catalogueKnowledge();

describe("bareNumber", () => {
  it.each([
    ["8", 8],
    ["１３", 13],
    ["第2个", 2],
    [" 4。", 4],
    ["20个工作日", undefined],
    ["县自然资源局", undefined],
  ])("%s → %s", (text, n) => expect(bareNumber(text)).toBe(n));
});

describe("numberRefusal", () => {
  it.each([
    ["subject", "1", 0, "这一步没有编号可选，请直接写公开主体的名称"],
    ["level2", "13", 10, "请回复 1–10 之间的编号"],
    ["level2", "0", 10, "没有编号为 0 的选项"],
    ["level2", "8", 10, "之前的列表已被后来的消息取代"],
    ["group", "3", 0, "请直接写具体群体的名称"],
    ["subject", "县自然资源局", 0, ""],
  ] as const)("%s %s (%d options)", (step, text, count, expected) => {
    const message = numberRefusal(step, text, count);
    if (expected) expect(message).toContain(expected);
    else expect(message).toBe("");
  });

  it("points to the buttons on a platform that shows options as buttons", () => {
    expect(numberRefusal("level2", "8", 10, true)).toBe("“8”没有记录：选项在按钮上，请点下面的按钮选择，或直接写二级事项的名称。");
    expect(numberRefusal("subject", "1", 0, true)).toContain("这一步没有编号可选");
  });
});

describe("elementShape", () => {
  it.each([
    ["30个工作日内吧", "timeLimit"],
    ["信息形成之日起20个工作日内", "timeLimit"],
    ["实时公开", "timeLimit"],
    ["主动公开", "mode"],
    ["依申请", "mode"],
    ["全社会", "audience"],
    ["县级", "levels"],
    ["县级和乡级", "levels"],
    // bodies at both levels name the 公开主体, not the 公开层级
    ["县民政局和乡镇", undefined],
    ["政府网站、公示栏", "channels"],
    ["《中华人民共和国土地管理法》", "basis"],
    ["县自然资源局", "subject"],
    ["征收土地公告", undefined],
    ["征收范围、补偿标准", undefined],
    ["被征地农户", undefined],
    ["这个事项是征收土地公告，由县政府在批准后十个工作日内发布", undefined],
  ])("%s → %s", (text, shape) => expect(elementShape(text, k)).toBe(shape));
});

describe("misplacedRefusal", () => {
  it("questions a deadline typed at the 公开主体 prompt and says how to confirm either way", () => {
    const message = misplacedRefusal("subject", "30个工作日内吧", k);
    expect(message).toContain("看起来是公开时限，不像公开主体，没有记录");
    expect(message).toContain("请发送“公开时限：30个工作日内”");
    expect(message).toContain("请发送“公开主体：30个工作日内吧”");
  });
  it.each([
    ["timeLimit", "30个工作日内"],
    ["subject", "县自然资源局"],
    ["content", "《征收土地公告》"],
    ["group", "村民委员会"],
    ["mode", "县级"],
  ] as const)("lets %s take %s", (step, text) => expect(misplacedRefusal(step, text, k)).toBe(""));
});
