import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/ingest.js";
import { KnowledgeIndex } from "../../src/knowledge/index.js";
import { parseLanguageData } from "../../src/knowledge/language-data.js";
import { joinSpacedWords, QueryReader, readingNote } from "../../src/knowledge/query-understanding.js";
import { TypoCorrector } from "../../src/knowledge/typo-correction.js";
import { cutDictionary } from "../../src/knowledge/tokenize.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("typo correction by pinyin against domain terms", () => {
  const terms = new Map([
    ["时限", { weight: 50, strong: true }],
    ["公示", { weight: 40, strong: true }],
    ["一致", { weight: 30, strong: false }],
    ["备案", { weight: 5, strong: false }],
    ["编号", { weight: 30, strong: true }],
    ["补全", { weight: 30, strong: true }],
    ["全市", { weight: 30, strong: true }],
    ["现有", { weight: 30, strong: true }],
    ["各镇", { weight: 30, strong: true }],
    ["公开方式", { weight: 30, strong: true }],
    ["市政府", { weight: 30, strong: true }],
    ["公开主体", { weight: 30, strong: true }],
    ["公开要素", { weight: 30, strong: true }],
    ["年报", { weight: 30, strong: true }],
  ]);
  const corpus = "公开时限。征地公示。保持一致。报上级备案。二级事项编号。补全内容。全市现有。各镇公开方式。市政府。公开主体。公开要素。年报。";
  const typos = TypoCorrector.build(terms, corpus);
  const correct = (t: string) => typos.correct(t, cutDictionary(t));

  it.each([
    ["时线怎么写", "时限怎么写", [{ from: "时线", to: "时限" }]],
    ["要备按吗", "要备案吗", [{ from: "备按", to: "备案" }]],
    // a general word is read as a domain term only when the term is strongly of the domain
    ["征地公式里的身份证号", "征地公示里的身份证号", [{ from: "公式", to: "公示" }]],
    ["信息一直没公开", "信息一直没公开", []],
    // runs across word boundaries are never corrected (征地|指引 holds 地指, like 地址)
    ["时限写清楚", "时限写清楚", []],
    // a verb with its result, done (编好了 reads "bian hao" like 编号), is no typo; 序好 before a verb is
    ["目录编好了报谁", "目录编好了报谁", []],
    ["县里编好发下来", "县里编好发下来", []],
    ["编好的目录", "编好的目录", []],
    ["目录编好以后报谁", "目录编好以后报谁", []],
    ["先把目录编好", "先把目录编好", []],
    ["目录编好在哪公布", "目录编好在哪公布", []],
    // 是 opening a run starts a clause: 未必是政府信息 is not 未必市政府信息
    ["未必是政府信息", "未必是政府信息", []],
    // a handwriting slip that breaks a term of three or more characters (主体 written 主休); not a
    // word of its own beside a function character (要担), nor a two-character word (年假)
    ["公开主休写谁", "公开主体写谁", [{ from: "公开主休", to: "公开主体" }]],
    ["不公开要担什么责任", "不公开要担什么责任", []],
    ["年假还剩几天", "年假还剩几天", []],
    ["编好怎么写", "编号怎么写", [{ from: "编好", to: "编号" }]],
    // a negation is meant: 不全 (incomplete) is no typo of 补全
    ["县里说写得不全", "县里说写得不全", []],
    // nor are 是/有, a place, or 个 counting one thing, in a two-character run; a longer run may slip on them
    ["申请书里全是诉求", "申请书里全是诉求", []],
    ["我们县有这个事项", "我们县有这个事项", []],
    ["有个镇报上来", "有个镇报上来", []],
    ["公开方是咋选", "公开方式咋选", [{ from: "公开方是", to: "公开方式" }]],
  ])("%s → %s", (q, text, corrections) => {
    expect(correct(q)).toEqual({ text, corrections });
  });

  it("survives a round trip through its saved state", () => {
    const again = TypoCorrector.fromState(JSON.parse(JSON.stringify(typos.toState())));
    expect(again.correct("时线", ["时", "线"]).text).toBe("时限");
  });
});

