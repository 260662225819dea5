// The knowledge base without a model: what it answers and what it refuses (the dev and calibration
// sets, everyday questions), and its saved index. How its answers read: knowledge-base-answers.test.ts.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { openKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import { calibration, devSet, norm, readQuestions, root, useKnowledgeBase } from "./helpers.js";

const t = useKnowledgeBase();

describe("question answering without a model", () => {
  it("meets the dev-set bar: hit@3 ≥ 0.9, every off-topic question refused, no domain question refused", async () => {
    let hits = 0;
    let domain = 0;
    const problems: string[] = [];
    for (const q of readQuestions(devSet)) {
      const r = await t.kb.ask(q.q, { top: 5 });
      if (q.abstain) {
        if (!r.abstained) problems.push(`not abstained: ${q.q}`);
        continue;
      }
      domain++;
      if (r.abstained) problems.push(`abstained: ${q.q}`);
      const exp = (q.expect ?? []).map(norm);
      const rank = r.citations.findIndex((c) => exp.some((e) => norm(c.text).includes(e))) + 1;
      if (rank > 0 && rank <= 3) hits++;
    }
    expect(problems).toEqual([]);
    expect(hits / domain).toBeGreaterThanOrEqual(0.9);
  });

  it("separates everyday questions from officials' questions on the calibration set", async () => {
    const wrong: string[] = [];
    for (const q of readQuestions(calibration)) {
      const r = await t.kb.ask(q.q);
      if (r.abstained !== Boolean(q.abstain)) wrong.push(q.q);
    }
    expect(wrong).toEqual([]);
  });

  it("refuses empty, punctuation-only and off-topic input plainly, saying what it covers", async () => {
    for (const q of ["", "？？？", "明天天气怎么样", "帮我写首诗"]) {
      const r = await t.kb.ask(q);
      expect(r.abstained, q).toBe(true);
      expect(r.citations).toEqual([]);
      expect(r.answer).toContain("没有找到");
      expect(r.answer).toContain(t.kb.coverage());
    }
  });

  it("refuses everyday questions that share a procedural word with the documents, and binary junk", async () => {
    const junk = String.fromCharCode(...Array.from({ length: 40 }, (_, i) => (i * 37) % 32)) + "\uFFFD\uFFFD公开";
    // 公众号 is an everyday word for 政务新媒体 (it finds passages, it does not make a question the
    // domain's); 公室 is only a piece of 办公室; 微信 is not in jieba's dictionary, which says nothing
    // of how common it is
    // a passage holding the documents' word for an everyday one (国有土地上房屋征收 for 拆迁) ranks
    // it, and is no evidence that the question is the domain's
    const welfare = ["拆迁补偿款什么时候发", "养老保险断了能补缴吗", "工伤保险怎么认定", "医疗保险卡丢了咋办", "临时救助金多久到账"];
    // a long message may tell of disclosure work before asking about a trip
    const trips = ["下个月去外地学政务公开经验，要办护照，流程咋走", "去县里参加政务公开培训的差旅费咋报销"];
    for (const q of ["低保怎么申请", "护照怎么办理", "社保卡丢了怎么补", "打印机连不上", "公众号怎么注册", "办公室打印机老卡纸咋整", "微信群里怎么发红包", "低保咋申请，要带啥材料去", "企业年报截止时间是哪天", "明天下雨不 要去村里公示栏贴东西", "明天台风要来 单位上班不 有没有通知", ...welfare, ...trips, junk, "asdkjh qweoiu zxcmn"]) {
      const r = await t.kb.ask(q);
      expect(r.abstained, q).toBe(true);
      expect(r.confidence).toBe(0);
    }
  });

  it("answers a situation told in everyday words around several of the documents' words, or two concepts by short names", async () => {
    // one procedural word is weak (低保怎么申请 is refused above); 申请 + 内容, 申请 + 答复, 复议 + 诉讼 are the documents' matter
    // and a question all of whose words the reader knows (恶意申请 → 数量、频次明显超过合理范围) has none unknown
    for (const q of ["群众申请的信息我们压根没做过，咋答复才不违规", "有人一个月递了几十份申请，内容都差不多，能不能不理", "复议诉讼", "恶意申请"]) {
      expect((await t.kb.ask(q)).abstained, q).toBe(false);
    }
    // 申请 and two everyday wordings the reader maps (老来…一样的东西 → 重复申请, 不理 …): a situation of the domain
    const repeated = await t.kb.ask("他老来申请一样的东西 烦死了 能不理不");
    expect(repeated.abstained).toBe(false);
    expect(norm(repeated.answer)).toContain("不予重复处理");
    // the same situation with no domain word at all: the documents' word for it (重复申请) is the evidence
    const again = await t.kb.ask("那人隔三差五就来问同样的东西 还用每次都回他吗");
    expect(again.abstained).toBe(false);
    const daily = await t.kb.ask("一个人天天来要东西咋办");
    expect(norm(daily.answer)).toContain("数量、频次明显超过合理范围");
    expect((await t.kb.ask("孩子天天来要零花钱咋办")).abstained).toBe(true);
    expect(norm((await t.kb.ask("人家要的东西俺们没有咋回")).answer)).toContain("告知申请人该政府信息不存在");
    expect((await t.kb.ask("顾客要的东西我们没有咋办")).abstained).toBe(true);
    // no domain word, but two everyday wordings of one thing (弄不完 … 往后拖 → 延长答复期限); one
    // alone (作业能往后拖吗), or two of different things (快递一直不回复), is everyday talk
    const extend = await t.kb.ask("要是20天弄不完能不能往后拖，最多拖几天，得谁点头同意");
    expect(extend.abstained).toBe(false);
    expect(norm(extend.answer)).toContain("延长的期限最长不得超过20个工作日");
    for (const q of ["作业能往后拖吗", "快递一直不回复咋办"]) expect((await t.kb.ask(q)).abstained, q).toBe(true);
    // three everyday wordings of the documents' terms around a domain word (没有这个业务 … 这一行 … 删掉)
    const drop = await t.kb.ask("俺们乡没有这个业务 这一行删掉还是留着");
    expect(drop.abstained).toBe(false);
    expect(norm(drop.answer)).toContain("没有开展的业务");
  });

  it("answers a short question all of whose words the documents use, one as the everyday form of their term (延期 → 延长答复期限)", async () => {
    const extend = await t.kb.ask("延期也是20天不");
    expect(extend.abstained).toBe(false);
    expect(norm(extend.answer)).toContain("延长的期限最长不得超过20个工作日");
    // its ways of asking (多久) and a fragment jieba glued from a function character (能延) are not words it uses
    expect((await t.kb.ask("延期最多能延多久")).abstained).toBe(false);
    // …and is covered by a passage holding the documents' word for the everyday one (报给 → 报送)
    for (const q of ["备按报给谁", "备案交给谁"]) expect(norm((await t.kb.ask(q)).answer), q).toContain("报上一级政府备案检查");
    expect((await t.kb.ask("作业交给谁")).abstained).toBe(true);
    // one everyday word alone may be chance: 名字 → 个人隐私
    for (const q of ["你叫什么名字", "名字咋改"]) expect((await t.kb.ask(q)).abstained, q).toBe(true);
  });

  it("answers a question naming a document number that a passage cites, and refuses one no passage cites", async () => {
    for (const q of ["豫政办〔2020〕5号是啥", "请问豫政办〔2020〕5号是啥", "981号文是哪天发的"]) expect((await t.kb.ask(q)).abstained, q).toBe(false);
    expect((await t.kb.ask("粤府办〔2099〕1号是啥")).abstained).toBe(true);
  });

  it("answers a question said only in everyday words or a concept's short name (往后拖 → 延长答复期限, 年报 → 年度报告)", async () => {
    const r = await t.kb.ask("答复能往后拖几天", { top: 3 });
    expect(r.abstained).toBe(false);
    expect(r.citations.some((c) => c.text.includes("延长的期限最长不得超过20个工作日"))).toBe(true);
    expect((await t.kb.ask("年报截止日期", { top: 3 })).abstained).toBe(false);
    // the short name weighs as the full name would: 年报 asks about 第四十九条's dates, not 第二十六条's
    const report = await t.kb.ask("年报啥时候得挂出来", { top: 3 });
    expect(report.citations.some((c) => c.text.includes("每年1月31日前"))).toBe(true);
    const fee = await t.kb.ask("处理费咋收", { top: 3 });
    expect(fee.abstained).toBe(false);
    expect(norm(fee.answer)).toContain("可以收取信息处理费");
    expect((await t.kb.ask("垃圾处理费咋收")).abstained).toBe(true);
  });

  it("answers what is disclosed proactively from the regulation's lists", async () => {
    const r = await t.kb.ask("主动公开的范围有哪些", { top: 3 });
    expect(r.citations.some((c) => /下列政府信息|等方面的政府信息/.test(c.text))).toBe(true);
  });

  it("answers whether a pilot field's matter is disclosed (低保名单), not how to get the service (低保怎么申请)", async () => {
    for (const q of ["低保名单要挂网上不", "临时救助的名单要不要公示"]) {
      const r = await t.kb.ask(q, { top: 3 });
      expect(r.abstained, q).toBe(false);
      expect(r.citations.some((c) => c.text.includes("社会救助等方面的政府信息")), q).toBe(true);
    }
    for (const q of ["低保怎么申请", "特困人员怎么认定", "低保户每月能领多少钱"]) expect((await t.kb.ask(q)).abstained, q).toBe(true);
    // how much each household got, asked whether to post it (贴出来, 张榜 → 公开), is a disclosure question
    for (const q of ["危房改造谁家补了多少钱 要贴出来不", "征地补偿每家分了多少钱 要张榜不"]) expect((await t.kb.ask(q)).abstained, q).toBe(false);
  });

  it("answers a situation told as a story whose details the documents never mention (尿毒症, 按村)", async () => {
    const ill = await t.kb.ask("有一户是因为得了尿毒症才吃上低保的 张榜的时候要不要把啥病写上 俺怕人家心里不得劲", { top: 3 });
    expect(ill.abstained).toBe(false);
    expect(ill.citations.some((c) => c.text.includes("个人隐私")), ill.answer).toBe(true);
    const table = await t.kb.ask("有个人来窗口说要俺们把近三年全镇低保户按村统计个表给他，俺们手里只有原始名单，这种得专门给他做表不", { top: 3 });
    expect(table.abstained).toBe(false);
    expect(table.citations.some((c) => c.text.includes("加工、分析")), table.answer).toBe(true);
    // around a concept named in full (商业秘密), told in two everyday wordings (另一个公司, 问那个公司)
    const secret = await t.kb.ask("昨天有个公司的人来窗口 要看另一个公司的合同 里面有价格 说是商业秘密 我们县里咋处理 要先问那个公司吗", { top: 3 });
    expect(secret.abstained).toBe(false);
    expect(secret.citations.some((c) => c.text.includes("征求第三方的意见")), secret.answer).toBe(true);
  });

  it("answers what a column named by its name means from the passages explaining the column, not from an everyday word beside it", async () => {
    const r = await t.kb.ask("公开对象是啥意思 不都是老百姓吗", { top: 3 });
    expect(r.citations.some((c) => c.text.includes("全社会及特定群体")), r.answer).toBe(true);
  });

  it("answers a question that is only a concept's short name (复议) and how to go about it", async () => {
    const r = await t.kb.ask("复议咋整", { top: 3 });
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain("行政复议");
    expect((await t.kb.ask("咋整")).abstained).toBe(true);
  });

  it("answers a short question every word of which one passage holds, and refuses one with a word the documents never use", async () => {
    const r = await t.kb.ask("延长最多几天", { top: 3 });
    expect(r.abstained).toBe(false);
    expect(r.answer).toContain("延长的期限最长不得超过20个工作日");
    expect((await t.kb.ask("请假最多几天", { top: 3 })).abstained).toBe(true);
    // a compound the search cut adds beside its parts (最多能) is no unknown word
    expect((await t.kb.ask("最多能延长多久", { top: 3 })).abstained).toBe(false);
    expect((await t.kb.ask("年假最多能休多久", { top: 3 })).abstained).toBe(true);
  });

  it("answers a question of one everyday word that in this domain means only the documents' term (收费吗), not one that may be chance", async () => {
    for (const q of ["收费吗", "复印费可以收不"]) {
      const r = await t.kb.ask(q, { top: 3 });
      expect(r.abstained, q).toBe(false);
      expect(r.citations.some((c) => /不收取费用|信息处理费/.test(c.text)), q).toBe(true);
    }
    expect((await t.kb.ask("能延期吗", { top: 3 })).answer).toContain("延长的期限最长不得超过20个工作日");
    for (const q of ["你叫什么名字", "停车场收费吗", "食堂吃饭收费不", "房贷能延期吗", "国庆放假吗"]) expect((await t.kb.ask(q)).abstained, q).toBe(true);
  });
});

