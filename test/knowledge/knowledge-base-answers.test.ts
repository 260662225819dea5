// The knowledge base without a model: how its answers read (what they say first, which sentence
// they quote, follow-ups, citation numbers). What it answers and refuses: knowledge-base.test.ts.
import { describe, expect, it } from "vitest";
import { norm, useKnowledgeBase } from "./helpers.js";

const t = useKnowledgeBase();

describe("question answering without a model", () => {
  it("answers the FAQ question on 公开依据 from the Guangdong FAQ and cites it", async () => {
    const r = await t.kb.ask("公开依据需要写到具体条款吗？");
    expect(r.abstained).toBe(false);
    expect(r.mode).toBe("extractive");
    const n = r.citations.findIndex((c) => c.doc === "guangdong-faq") + 1;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThanOrEqual(3);
    // the FAQ's official answer, verbatim, marked with its citation number
    expect(r.answer).toContain("公开依据只需列出履行对应事项所依据的法规政策，不需给出具体条款。");
    expect(r.answer).toContain(`[${n}]`);
  });

  it("says first that it holds no documents of a province the question names", async () => {
    const r = await t.kb.ask("山东省的标准目录要报给谁审核");
    expect(r.answer).toMatch(/^现有文件里没有山东自己的文件（只有国家文件和广东、云南/);
    expect((await t.kb.ask("广东的标准目录要报给谁审核")).answer).not.toContain("现有文件里没有");
  });

  it("says when the knowledge holds only a guideline's title and link, not its text", async () => {
    const r = await t.kb.ask("户籍管理领域的标准指引要求公开什么");
    expect(r.answer).toMatch(/^现有文件只收录了这份文件的名称和链接，没有它的正文/);
    expect(r.answer).toContain("http");
     // where to read a field's national guideline: its title and link
    const where = await t.kb.ask("社会救助领域的国家标准指引在哪里看");
    expect(where.answer).toMatch(/^现有文件只收录了这份文件的名称和链接/);
    expect(where.answer).toContain("民政部办公厅关于印发社会救助和养老服务领域基层政务公开标准指引的通知 [1]");
    expect(where.answer).toMatch(/\nhttps?:\/\/www\.gov\.cn\//);
  });

  it("says what it lacks when asked what a field discloses whose guideline it holds by title only, whatever passage leads", async () => {
    // …or whether something of that field is disclosed
    for (const q of ["财政预决算公开啥", "义务教育领域要公开哪些事项", "涉农补贴发放要公开到户吗"]) {
      const r = await t.kb.ask(q);
      expect(r.answer, q).toMatch(/^现有文件只收录了《[^》]*(财政预决算|义务教育|涉农补贴)[^》]*》的名称和链接，没有它的正文/);
      expect(r.answer, q).toMatch(/\nhttps?:\/\//);
    }
    // a field whose guideline the knowledge holds: its items are quoted, no such note
    expect((await t.kb.ask("征地要公开啥")).answer).not.toContain("现有文件只收录了");
  });

  it("answers what a field discloses with the sentence listing its items first, wherever it stands", async () => {
    const r = await t.kb.ask("城乡规划这块乡镇要公开啥");
    const quoted = r.answer.split("\n").filter((l) => /\[\d+\]$/.test(l));
    expect(quoted[0]).toContain("4类一级事项13类二级事项");
  });

  it("says when the knowledge holds a guideline's text but not its per-item table", async () => {
    const r = await t.kb.ask("征地补偿安置方案公告要写哪些内容");
    expect(r.answer).toMatch(/^现有文件收录了这份指引的正文，没有收录它所附的事项目录表/);
    expect(r.answer).toContain("t20210425_25919.htm");
  });

  it("answers whether something is to be disclosed from the regulation's list, not from a list of the pilot fields", async () => {
    for (const q of ["就业创业补贴政策要公开吗", "义务教育招生政策要公布吗"]) {
      const top = [...(await t.kb.ask(q, { top: 3 })).citations].sort((a, b) => b.score - a.score);
      expect(top.map((c) => c.section).some((s) => s.endsWith("第二十条")), q).toBe(true);
    }
  });

  it("counts a passage holding the documents' word for an everyday one as holding it (隔三差五 … 一样的 → 重复申请)", async () => {
    const r = await t.kb.ask("老有人隔三差五来申请一样的材料 咋办", { top: 3 });
    expect(r.answer.split("\n")[0]).toContain("不予重复处理");
  });

  it("answers what to do in a situation with the decision the article takes (不予公开), and the rule before its 但是 exception", async () => {
    expect((await t.kb.ask("第三方不同意公开咋整", { top: 3 })).answer.split("\n")[0]).toContain("第三方不同意公开且有合理理由的，行政机关不予公开");
    const fee = (await t.kb.ask("依申请公开要收钱吗", { top: 3 })).answer;
    expect(fee.indexOf("不收取费用")).toBeGreaterThanOrEqual(0);
    expect(fee.indexOf("不收取费用")).toBeLessThan(fee.indexOf("可以收取信息处理费"));
  });

  it("reads a short follow-up with the previous question, and never stretches an everyday remark into it", async () => {
    const long = await t.kb.ask("要多久", { previous: "公民可以申请政府信息公开吗" });
    expect(long.abstained).toBe(false);
    expect(long.followUp).toBe("公民可以申请政府信息公开吗");
    expect(long.answer.startsWith("（接着上一个问题，按“公民 申请 政府 信息 公开 要多久”理解）")).toBe(true);
    expect(norm(long.answer)).toContain("20个工作日");
    // a question this domain answers alone (收费吗: only fees for a request) stays its own, whatever came before
    const free = await t.kb.ask("收费吗", { previous: "依申请公开多少天内答复" });
    expect(free.followUp).toBeUndefined();
    expect(norm(free.answer)).toContain("不收取费用");
    // a follow-up naming a thing of its own asks the previous question about it
    const subject = await t.kb.ask("那公开主体呢", { previous: "公开时线咋填" });
    expect(subject.answer.startsWith("（接着上一个问题，按“公开主体怎么填写”理解）")).toBe(true);
    expect(subject.context).toBe("公开主体怎么填写");
    expect((await t.kb.ask("要多久")).abstained).toBe(true);
    const extend = await t.kb.ask("能延长吗", { previous: "依申请公开多少天内答复" });
    expect(norm(extend.answer)).toContain("延长的期限最长不得超过20个工作日");
    for (const [remark, previous] of [["明天下不下雨", "公开时限咋填"], ["食堂几点开饭", "公开时限咋填"], ["低保怎么申请", "公开时限咋填"], ["低保咋申请，要带啥材料", "县级和乡级都勾上行不行"], ["低保咋申请，要带啥材料", "公开依据写《条例》第十九条行不"]] as const) {
      const r = await t.kb.ask(remark, { previous });
      expect(r.abstained, remark).toBe(true);
      expect(r.followUp).toBeUndefined();
    }
    // a question answered well on its own is read on its own
    const own = await t.kb.ask("公开依据要写到第几条吗", { previous: "公开对象怎么填" });
    expect(own.followUp).toBeUndefined();
  });

  it("says first that no passage answers directly when a when-question's answer holds no deadline", async () => {
    const r = await t.kb.ask("征地公示要贴多少天", { top: 3 });
    expect(r.abstained).toBe(false);
    expect(r.confidence).toBeLessThan(0.5);
    expect(r.answer.startsWith("没有找到直接回答这个问题的条文")).toBe(true);
    expect((await t.kb.ask("主动公开的信息多少个工作日内公开", { top: 3 })).confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("ranks first the passage whose written question is the one typed, though every passage on the topic holds its two words", async () => {
    const r = await t.kb.ask("26个领域都有哪些", { top: 3 });
    const ranked = [...r.citations].sort((a, b) => b.score - a.score);
    expect(ranked.slice(0, 3).some((c) => c.text.includes("城乡规划、重大建设项目、公共资源交易"))).toBe(true);
  });

  it("says only that no passage answers directly when the top passages have nothing to quote, never a table's markup", async () => {
    const r = await t.kb.ask("公示多少天", { top: 3 });
    expect(r.answer).not.toMatch(/\|/);
    expect(r.answer.startsWith("没有找到直接回答这个问题的条文")).toBe(true);
    expect(r.citations.length).toBeGreaterThan(0);
  });

  it("says first that no passage answers directly when a what-it-means question's answer defines nothing", async () => {
    const r = await t.kb.ask("两微一端是什么意思", { top: 3 });
    expect(r.abstained).toBe(false);
    expect(r.confidence).toBeLessThan(0.5);
    expect(r.answer.startsWith("没有找到直接回答这个问题的条文")).toBe(true);
    expect((await t.kb.ask("五公开是什么意思", { top: 3 })).confidence).toBeGreaterThanOrEqual(0.5);
  });

  it("reads colloquial wording and pinyin typos, says how it read them, and answers from the column's passage", async () => {
    const r = await t.kb.ask("公开时线咋填啊", { top: 3 });
    expect(r.abstained).toBe(false);
    expect(r.normalizedQuestion).toBe("公开时限怎么填写啊");
    expect(r.answer.startsWith("（按“公开时限”理解）")).toBe(true);
    expect(r.citations.some((c) => c.section.includes("公开时限的编写") || c.text.includes("公开时限："))).toBe(true);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it("answers what a question about a field asks, not the field's table (the privacy article for 征地公示)", async () => {
    const r = await t.kb.ask("征地公式里有农户身份证号和银行卡号，可以直接贴出来吗", { top: 3 });
    expect(r.abstained).toBe(false);
    expect(r.citations.some((c) => c.text.includes("个人隐私等公开会对第三方合法权益造成损害"))).toBe(true);
  });

  it("says first when no passage answers directly", async () => {
    const r = await t.kb.ask("县乡两级目录汇总的时候，谁排前面谁排后面？");
    if (r.confidence! < 0.5) expect(r.answer).toMatch(/^没有找到直接回答这个问题的条文，最接近的是/);
    else expect(r.answer).not.toMatch(/没有找到直接回答/);
  });

  it("returns at most `top` citations, each with the full passage", async () => {
    const r = await t.kb.ask("公开渠道和载体有哪些可选项？", { top: 2 });
    expect(r.citations).toHaveLength(2);
    for (const c of r.citations) expect(c.text.length).toBeGreaterThan(20);
  });

  it.each(["目录啥时候要编完报上去", "公开时限怎么写", "各责任单位是哪些", "谁来编谁来审核", "五公开是啥"])(
    "numbers the sources of %s 1..n in order of first use, citations in that order",
    async (q) => {
      const r = await t.kb.ask(q, { top: 5 });
      const marks = [...r.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
      const firstUse = [...new Set(marks)];
      expect(firstUse).toEqual(firstUse.map((_, i) => i + 1));
      // the uncited passages follow in their rank order
      const rest = r.citations.slice(firstUse.length).map((c) => c.score);
      expect(rest).toEqual([...rest].sort((a, b) => b - a));
    },
  );

  it("says when a quoted deadline is one locality's own, unless the question names the place", async () => {
    const r = await t.kb.ask("目录啥时候要编完报上去");
    expect(r.answer).toContain("2020年8月31日前报送");
    expect(r.answer).toMatch(/以下是平潭综合实验区的文件，其他地方以本地通知为准|（仅适用于平潭综合实验区）[^\n]*2020年8月31日前报送/);
    const named = await t.kb.ask("平潭的目录什么时候报送");
    expect(named.answer).toContain("2020年8月31日前报送");
    expect(named.answer).not.toMatch(/仅适用于|其他地方以本地通知为准/);
    // nor is another locality's own rule quoted or cited to it
    const elsewhere = new Set(["guangdong-ledger", "guangdong-notice", "jiayu-responsibility", "jiayu-task-breakdown", "qingfeng-notice", "task-schedule"]);
    expect(named.citations.filter((c) => elsewhere.has(c.doc))).toEqual([]);
  });
});
