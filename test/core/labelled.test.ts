import { describe, expect, it } from "vitest";
import { parseLabelled, stripCorrection } from "../../src/core/drafting/labelled.js";
import { parseAudience, parseElementValue, parseLevels, parseMode } from "../../src/core/drafting/values.js";
import { catalogueKnowledge } from "./helpers.js";

const k = catalogueKnowledge();

describe("parseLabelled", () => {
  const cases: { name: string; text: string; expect: Record<string, unknown>; keys?: string[] }[] = [
    {
      name: "two fields on one line separated by ；",
      text: "公开时限：及时公开；公开主体：县财政局",
      expect: { timeLimit: "及时公开", subject: "县财政局" },
      keys: ["timeLimit", "subject"],
    },
    {
      name: "half-width colon and semicolon, any order",
      text: "公开主体:县财政局; 公开时限:信息形成之日起20个工作日内",
      expect: { subject: "县财政局", timeLimit: "信息形成之日起20个工作日内" },
      keys: ["subject", "timeLimit"],
    },
    {
      name: "header variants: 公开渠道, 公开内容（要素） with half-width brackets, 公开要素",
      text: "公开渠道：门户网站、微信公众号\n公开内容(要素)：项目名称、建设地点",
      expect: { channels: ["政府网站", "两微一端"], content: ["项目名称", "建设地点"] },
    },
    {
      name: "continuation lines extend the list above",
      text: "公开内容：\n征收范围\n土地现状\n公开主体：县自然资源局",
      expect: { content: ["征收范围", "土地现状"], subject: "县自然资源局" },
    },
    {
      name: "basis split between 》《 and on ；",
      text: "公开依据：《中华人民共和国土地管理法》《中华人民共和国土地管理法实施条例》；国办发〔2019〕54号",
      expect: { basis: ["《中华人民共和国土地管理法》", "《中华人民共和国土地管理法实施条例》", "国办发〔2019〕54号"] },
    },
    {
      name: "audience with a group, mode and levels in short forms",
      text: "公开对象：特定群体（被征地农户）；公开方式：主动公开；公开层级：县乡两级",
      expect: { audience: { kind: "特定群体", group: "被征地农户" }, mode: "主动", levels: ["县级", "乡级"] },
    },
    {
      name: "特定群体 as a label names the group",
      text: "特定群体：项目单位",
      expect: { audience: { kind: "特定群体", group: "项目单位" } },
    },
    {
      name: "一级 / 二级事项 and 事项名称",
      text: "一级事项：征地前期准备\n事项名称：拟征收土地告知",
      expect: { level1: "征地前期准备", level2: "拟征收土地告知" },
    },
    {
      name: "其他：name continues the channel list",
      text: "公开渠道：政府网站；其他：村务公开微信群",
      expect: { channels: ["政府网站", "其他：村务公开微信群"] },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = parseLabelled(c.text, k);
      expect(r).not.toBeNull();
      expect(r?.patch).toEqual(c.expect);
      if (c.keys) expect(r?.keys).toEqual(c.keys);
      expect(r?.problems).toEqual([]);
    });
  }

  it.each([
    ["时线：信息形成之日起20个工作日内", { timeLimit: "信息形成之日起20个工作日内" }, ["时线→时限"]],
    ["公开时线：实时公开", { timeLimit: "实时公开" }, ["公开时线→公开时限"]],
    ["公开主题：县财政局", { subject: "县财政局" }, ["公开主题→公开主体"]],
  ])("reads the label of %s by its sound and says so", (text, patch, readings) => {
    const r = parseLabelled(text, k);
    expect(r?.patch).toMatchObject(patch);
    expect(r?.soundReadings).toEqual(readings);
    expect(r?.unknownLabels).toEqual([]);
  });

  it("keeps a label that sounds like none as unknown", () => {
    expect(parseLabelled("公开主体：县财政局\n备注：无", k)?.unknownLabels).toEqual(["备注"]);
  });

  it("reads the field from a 领域 line", () => {
    expect(parseLabelled("领域：农村集体土地征收领域\n公开方式：依申请", k)).toMatchObject({ field: "农村集体土地征收", patch: { mode: "依申请" } });
  });

  it("reports unknown labels and unreadable values", () => {
    const r = parseLabelled("备注：无\n公开方式：随便", k);
    expect(r?.unknownLabels).toEqual(["备注"]);
    expect(r?.problems.map((p) => p.key)).toEqual(["mode"]);
  });

  it("returns null for text without any known label", () => {
    expect(parseLabelled("公开依据需要写到具体条款吗？", k)).toBeNull();
    expect(parseLabelled("时间：明天下午", k)).toBeNull();
  });
});