describe("the saved index", () => {
  it("answers, loaded from disk, exactly as the index did when it was built", async () => {
    const loaded = await openKnowledgeBase({ config: loadConfig({ DATA_DIR: t.dataDir }) });
    const questions = [...readQuestions(devSet).map((q) => q.q), "公开时线咋填", "征地公示里有农户身份证号能贴出去吗", "公式栏写什么", "红烧狮子头怎么做"];
    for (const q of questions) expect(await loaded.ask(q, { top: 5 })).toEqual(await t.kb.ask(q, { top: 5 }));
  });

  it("is reused when knowledge/ is unchanged and rebuilt when a document changes", async () => {
    const manifest = path.join(t.dataDir, "index", "manifest.json");
    const before = JSON.parse(fs.readFileSync(manifest, "utf8")) as { builtAt: string; hash: string };
    await openKnowledgeBase({ config: loadConfig({ DATA_DIR: t.dataDir }) });
    expect(JSON.parse(fs.readFileSync(manifest, "utf8")).builtAt).toBe(before.builtAt);

    const kdir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-kn-"));
    fs.cpSync(path.join(root, "knowledge"), kdir, { recursive: true });
    fs.appendFileSync(path.join(kdir, "docs", "guangdong-faq.md"), "\n### 99.新增的测试问题红烧狮子头怎么做？\n\n新增的测试答案。\n");
    const changed = await openKnowledgeBase({ config: loadConfig({ DATA_DIR: t.dataDir, KNOWLEDGE_DIR: kdir }) });
    const after = JSON.parse(fs.readFileSync(manifest, "utf8")) as { hash: string };
    expect(after.hash).not.toBe(before.hash);
    // (an everyday question is refused, but the new passage is indexed and ranks first)
    const r = await changed.index.search("红烧狮子头怎么做？");
    expect(r.hits[0]?.chunk.text).toContain("新增的测试答案");
    fs.rmSync(kdir, { recursive: true, force: true });
  });

  it("is rebuilt after an upgrade of the program that builds it, though knowledge/ is unchanged", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-up-"));
    await openKnowledgeBase({ config: loadConfig({ DATA_DIR: dir }) });
    const manifest = path.join(dir, "index", "manifest.json");
    const built = JSON.parse(fs.readFileSync(manifest, "utf8")) as { builtAt: string; code: string };
    expect(built.code).toMatch(/^[0-9a-f]{40}$/);
    fs.writeFileSync(manifest, JSON.stringify({ ...built, code: "0".repeat(40) }));
    await openKnowledgeBase({ config: loadConfig({ DATA_DIR: dir }) });
    const rebuilt = JSON.parse(fs.readFileSync(manifest, "utf8")) as { builtAt: string; code: string };
    expect(rebuilt.code).toBe(built.code);
    expect(rebuilt.builtAt).not.toBe(built.builtAt);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
