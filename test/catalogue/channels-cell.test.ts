import { describe, expect, it } from "vitest";
import { formatChannelCell, parseChannelCell } from "../../src/catalogue/channels-cell.js";
import { knowledge } from "./helpers.js";

describe("channels cell", () => {
  it.each([
    ["☑/☐ options (食品药品 seed)", "☑政府网站 ☐两微一端 ☐社区/企事业单位/村公示栏(电子屏) ☑政务服务中心 ☐其他_____", ["政府网站", "政务服务中心"]],
    ["■/□ options", "■政府网站    □两微一端\n■政务服务中心■便民服务站", ["政府网站", "政务服务中心", "便民服务站"]],
    ["√ marks with a named 其他", "√政府网站 √其他：村民微信群", ["政府网站", "其他：村民微信群"]],
    ["plain names with 、 and full-width slash", "门户网站、微信公众号／公示栏", ["政府网站", "两微一端", "社区/企事业单位/村公示栏（电子屏）"]],
    ["plain names keep slashed options whole", "发布会／听证会，入户/现场\n社区/企事业单位/村公示栏（电子屏）", ["发布会/听证会", "入户/现场", "社区/企事业单位/村公示栏（电子屏）"]],
    ["unknown plain name kept", "政府网站;村民议事会", ["政府网站", "村民议事会"]],
    ["ticked 其他 with empty brackets", "☑政府网站 ☑其他（ ）", ["政府网站", "其他"]],
    ["ticked 其它 with a name", "☑政府网站 ☑其它：村广播", ["政府网站", "其他：村广播"]],
    ["only unchecked", "☐政府网站 ☐两微一端", []],
    ["empty", "", []],
  ])("%s", (_, text, expected) => {
    expect(parseChannelCell(text, knowledge)).toEqual(expected);
  });

  it("writes every option with ☑/☐ and reads back the same channels", () => {
    const channels = ["政府网站", "两微一端", "投资项目在线审批监管平台", "村民议事会", "其他：村广播"];
    const cell = formatChannelCell(channels, knowledge, "重大建设项目");
    expect(cell).toContain("☑政府网站");
    expect(cell).toContain("☐政府公报");
    expect(cell).toContain("☐公共资源交易平台");
    expect(cell).toContain("☑其他：村广播");
    expect(parseChannelCell(cell, knowledge)).toEqual(channels);
    expect(formatChannelCell([], knowledge, null)).toContain("☐其他____");
  });
});