describe("reading a question", () => {
  let reader: Pick<QueryReader, "read">;
  beforeAll(async () => {
    reader = await KnowledgeIndex.build(loadKnowledge(path.join(root, "knowledge")));
  });

  it.each([
    ["公开时线咋填啊，直接写及时公开行不行", "公开时限怎么填写啊,直接写及时公开可不可以"],
    ["依据要写到第几条不", "依据要写到第几条吗"],
    ["俺们乡镇也要编目录吗", "我们乡镇也要编目录吗"],
    // 俺娘, 俺自己: one person's own matter, not the office (我们)
    ["俺娘想申请低保需要啥材料", "我娘想申请低保需要什么材料"],
    ["两微一段是啥意思", "两微一端是什么意思"],
    ["台帐咋整", "台账怎么办"],
    ["城乡规画领域的目录中不中", "城乡规划领域的目录可不可以"],
    ["依申情公开有没有时限", "依申请公开有没有时限"],
    ["目录里能自己加一行不", "目录里能自己加一行吗"],
    ["哪些信息可以不公开", "哪些信息可以不公开"],
    ["公开依据写到条款可以不", "公开依据写到条款可以吗"],
    // a word typed in pinyin (the input method was off) reads as the term it sounds like; English stays
    ["公开shixian咋填", "公开时限怎么填写"],
    ["excel表格的公开zhuti怎么写", "excel表格的公开主体怎么写"],
    ["要公开到哪一级", "要公开到哪个层级"],
    // a closing 没 asks (有个范围没); 还没, and 没有 (我们没有) state
    ["主动公开有个范围没", "主动公开有个范围吗"],
    ["目录审核还没", "目录审核还没"],
    ["申请的信息我们没有", "申请的信息我们没有"],
    // an A-not-A question is a whether-question, not a typo (公不 is not 公布, 贴不贴 not 贴补贴)
    ["低保名单公不公示", "低保名单是否公示"],
    ["征地补偿名单贴不贴", "征地补偿名单是否贴"],
    ["预算公开不公开", "预算是否公开"],
    // 建局 is no word: jieba's HMM cuts it from 住建局, and a pseudo-word is no typo target (卫健局 stays)
    ["县卫健局的处罚结果要公示多久", "县卫健局的处罚结果要公示多久"],
    ["名单要不要公示", "名单要不要公示"],
    // a long typo may be cut into another dictionary word (公开/方/试选): read all the same
    ["公开方试选哪个", "公开方式选哪个"],
    ["行政复意找谁", "行政复议找谁"],
    // …but never one starting inside a word (哪个部门 holds 个部门, which sounds like 各部门)
    ["城乡规划指引是哪个部门发的", "城乡规划指引是哪个部门发的"],
    // near sounds of fuzzy-pinyin input (前后鼻音, 平翘舌), only in a run that is no word itself
    ["公开栏多久跟新一次", "公开栏多久更新一次"],
    ["保密审察谁负责", "保密审查谁负责"],
    ["自来水公司要公开信息吗", "自来水公司要公开信息吗"],
    // an everyday word the documents use (收费, mapped to 收取费用) is a typo target; one they never use is not
    ["依申请收废吗", "依申请收费吗"],
    ["挂网上吗", "挂网上吗"],
    // southern dialects: 啷个 (西南), 係唔係 and a closing 咩 (粤), 好多天 for 多少天
    ["啷个填公开时限", "怎么填公开时限"],
    ["係唔係要公开", "是不是要公开"],
    ["要公开咩", "要公开吗"],
    ["依申请好多天之内答复", "依申请多少天内答复"],
    ["拖了好多天了", "拖了好多天了"],
    ["城乡规划乡镇这级要公开搞哪样", "城乡规划乡镇这级要公开搞什么"],
    ["是哪样的情况", "是哪样的情况"],
    ["26个领域都是啥 能列一下不", "26个领域都是什么 有哪些"],
    ["标准化规范化到底是个啥意思", "标准化规范化到底什么意思"],
    // pinyin initials for a term much the most used of those they spell (ysq, zdgk, ml); Latin
    // abbreviations that are no such initials (qq, ppt), placeholders and laughs (XX, hhh) stay
    ["ysq多久要回复", "依申请多久要回复"],
    ["zdgk的时线是多久", "主动公开的时限是多久"],
    ["ml里那栏咋填", "目录里那栏怎么填写"],
    ["qq群里能公开吗", "qq群里能公开吗"],
    ["XX个工作日内公开", "xx个工作日内公开"],
    ["ppt里的公开主体", "ppt里的公开主体"],
    // a typo is never read across a term typed right (定依申请 is not 定义申请)
    ["哪些事项公开方式定依申请公开", "哪些事项公开方式定依申请公开"],
    // 西南 好久 asks when; net-speak fillers carry no meaning
    ["目录报上去是好久截止哦", "目录报上去是什么时候截止"],
    ["答复延期最多延好多天", "答复延期最多延多少天"],
    ["能不理他吗 蚌埠住了", "能不理他吗 "],
    // a closing particle goes first, so the closing 不 before it still asks (要填不嘛); 西南 好久, 莫得, 西北 额们
    ["义务教育的目录乡镇要填不嘛", "义务教育的目录乡镇要填吗"],
    ["能延长不 延好久", "能延长吗 延多久"],
    ["等了好久", "等了好久"],
    // 西南 好久 before the verb it asks about; not stating a purpose (不说要这东西嘎哈用) is not stating 用途
    ["规划批了好久公开", "规划批了多久公开"],
    ["申请的人不说要这东西嘎哈用", "申请的人不说明用途"],
    // written Cantonese (两广): 边个, 几耐, 使唔使, 唔, 嘅, 点填; 系 and 点 only where they ask (体系, 试点 stay)
    ["主体系边个", "主体是谁"],
    ["答唔切可以延期几耐？使唔使负责人同意？", "来不及答复可以延期多久?要不要负责人同意?"],
    ["我哋镇冇自己嘅网站，渠道载体点写？", "我们镇没有自己的网站,渠道载体怎么写?"],
    ["咩信息可以唔公开？", "什么信息可以不公开?"],
    ["标准目录边个编，县定系镇？", "标准目录谁编,县还是镇?"],
    ["试点搞了多长时间", "试点搞了多久"],
    ["标准体系什么时候建成", "标准体系什么时候建成"],
    // written Wu and Min (苏浙沪, 闽南): 哪能/按怎, 啥物, 辰光, 佗位, 勿, 伊, 阮, 伐 before a comma too
    ["公开层级县级乡级按怎选", "公开层级县级乡级怎么选"],
    ["年报啥辰光之前要发", "年报什么时候之前要发"],
    ["申请人对答复勿满意，伊可以去佗位告", "申请人对答复不满意,他可以去哪里告"],
    ["伊要的信息阮这里根本无，按怎答复", "他要的信息我们这里根本无,怎么答复"],
    ["政策解读要做伐，哪能做", "政策解读要做吗,怎么做"],
    ["伊朗和伊拉克", "伊朗和伊拉克"],
    // Mandarin that looks like those dialect words stays: ……的话, 覆盖, 几点, 有点, 体系什么意思, 等了好久
    ["要是超期的话要担责任不", "要是超期的话要担责任吗"],
    ["公开范围要覆盖全部事项", "公开范围要覆盖全部事项"],
    ["几点交", "几点交"],
    ["有点填不明白", "有点填不明白"],
    ["标准体系什么意思", "标准体系什么意思"],
    ["等了好久才公开", "等了好久才公开"],
    ["佢几耐内要覆", "他多久内要回复"],
    // a traditional input method's characters read as simplified (不公開: 不公 is a word, so no typo reading would reach 公開)
    ["啥情况可以不公開", "什么情况可以不公开"],
    ["他要的东西俺这里没有", "他要的东西我们这里没有"],
    // greetings and thanks carry no meaning
    ["在吗 麻烦问一下 公开时限咋填", "  公开时限怎么填写"],
    ["各位好，请教个问题：公开层级县级乡级咋分？谢谢大家", ",:公开层级县级乡级怎么分?"],
    ["额们乡根本莫得", "我们乡根本没有"],
    ["要干嘛", "要干嘛"],
    ["26个领域是哪些晓得不", "26个领域是哪些"],
    // a word the documents use once (宅基地) is a target when officials ask about it in the question index
    ["宅机地审批公开不", "宅基地审批公开吗"],
    // of two overlapping runs the one read as a strong term wins: 处份 → 处分, not 给处 → 给出
    ["没公开会给处份吗", "没公开会给处分吗"],
    // a sentence particle ending a run is typed on purpose: 号吗 is not 号码
    ["低保名单能公示身份证号吗", "低保名单能公示身份证号吗"],
    // a character listed in lookalikes.yaml as written for a term's (日 for 目, 该 for 核, 衣 for 农)
    ["日录编完了多久更新", "目录编完了多久更新"],
    ["乡镇目录县里要审该不", "乡镇目录县里要审核吗"],
    ["惠衣补帖要公示不", "惠农补贴要公示吗"],
    // 里 after a noun is a place (工资条里, 党政办里), not a slip for 例 or 理
    ["这个月工资条里绩效咋少了", "这个月工资条里绩效怎么少了"],
    // who relayed the question is not part of it; 问责 is not a relay
    ["领导问这个标准目录到底谁牵头搞", "这个标准目录到底谁牵头搞"],
    ["同事让我问一下 年报啥时候交", "年报什么时候交"],
    ["领导问责谁来负责", "领导问责谁来负责"],
  ])("%s → %s", (q, text) => {
    expect(reader.read(q).text).toBe(text);
  });

  it("recognises the catalogue column a how-to-fill question is about, and the kind of question", () => {
    const r = reader.read("公开时线咋填");
    expect(r.columns).toEqual(["公开时限"]);
    expect(r.howToFill).toBe(true);
    expect(readingNote(r)).toBe("（按“公开时限”理解）");
    expect(reader.read("特定群体要写清楚是哪些人不").columns).toEqual(["公开对象"]);
    // a bare 事项 is the column only beside words of filling a table
    expect(reader.read("涉密的事项咋处理").howToFill).toBe(false);
    expect(reader.read("事项那一栏咋填").howToFill).toBe(true);
    // "填 A 还是 B" asks how to fill the column as much as 咋填 does
    expect(reader.read("公开主体填县局还是乡镇").howToFill).toBe(true);
    // what to write in it, asked by how many, which or how much (时限写多少天, 依据写哪一条)
    expect(reader.read("危房改造这一行公开时线写多少天").howToFill).toBe(true);
    expect(reader.read("征地补偿标准这块公开依据写土地管理法哪一条").howToFill).toBe(true);
    // a column named by its full name asks what goes in it for the matter named beside it, however
    // the question ends; a short alias (时限, 期限) is also the law's word and does not
    expect(reader.read("国有土地上房屋征收决定公开时限").howToFill).toBe(true);
    expect(reader.read("统计数据公开主体是统计局还是乡镇统计站").howToFill).toBe(true);
    expect(reader.read("答复期限是多久").howToFill).toBe(false);
    // the template's 序号 is a column too; asking its requirements asks how to fill it
    expect(reader.read("序号那列有要求吗")).toMatchObject({ columns: ["序号"], howToFill: true });
    // another act's time limit (编制目录, 办理) is not the column's
    expect(reader.read("省里对目录编制的时限是咋规定的").columns).toEqual([]);
    expect(reader.read("办理时限怎么规定的").columns).toEqual([]);
    expect(reader.read("编目录有没有时间要求啊").columns).toEqual([]);
    // the people a program serves (补助对象名单) are not the 公开对象 column
    expect(reader.read("危房改造补助对象名单谁来公开").columns).toEqual([]);
    // a column named only by a value (依申请公开 of 公开方式) is asked how to fill only with words of filling a table
    expect(reader.read("依申请公开咋整").howToFill).toBe(false);
    expect(reader.read("这个事项填依申请公开可不可以").howToFill).toBe(true);
    // "写X对吗" proposes a value for the column; the everyday word there (群众) is that value,
    // not the documents' 公民、法人或者其他组织
    const proposed = reader.read("公开对象写群众对吗");
    expect(proposed.howToFill).toBe(true);
    expect(proposed.meant).not.toContain("公民、法人或者其他组织");
    expect(reader.read("公开对象是不是就写群众").howToFill).toBe(true);
    // 选哪个 between a column's values asks how to fill it
    expect(reader.read("县级乡级到底选哪个").howToFill).toBe(true);
    // beside a column in a comparison, another column's bare stem (内容) names that column
    const compared = reader.read("依据和内容是一回事不");
    expect(compared.columns).toEqual(["公开依据", "公开内容"]);
    expect(compared.howToFill).toBe(true);
    expect(reader.read("申请内容写不清楚咋办").columns).toEqual([]);
    // …but not inside another name: 事项 in 基层政务公开事项标准目录 is no column
    expect(reader.read("基层政务公开事项标准目录和权责清单的内容要素有什么不一样？").columns).toEqual(["公开内容"]);
    expect(reader.read("群众来要信息 公开对象咋填").meant).toContain("公民、法人或者其他组织");
    expect(reader.read("五公开是哪五个").concepts).toContain("五公开");
    expect(reader.read("主动公开最晚几天内要公开").kind).toBe("when");
    expect(reader.read("规划公示期多长").kind).toBe("when");
    expect(reader.read("公开主体写相关部门中不中").kind).toBe("whether");
    expect(reader.read("哪个部门牵头").kind).toBe("who");
    expect(reader.read("两微一端啥意思").kind).toBe("what");
    expect(reader.read("年度报告里头要写些啥").kind).toBe("what");
    expect(readingNote(reader.read("公开主体怎么写"))).toBeUndefined();
  });

  it("reads a column named by its place in the national template (concepts.yaml template), and says so", () => {
    const r = reader.read("E列填么子撒");
    expect(r.text).toBe("公开依据栏填什么");
    expect(r.columns).toEqual(["公开依据"]);
    expect(r.howToFill).toBe(true);
    expect(readingNote(r)).toBe("（按“公开依据”理解）");
    expect(reader.read("附件那个表第三列写么子").text).toContain("二级事项");
    // a choice between the 公开层级 column's values is how to fill it, not which body
    expect(reader.read("公开层级填县级还是乡级").kind).not.toBe("who");
  });

  it("knows the documents' words for everyday ones without rewriting the question", () => {
    const r = reader.read("不归俺们单位公开的信息咋回复人家");
    expect(r.text).toBe("不归我们单位公开的信息怎么回复人家");
    expect(r.meant).toEqual(expect.arrayContaining(["不属于本行政机关负责公开", "答复"]));
    expect(reader.read("征地公示能挂网上吗").meant).toEqual(["公开", "政府网站"]);
    expect(reader.read("公开主体怎么写").meant).toEqual([]);
    // how far to cite a law, and from when a period runs, in the words of the documents
    expect(reader.read("公开依据要不要具体到第几条").meant).toContain("具体条款");
    expect(reader.read("答复期限从哪天开始算起").meant).toContain("收到申请之日");
    // an everyday form inside a longer one of another term is that one's part: 名字 in 改名字
    const renamed = reader.read("能不能直接照抄县里的目录改改名字");
    expect(renamed.meant).toContain("不应自行改动");
    expect(renamed.meant).not.toContain("个人隐私");
    expect(reader.read("公示栏能写名字吗").meant).toContain("个人隐私");
    // an everyday name of a pilot field's matter finds the field's passages, and names a matter of its own
    const welfare = reader.read("低保名单要公开吗");
    expect(welfare.meant).toContain("社会救助");
    expect(welfare.matters).toContain("低保");
    expect(welfare.everyday).not.toContain("低保");
  });

  it("finds every everyday form of colloquial.yaml's words as written: they are looked up in the question as read", () => {
    const words = (YAML.parse(fs.readFileSync(path.join(root, "knowledge", "colloquial.yaml"), "utf8")) as { words: { forms: string[] }[] }).words;
    // a form the reading rewrites (给不给 → 是否给, U盘 → u盘) is never found: write it as read
    const lost = words.flatMap((w) => w.forms).filter((f) => !reader.read(`${f}，怎么办`).text.includes(f));
    expect(lost).toEqual([]);
  });

  // the kind picks the answer sentence (extractive.ts): colloquial wording must not hide it
  it.each([
    ["批复后多少天内公开", "when"],
    ["条例是哪年改的", "when"],
    ["目录几个月内要编出来", "when"],
    ["目录和权责清单有什么不一样", "what"],
    ["国办54号文布置了几项任务", "what"],
    ["预决算是不是一定得登政府公报", "whether"],
    ["身份证号能直接贴出去不", "whether"],
    ["这个事谁来公开", "who"],
    ["重大建设项目批准的信息是县里公开还是乡里公开", "who"],
    ["这个申请归镇里答复还是县自然资源局答复", "who"],
    ["年报里要写啥", "what"],
    ["目录编好了在哪发布", "where"],
    ["县里会不会考核这个目录", "whether"],
    ["年报往哪报", "where"],
    ["公开栏该设在哪儿", "where"],
    ["哪些信息要公开", "what"],
    ["就业这块要公开哪样", "what"],
    ["主动公开跟依申请公开咋个分", "what"],
    ["公开层级是啥意思，县级乡级怎么分", "what"],
    ["这个活怎么分工", "how"],
  ])("reads %s as a %s-question", (q, kind) => {
    expect(reader.read(q).kind).toBe(kind);
  });
});