describe("element values", () => {
  it.each([
    ["全社会", { kind: "全社会" }],
    ["社会公众", { kind: "全社会" }],
    ["特定群体", { kind: "特定群体" }],
    ["特定群众：低保户", { kind: "特定群体", group: "低保户" }],
    ["被征地农民", { kind: "特定群体", group: "被征地农民" }],
    // "All of them" is read as both, like 公开方式 and 公开层级; R14 allows one (refused below).
    ["都有吧", { kind: "both" }],
    ["两个都要", { kind: "both" }],
  ])("audience %s", (text, expected) => {
    expect(parseAudience(text, k)).toEqual(expected);
  });

  it.each([
    ["主动", "主动"],
    ["依申请公开", "依申请"],
    ["主动、依申请", "both"],
    ["都有吧", "both"],
    ["两种都要", "both"],
    ["两者都是。", "both"],
    ["两个都", "both"],
    ["都要", "both"],
    ["主动和依申请都有", "both"],
    ["都不是", null],
    ["不知道", null],
  ])("mode %s", (text, expected) => {
    expect(parseMode(text, k)).toBe(expected);
  });

  it.each([
    ["县级", ["县级"]],
    ["乡镇", ["乡级"]],
    ["县级和乡级", ["县级", "乡级"]],
    ["县、乡", ["县级", "乡级"]],
    ["都有吧", ["县级", "乡级"]],
    ["都要", ["县级", "乡级"]],
    ["两个都", ["县级", "乡级"]],
    ["两级都要", ["县级", "乡级"]],
    ["全都要", ["县级", "乡级"]],
    ["县级和乡级都要", ["县级", "乡级"]],
    // a spoken particle after the option ("乡级吧") is no part of it
    ["乡级吧", ["乡级"]],
    ["县级的", ["县级"]],
    ["都不要", null],
    ["省级", null],
  ])("levels %s", (text, expected) => {
    expect(parseLevels(text, k)).toEqual(expected);
  });

  it("channels keep slash names whole and map spellings", () => {
    expect(parseElementValue("channels", "入户/现场、政务微博、公示栏", k)).toEqual({
      channels: ["两微一端", "入户/现场", "社区/企事业单位/村公示栏（电子屏）"],
    });
  });

  it("refuses 都有吧 for 公开对象 (one of 全社会, 特定群体) instead of taking it as a group's name", () => {
    const parsed = parseElementValue("audience", "都有吧", k);
    expect(parsed).toMatchObject({ key: "audience" });
    expect((parsed as { message: string }).message).toContain("公开对象只能选一项");
  });

  it.each([
    ["subject", "县政府办吧", { subject: "县政府办" }],
    ["timeLimit", "20个工作日内啊", { timeLimit: "20个工作日内" }],
    ["timeLimit", "信息形成之日起20个工作日内呀。", { timeLimit: "信息形成之日起20个工作日内" }],
    ["level2", "征收土地公告嘛！", { level2: "征收土地公告" }],
    ["audience", "全社会呢", { audience: { kind: "全社会" } }],
    ["audience", "特定群体（被征地农户）哈", { audience: { kind: "特定群体", group: "被征地农户" } }],
    ["basis", "《中华人民共和国土地管理法》吧", { basis: ["《中华人民共和国土地管理法》"] }],
    // a particle inside the text is part of it
    ["subject", "哈密市呢", { subject: "哈密市" }],
  ] as const)("%s %s is stored without its closing particle", (key, text, patch) => {
    expect(parseElementValue(key, text, k)).toEqual(patch);
  });

  it("a labelled 特定群体 drops a closing particle", () => {
    expect(parseLabelled("特定群体：被征地农户吧", k)?.patch).toEqual({ audience: { kind: "特定群体", group: "被征地农户" } });
  });

  it("a blank value is a problem", () => {
    expect(parseElementValue("subject", "  ", k)).toMatchObject({ key: "subject" });
  });
});

describe("stripCorrection", () => {
  it.each([
    ["不对，改成实时公开", "实时公开"],
    ["改为实时公开", "实时公开"],
    ["应该是县自然资源局", "县自然资源局"],
    ["错了，县自然资源局", "县自然资源局"],
    ["不是相关部门，是县自然资源局", "县自然资源局"],
    ["不对，应该是信息形成之日起20个工作日内", "信息形成之日起20个工作日内"],
    ["换成政府网站、两微一端", "政府网站、两微一端"],
    ["是否公开由县政府决定", "是否公开由县政府决定"],
    ["实时公开", "实时公开"],
    ["不对", "不对"],
  ])("%s → %s", (typed, value) => expect(stripCorrection(typed)).toBe(value));

  it("a labelled correction stores only the value", () => {
    expect(parseLabelled("公开时限：不对，改成实时公开", k)?.patch).toEqual({ timeLimit: "实时公开" });
  });
});
