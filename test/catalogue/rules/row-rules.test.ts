import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/catalogue/rules/meta.js";
import { validateRow } from "../../../src/catalogue/validate.js";
import { ELEMENT_KEYS, type ElementKey, type Row, type Severity } from "../../../src/catalogue/schema.js";
import { cleanRow, knowledge } from "../helpers.js";

interface Case {
  name: string;
  row: Partial<Row>;
  /** Expected finding of the rule under test, or null when it must not fire. */
  expect: { field: ElementKey; severity?: Severity; includes?: string; excludes?: string } | null;
  columns?: ElementKey[];
  field?: string | null;
}

const allBut = (...keys: ElementKey[]): ElementKey[] => ELEMENT_KEYS.filter((k) => !keys.includes(k));

const CASES: Record<string, Case[]> = {
  R01: [
    { name: "blank 二级事项", row: { level2: "" }, expect: { field: "level2", includes: "二级事项" } },
    { name: "whitespace 公开主体", row: { subject: "  " }, expect: { field: "subject" } },
    { name: "empty 公开内容", row: { content: [] }, expect: { field: "content" } },
    { name: "no channel ticked", row: { channels: [] }, expect: { field: "channels", includes: "勾选" } },
    { name: "blank 序号", row: { seq: null }, expect: { field: "seq" } },
    { name: "blank 公开时限", row: { timeLimit: "" }, expect: { field: "timeLimit" } },
    { name: "blank column the catalogue lacks", row: { subject: "" }, columns: allBut("subject"), expect: null },
    { name: "序号 written but not a number (R02's job)", row: { seq: null, seqText: "一" }, expect: null },
    { name: "complete row", row: {}, expect: null },
    { name: "channel columns holding only crosses", row: { channels: [], crossed: [{ key: "channels", column: "政府网站", mark: "x" }] }, expect: { field: "channels", includes: "“政府网站”栏填的“x”按未勾选读取" } },
  ],
  R04: [
    { name: "第十九条", row: { basis: ["《中华人民共和国政府信息公开条例》第十九条"] }, expect: { field: "basis", includes: "第十九条" } },
    { name: "第 47 条", row: { basis: ["《中华人民共和国土地管理法》第 47 条"] }, expect: { field: "basis" } },
    { name: "第二款", row: { basis: ["《国有土地上房屋征收与补偿条例》第二十六条第二款"] }, expect: { field: "basis" } },
    { name: "article number inside a 《》 title", row: { basis: ["《关于贯彻落实〈土地管理法〉第四十七条有关问题的通知》"] }, expect: null },
    { name: "article number after a title with 第 inside", row: { basis: ["《第三次全国国土调查实施方案》第五条"] }, expect: { field: "basis", includes: "第五条" } },
    { name: "order number is not an article", row: { basis: ["《中华人民共和国政府信息公开条例》（国务院令第711号）"] }, expect: null },
    { name: "names only", row: {}, expect: null },
    { name: "第五十七。 with 条 dropped (issue 11)", row: { basis: ["《中华人民共和国土地管理法》第五十七。"] }, expect: { field: "basis", includes: "第五十七" } },
    { name: "第三次 is not an article", row: { basis: ["《第三次全国国土调查实施方案》"] }, expect: null },
  ],
  R05: [
    { name: "title without 《》", row: { basis: ["政府信息公开条例"] }, expect: { field: "basis", includes: "政府信息公开条例" } },
    // A regulation named without 《》 is told to add them (with the full title when known), not called unnamed.
    { name: "a regulation's name without 《》 (社会救助暂行办法)", row: { basis: ["社会救助暂行办法"] }, expect: { field: "basis", includes: "公开依据“社会救助暂行办法”写了法规政策文件的名称，但没有加书名号。请写成《社会救助暂行办法》。", excludes: "不是具名" } },
    { name: "a known abbreviation without 《》 gets the full title", row: { basis: ["政府信息公开条例"] }, expect: { field: "basis", includes: "请写成《中华人民共和国政府信息公开条例》", excludes: "不是具名" } },
    { name: "a law's name with an article, without 《》", row: { basis: ["土地管理法第四十七条"] }, expect: { field: "basis", includes: "请写成《中华人民共和国土地管理法》", excludes: "不是具名" } },
    { name: "a policy document's name without 《》", row: { basis: ["关于全面推进政务公开工作的意见"] }, expect: { field: "basis", includes: "请写成《关于全面推进政务公开工作的意见》" } },
    { name: "a general reference is not a title (国家有关规定)", row: { basis: ["国家有关规定"] }, expect: { field: "basis", includes: "“国家有关规定”不是具名的法规政策文件", excludes: "书名号。请写成" } },
    { name: "unquoted and unnamed items in one cell: one finding saying both", row: { basis: ["社会救助暂行办法", "相关法律法规"] }, expect: { field: "basis", includes: "请写成《社会救助暂行办法》。公开依据“相关法律法规”不是具名的法规政策文件" } },
    { name: "vague reference", row: { basis: ["《中华人民共和国土地管理法》", "相关法律法规"] }, expect: { field: "basis", includes: "相关法律法规" } },
    { name: "文号 only", row: { basis: ["国办发〔2019〕54号"] }, expect: null },
    { name: "文号 with half-width brackets", row: { basis: ["国办发[2019]54号"] }, expect: null },
    { name: "国务院令", row: { basis: ["国务院令第711号"] }, expect: null },
    { name: "国务院令 in Chinese numerals", row: { basis: ["国务院令第七一一号"] }, expect: null },
    { name: "issuer before 《》", row: { basis: ["国务院办公厅印发《关于全面推进政务公开工作的意见》（国办发〔2016〕80 号）"] }, expect: null },
  ],
  R06: [
    { name: "国务院令 第 492 号 (Yunnan seed)", row: { basis: ["《中华人民共和国政府信息公开条例》（国务院令 第 492 号）"] }, expect: { field: "basis", includes: "711" } },
    { name: "2007 edition", row: { basis: ["《中华人民共和国政府信息公开条例》（2007年）"] }, expect: { field: "basis" } },
    { name: "2019 revision", row: { basis: ["《中华人民共和国政府信息公开条例》（国务院令第711号）"] }, expect: null },
    { name: "492号 in Chinese numerals", row: { basis: ["《中华人民共和国政府信息公开条例》（国务院令第四九二号）"] }, expect: { field: "basis" } },
    { name: "492号 with 711号 revision", row: { basis: ["《中华人民共和国政府信息公开条例》（2007年4月5日国务院令第492号公布，2019年4月3日国务院令第711号修订）"] }, expect: null },
    { name: "492号 with 2019年修订", row: { basis: ["《中华人民共和国政府信息公开条例》（国务院令第492号，2019年修订）"] }, expect: null },
    { name: "no edition named", row: {}, expect: null },
  ],
  R07: [
    { name: "及时公开 (Jiayu seed)", row: { timeLimit: "及时公开" }, expect: { field: "timeLimit", includes: "及时公开" } },
    { name: "适时", row: { timeLimit: "适时公开" }, expect: { field: "timeLimit" } },
    { name: "尽快", row: { timeLimit: "尽快公开，长期公开" }, expect: { field: "timeLimit" } },
    { name: "实时", row: { timeLimit: "实时公开" }, expect: null },
    { name: "Chinese numerals", row: { timeLimit: "信息形成之日起十五个工作日内" }, expect: null },
    { name: "months", row: { timeLimit: "每季度结束后1个月内", mode: "依申请" }, expect: null },
    { name: "blank is R01's job", row: { timeLimit: "" }, expect: null },
    { name: "a date is concrete", row: { timeLimit: "每年3月31日前" }, expect: null },
    { name: "次月N日 is concrete", row: { timeLimit: "次月10日前" }, expect: null },
  ],
  R08: [
    { name: "30 working days, only the regulation", row: { timeLimit: "信息形成之日起30个工作日内", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: { field: "timeLimit", severity: "error", includes: "公开方式为“主动”的事项，公开时限“30个工作日”超过了《中华人民共和国政府信息公开条例》规定的20个工作日。请改为" } },
    { name: "30 working days, policy documents only", row: { timeLimit: "30个工作日内", basis: ["《关于全面推进政务公开工作的意见》"] }, expect: { field: "timeLimit", severity: "error" } },
    { name: "two months, only the regulation", row: { timeLimit: "2个月内", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: { field: "timeLimit", severity: "error" } },
    { name: "another law cited", row: { timeLimit: "信息形成之日起30个工作日内" }, expect: { field: "timeLimit", severity: "warning", includes: "请核对公开依据中所列的法律法规：如果它对公开期限另有规定，可以保留；如果没有，请改为“信息形成或变更之日起20个工作日内”或更短。", excludes: "请在公开依据中写明" } },
    { name: "both modes count as 主动", row: { timeLimit: "40日内", mode: "both", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: { field: "timeLimit", severity: "error" } },
    { name: "no 公开依据 column", row: { timeLimit: "信息形成之日起30个工作日内", basis: [] }, columns: allBut("basis"), expect: { field: "timeLimit", severity: "warning", includes: "本目录没有公开依据栏", excludes: "请在公开依据中写明" } },
    { name: "blank basis", row: { timeLimit: "信息形成之日起30个工作日内", basis: [] }, expect: { field: "timeLimit", severity: "warning", includes: "公开依据为空，无法判断是否有法律法规另行规定了期限：如果有，请在公开依据中写明该法律法规", excludes: "所列" } },
    { name: "period after a minimum term", row: { timeLimit: "公告期不少于30日，期满后30个工作日内", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: { field: "timeLimit", severity: "error", includes: "30个工作日" } },
    { name: "a month before a date", row: { timeLimit: "3个月内，每年3月31日前", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: { field: "timeLimit", severity: "error", includes: "3个月" } },
    { name: "每年3月31日前 is a date", row: { timeLimit: "每年3月31日前", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "每年1月31日前 is a date", row: { timeLimit: "每年1月31日前", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "每年6月底前 is a date", row: { timeLimit: "每年6月底前", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "次年1月15日前 is a date", row: { timeLimit: "次年1月15日前", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "每年1月 is a month of the year", row: { timeLimit: "每年1月公开上年度情况", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "每月5日前 is a date", row: { timeLimit: "每月5日前", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "minimum term only", row: { timeLimit: "公示期不少于30日", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "minimum term, then 5 working days", row: { timeLimit: "公告期不少于30日，期满后5个工作日内", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "exactly 20 working days", row: { timeLimit: "20个工作日内", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "28 calendar days", row: { timeLimit: "28日内", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "依申请 item", row: { timeLimit: "30个工作日内", mode: "依申请", basis: ["《中华人民共和国政府信息公开条例》"] }, expect: null },
    { name: "no 公开方式 column", row: { timeLimit: "30个工作日内", basis: ["《中华人民共和国政府信息公开条例》"] }, columns: allBut("mode"), expect: null },
    { name: "abbreviated 条例 is still the 条例 (issue 11)", row: { timeLimit: "120个工作日内", basis: ["《信息公开条例》"] }, expect: { field: "timeLimit", severity: "error", includes: "是否为“20个工作日”的笔误" } },
    { name: "《政府信息公开条例》 only", row: { timeLimit: "30个工作日内", basis: ["《政府信息公开条例》"] }, expect: { field: "timeLimit", severity: "error" } },
  ],
  R09: [
    { name: "相关部门", row: { subject: "相关部门" }, expect: { field: "subject" } },
    { name: "有关单位", row: { subject: "有关单位" }, expect: { field: "subject" } },
    { name: "相关审批部门 (Jiayu seed)", row: { subject: "相关审批部门" }, expect: { field: "subject", includes: "相关审批部门" } },
    { name: "各部门 among named ones", row: { subject: "县住建局、各部门" }, expect: { field: "subject" } },
    { name: "县相关部门", row: { subject: "县相关部门" }, expect: { field: "subject", includes: "县相关部门" } },
    { name: "县直有关单位", row: { subject: "县直有关单位" }, expect: { field: "subject" } },
    { name: "乡镇相关部门", row: { subject: "乡镇相关部门" }, expect: { field: "subject" } },
    { name: "县直各部门 among named ones", row: { subject: "县财政局、县直各部门" }, expect: { field: "subject" } },
    { name: "a named agency", row: { subject: "县自然资源和规划局" }, expect: null },
    { name: "prefix then a named agency", row: { subject: "县直机关事务服务中心" }, expect: null },
    { name: "named domains (食品药品 seed)", row: { subject: "市场监督管理、行政审批相关责任部门" }, expect: null },
  ],
  R10: [
    { name: "unknown channel", row: { channels: ["政府网站", "村民微信群"] }, expect: { field: "channels", includes: "村民微信群" } },
    { name: "其他 with a name", row: { channels: ["政府网站", "其他：村民微信群"] }, expect: null },
    { name: "spellings mapped (门户网站, 微信公众号)", row: { channels: ["门户网站", "微信公众号"] }, expect: null },
    { name: "a bare 网站 (chat shorthand only, not a spelling of the template)", row: { channels: ["网站"] }, expect: { field: "channels", includes: "“网站”不在模板选项中" } },
    { name: "其它 with a name", row: { channels: ["政府网站", "其它：村广播"] }, expect: null },
    { name: "a field platform", row: { channels: ["政府网站", "投资项目在线审批监管平台"] }, expect: null },
    { name: "a platform with a region prefix and an infix (spec §3)", row: { channels: ["政府网站", "福建省公共资源交易电子公共服务平台"] }, expect: null },
    // a local variant read as an option is noted at its own row (info), not once for the table
    { name: "a local board read as the 公示栏 option", row: { channels: ["政府网站", "社区/企事业单位/村公示栏（电子屏）"], original: { channels: "政府网站、片区公示栏" } }, expect: { field: "channels", severity: "info", includes: "“片区公示栏”按模板选项“社区/企事业单位/村公示栏（电子屏）”读取" } },
    { name: "the option as written: no note", row: { channels: ["政府网站", "社区/企事业单位/村公示栏（电子屏）"], original: { channels: "政府网站、社区/企事业单位/村公示栏（电子屏）" } }, expect: null },
    { name: "unknown and loosely read in one cell: one warning saying both", row: { channels: ["政府网站", "社区/企事业单位/村公示栏（电子屏）", "村民微信群"], original: { channels: "政府网站、片区公示栏、村民微信群" } }, expect: { field: "channels", severity: "warning", includes: "“村民微信群”不在模板选项中。请从模板选项中选择（如政府网站、两微一端、政务服务中心），特殊渠道请写成“其他：渠道名称”。公开渠道“片区公示栏”按模板选项" } },
  ],
  R11: [
    { name: "其他 without name", row: { channels: ["政府网站", "其他"] }, expect: { field: "channels" } },
    { name: "其他 with name", row: { channels: ["政府网站", "其他：村广播"] }, expect: null },
    { name: "其他（ ）", row: { channels: ["政府网站", "其他（ ）"] }, expect: { field: "channels" } },
    { name: "其他（）", row: { channels: ["政府网站", "其他（）"] }, expect: { field: "channels" } },
    { name: "其他：", row: { channels: ["政府网站", "其他："] }, expect: { field: "channels" } },
    { name: "其他：____", row: { channels: ["政府网站", "其他：____"] }, expect: { field: "channels" } },
    { name: "其他（请注明）", row: { channels: ["政府网站", "其他（请注明）"] }, expect: { field: "channels" } },
    { name: "其它 without name", row: { channels: ["政府网站", "其它"] }, expect: { field: "channels" } },
    { name: "其他 with name in brackets", row: { channels: ["政府网站", "其他（村广播）"] }, expect: null },
  ],
  R12: [
    { name: "no 政府网站", row: { channels: ["两微一端"] }, expect: { field: "channels", includes: "政府网站" } },
    { name: "政府网站 ticked", row: { channels: ["政府网站", "两微一端"] }, expect: null },
    { name: "门户网站 maps to 政府网站", row: { channels: ["县政府门户网站", "微信公众号"] }, expect: null },
    { name: "nothing ticked is R01's job", row: { channels: [] }, expect: null },
    { name: "a list of named persons stays off the website (R22 speaks)", row: { level2: "征地补偿对象名单", channels: ["社区/企事业单位/村公示栏（电子屏）"] }, expect: null },
  ],
  R13: [
    { name: "group not named", row: { audience: { kind: "特定群体" } }, expect: { field: "audience" } },
    { name: "group blank", row: { audience: { kind: "特定群体", group: "  " } }, expect: { field: "audience" } },
    { name: "group is 特定群体 itself", row: { audience: { kind: "特定群体", group: "特定群体" } }, expect: { field: "audience" } },
    { name: "group is 特定群众", row: { audience: { kind: "特定群体", group: "特定群众" } }, expect: { field: "audience" } },
    { name: "group is 特定对象", row: { audience: { kind: "特定群体", group: "特定对象" } }, expect: { field: "audience" } },
    { name: "group named", row: { audience: { kind: "特定群体", group: "被征地农民" } }, expect: null },
    { name: "全社会", row: {}, expect: null },
  ],
  R14: [
    { name: "both marked", row: { audience: { kind: "both", group: "项目单位" } }, expect: { field: "audience", includes: "同时" } },
    { name: "neither marked", row: { audience: { kind: "none" } }, expect: { field: "audience", includes: "未标注" } },
    { name: "特定群体 named", row: { audience: { kind: "特定群体", group: "项目单位" } }, expect: null },
    { name: "no 公开对象 column", row: { audience: { kind: "none" } }, columns: allBut("audience"), expect: null },
    { name: "only crosses (× read as not ticked, said)", row: { audience: { kind: "none" }, crossed: [{ key: "audience", column: "全社会", mark: "×" }] }, expect: { field: "audience", includes: "未标注。请在“全社会”或“特定群体”中选一项（特定群体须写明具体群体）。“全社会”栏填的“×”按未勾选读取（中文表格中“×”一般表示“否”，也有人用它打勾）；如要勾选，请改为“√”。" } },
    { name: "a cross beside a tick plainly means 否", row: { audience: { kind: "全社会" }, crossed: [{ key: "audience", column: "特定群体", mark: "×" }] }, expect: null },
  ],
  R15: [
    { name: "neither", row: { mode: "none" }, expect: { field: "mode", severity: "error" } },
    { name: "both", row: { mode: "both" }, expect: { field: "mode", severity: "warning" } },
    { name: "主动", row: {}, expect: null },
    { name: "依申请", row: { mode: "依申请" }, expect: null },
    { name: "x in both columns", row: { mode: "none", crossed: [{ key: "mode", column: "主动", mark: "x" }, { key: "mode", column: "依申请", mark: "X" }] }, expect: { field: "mode", severity: "error", includes: "“主动”、“依申请”栏填的“x”、“X”按未勾选读取" } },
    { name: "× beside √", row: { mode: "主动", crossed: [{ key: "mode", column: "依申请", mark: "×" }] }, expect: null },
  ],
  R16: [
    { name: "no level", row: { levels: [] }, expect: { field: "levels" } },
    { name: "乡级", row: { levels: ["乡级"] }, expect: null },
    { name: "both levels", row: { levels: ["县级", "乡级"] }, expect: null },
    { name: "no 公开层级 column (Jiayu template)", row: { levels: [] }, columns: allBut("levels"), expect: null },
    { name: "only a cross", row: { levels: [], crossed: [{ key: "levels", column: "县级", mark: "×" }] }, expect: { field: "levels", includes: "“县级”栏填的“×”按未勾选读取" } },
  ],
  R17: [
    { name: "告知书 for 告知", row: { level2: "拟征收土地告知书" }, expect: { field: "level2", includes: "“拟征收土地告知”" } },
    { name: "word order changed", row: { level2: "土地征收公告" }, expect: { field: "level2", includes: "“征收土地公告”" } },
    { name: "word dropped", row: { level2: "征地补偿安置公告" }, expect: { field: "level2", includes: "“征地补偿安置方案公告”" } },
    { name: "official name", row: { level2: "征地补偿登记" }, expect: null },
    { name: "refinement in brackets", row: { level2: "征地补偿费用支付（分期支付）" }, expect: null },
    { name: "unrelated local item", row: { level2: "征地信访接待" }, expect: null },
    { name: "field without a national list", row: { level2: "拟征收土地告知书" }, field: "公共法律服务", expect: null },
    { name: "alias of the field", row: { level2: "拟征收土地告知书" }, field: "嘉鱼县征地补偿", expect: { field: "level2" } },
    { name: "the row's own field wins", row: { level2: "拟征收土地告知书", field: "农村集体土地征收" }, field: "公共法律服务", expect: { field: "level2" } },
  ],
  // Sources: 条例第十五条 (R22), 云南培训 "公开或履行该事项所依据的国家政策法规名称" (R23),
  // 云南培训 "确保公开事项分类科学、名称规范、指向明确" (R25); the passages are in RULES[…].source.
  R22: [
    { name: "身份证号、银行卡号 in 公开内容 (issue 11)", row: { content: ["被征地农户姓名、身份证号、银行卡号、补偿金额"] }, expect: { field: "content", severity: "error", includes: "“身份证号”" } },
    { name: "家庭住址", row: { content: ["申请人姓名", "家庭住址"] }, expect: { field: "content", severity: "error" } },
    { name: "a list of named persons", row: { level2: "低保对象名单" }, expect: { field: "content", severity: "warning", includes: "脱敏" } },
    { name: "the names of the people a program helps", row: { content: ["救助对象姓名、救助金额"] }, expect: { field: "content", severity: "warning", includes: "脱敏" } },
    { name: "the head of a household by name", row: { content: ["户主姓名", "家庭人口"] }, expect: { field: "content", severity: "warning" } },
    { name: "officials' names are not private", row: { content: ["领导班子姓名、职务、分工"] }, expect: null },
    { name: "no personal data", row: {}, expect: null },
  ],
  R23: [
    { name: "《土地管理法》 (issue 11)", row: { basis: ["《土地管理法》"] }, expect: { field: "basis", includes: "《中华人民共和国土地管理法》" } },
    { name: "《信息公开条例》", row: { basis: ["《信息公开条例》"] }, expect: { field: "basis", includes: "《中华人民共和国政府信息公开条例》（国务院令第711号）" } },
    { name: "《城乡规划法》, as 《土地管理法》", row: { basis: ["《城乡规划法》"] }, expect: { field: "basis", includes: "《中华人民共和国城乡规划法》" } },
    { name: "《关于全面加强政务公开工作的意见》", row: { basis: ["《关于全面加强政务公开工作的意见》"] }, expect: { field: "basis", includes: "《关于全面推进政务公开工作的意见》" } },
    { name: "full titles", row: { basis: ["《中华人民共和国土地管理法》", "《关于全面推进政务公开工作的意见》"] }, expect: null },
    { name: "an accepted short form without the issuer", row: { basis: ["《关于全面推进基层政务公开标准化规范化工作的指导意见》（国办发〔2019〕54号）"] }, expect: null },
  ],
  R25: [
    { name: "XX镇人民政府 (issue 11)", row: { subject: "XX镇人民政府" }, expect: { field: "subject", includes: "XX" } },
    { name: "XX个工作日", row: { timeLimit: "信息形成之日起XX个工作日内" }, expect: { field: "timeLimit" } },
    { name: "××", row: { level2: "××项目审批结果" }, expect: { field: "level2" } },
    { name: "（请填写）", row: { content: ["（请填写）"] }, expect: { field: "content" } },
    { name: "某某", row: { audience: { kind: "特定群体", group: "某某村村民" } }, expect: { field: "audience" } },
    { name: "real names", row: {}, expect: null },
  ],
};

describe("row rules", () => {
  it("a clean row gets no findings", () => {
    expect(validateRow(cleanRow(), { knowledge, field: "农村集体土地征收" })).toEqual([]);
  });

  for (const [rule, cases] of Object.entries(CASES)) {
    describe(rule, () => {
      it.each(cases)("$name", (c) => {
        const findings = validateRow(cleanRow(c.row), { knowledge, columns: c.columns, field: c.field === undefined ? "农村集体土地征收" : c.field });
        const hits = findings.filter((f) => f.rule === rule);
        if (c.expect === null) {
          expect(hits).toEqual([]);
          return;
        }
        const hit = hits.find((f) => f.field === c.expect?.field);
        expect(hit, JSON.stringify(findings)).toBeDefined();
        if (c.expect.severity) expect(hit?.severity).toBe(c.expect.severity);
        if (c.expect.includes) expect(hit?.message).toContain(c.expect.includes);
        if (c.expect.excludes) expect(hit?.message).not.toContain(c.expect.excludes);
        expect(hit?.seq).toBe(c.row.seq === undefined ? 1 : c.row.seq);
        expect(hit?.source).toMatch(/《.+》.*：“.+”/);
      });
    });
  }

  it("fires each rule at most once per row and field", () => {
    const row = cleanRow({
      level2: "",
      basis: ["政府信息公开条例第十九条", "相关法规第二款", "《中华人民共和国政府信息公开条例》（国务院令第492号）"],
      timeLimit: "及时",
      subject: "相关部门、有关单位",
      channels: ["微信群", "广播站", "其他"],
      audience: { kind: "none" },
      mode: "both",
      levels: [],
    });
    const findings = validateRow(row, { knowledge, field: null });
    const keys = findings.map((f) => `${f.rule}:${f.field}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(["R01:level2", "R04:basis", "R05:basis", "R06:basis", "R07:timeLimit", "R09:subject", "R10:channels", "R11:channels", "R12:channels", "R14:audience", "R15:mode", "R16:levels"]);
    // Each rule cites its source passage.
    for (const id of ["R21", "R22", "R23", "R24", "R25"] as const) expect(RULES[id].source).toMatch(/《.+》.*：“.+”/);
  });

  it("reports the row's sheetRow and a null seq when the 序号 is unusable", () => {
    const [f] = validateRow(cleanRow({ seq: 1.5, subject: "", sheetRow: 9 }), { knowledge });
    expect(f).toMatchObject({ rule: "R01", seq: null, sheetRow: 9, field: "subject" });
  });
});