describe("language data", () => {
  it("names the file when a colloquial pattern is not a valid regular expression", () => {
    const files = new Map([["colloquial.yaml", "patterns:\n  - match: \"(\"\n    standard: x\n"]]);
    expect(() => parseLanguageData(files)).toThrow(/colloquial\.yaml/);
  });

  it("collects the data files' short names as domain terms, not their sources", () => {
    const files = new Map([
      ["concepts.yaml", "columns:\n  - name: 公开时限\n    aliases: [时限]\n"],
      ["fields.yaml", "fields:\n  - name: 城乡规划\n    sources: [\"某文件: 一段很长的原文摘录\"]\n"],
    ]);
    const d = parseLanguageData(files);
    expect(d.terms).toEqual(expect.arrayContaining(["公开时限", "时限", "城乡规划"]));
    expect(d.terms.some((t) => t.includes("摘录"))).toBe(false);
    expect(d.concepts[0]).toMatchObject({ name: "公开时限", column: true });
    expect(d.fields).toEqual(["城乡规划"]);
  });

  it("maps every everyday word to a term the documents use, quoting its source verbatim", () => {
    const words = (YAML.parse(fs.readFileSync(path.join(root, "knowledge", "colloquial.yaml"), "utf8")) as { words: { term: string; source: string; forms: string[]; alone?: boolean | string[] }[] }).words;
    const squeeze = (t: string) => t.replace(/\s+/g, "");
    const docs = squeeze(fs.readdirSync(path.join(root, "knowledge", "docs")).map((f) => fs.readFileSync(path.join(root, "knowledge", "docs", f), "utf8")).join(""));
    const wrong: string[] = [];
    for (const w of words) {
      const [file, quote] = w.source.split(/: (.*)/s) as [string, string];
      const text = squeeze(fs.readFileSync(path.resolve(root, "..", file), "utf8"));
      if (quote.split(" … ").some((part) => !text.includes(squeeze(part)))) wrong.push(`${w.term}: source not verbatim`);
      if (!docs.includes(squeeze(w.term).split("、")[0]!)) wrong.push(`${w.term}: not in knowledge/docs`);
      for (const f of Array.isArray(w.alone) ? w.alone : []) if (!w.forms.includes(f)) wrong.push(`${w.term}: alone form ${f} is not one of its forms`);
    }
    expect(wrong).toEqual([]);
  });

  it("reads a word holding a concept's short name but naming something else (企业年报) as no mention of the concept", () => {
    const files = new Map([["concepts.yaml", "concepts:\n  - name: 政府信息公开工作年度报告\n    aliases: [年报]\n    unlike: [企业年报]\n"]]);
    const data = parseLanguageData(files);
    const read = (q: string) => new QueryReader(data, TypoCorrector.build(new Map(), "")).read(q);
    expect(read("年报什么时候报").concepts).toEqual(["政府信息公开工作年度报告"]);
    expect(read("企业年报什么时候报").concepts).toEqual([]);
    expect(read("企业年报和政府的年报有啥不同").named).toEqual(["年报"]);
  });

  it("reads what the documents never answer from out-of-scope.yaml, and the shipped file parses", () => {
    const files = new Map([["out-of-scope.yaml", "services: [要带啥材料]\neveryday: [打印机]\nanchors: [公开]\n"]]);
    expect(parseLanguageData(files).outOfScope).toEqual({ services: ["要带啥材料"], everyday: ["打印机"], anchors: ["公开"] });
    expect(parseLanguageData(new Map()).outOfScope).toEqual({ services: [], everyday: [], anchors: [] });
    expect(() => parseLanguageData(new Map([["out-of-scope.yaml", "services: 要带啥材料\n"]]))).toThrow(/out-of-scope\.yaml/);
    const shipped = parseLanguageData(new Map([["out-of-scope.yaml", fs.readFileSync(path.join(root, "knowledge", "out-of-scope.yaml"), "utf8")]]));
    expect(shipped.outOfScope.services.length).toBeGreaterThan(20);
    expect(shipped.outOfScope.anchors).toContain("公开");
  });

  it("requires the documents' source for every everyday word it maps", () => {
    const files = new Map([["colloquial.yaml", "words:\n  - term: 公开\n    forms: [贴出去]\n"]]);
    expect(() => parseLanguageData(files)).toThrow(/colloquial\.yaml/);
  });
});

describe("words typed with spaces between", () => {
  it.each([
    ["公开时限 怎么 填 要", "公开时限怎么填要"],
    ["他 说 要 看 村里 修路 的 钱，可以 口头 说 吗", "他说要看村里修路的钱，可以口头说吗"],
    // spaces between longer runs part two questions, and a number stays apart
    ["目录编完了要报谁审 县里还是市里", "目录编完了要报谁审 县里还是市里"],
    ["补正 的 时间 算 在 20天 里面 吗", "补正的时间算在 20天里面吗"],
  ])("%s → %s", (typed, read) => {
    expect(joinSpacedWords(typed)).toBe(read);
  });
});

