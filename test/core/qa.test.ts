import { describe, expect, it } from "vitest";
import { answerInChat, citationLabel, formatAnswer, manyAsksText, pastedText, smallTalk } from "../../src/core/qa.js";
import { createLogger } from "../../src/log.js";
import type { AskResult } from "../../src/knowledge/types.js";

const cite = (title: string, section: string) => ({ doc: "d", title, section, text: "正文", score: 1 });
const answered = (answer: string, citations: AskResult["citations"]): AskResult => ({ question: "q", answer, abstained: false, mode: "extractive", citations });

describe("formatAnswer", () => {
  it("merges passages of one section into one line and renumbers the answer's marks to match", () => {
    const result = answered("甲 [3]\n乙 [2]\n丙 [1][3]", [cite("培训", "四 > 4. 公开依据的编写"), cite("答疑", "怎样编制 > 问题"), cite("培训", "四 > 4. 公开依据的编写")]);
    expect(formatAnswer(result)).toBe("甲 [1]\n乙 [2]\n丙 [1]\n\n📄 出处：\n[1] 《培训》 › 四 › 4. 公开依据的编写\n[2] 《答疑》 › 怎样编制 › 问题");
  });
});

describe("citationLabel", () => {
  it.each([
    [cite("培训", "四 > (二) 标准目录编制 > 4. 公开依据的编写"), "《培训》 › (二) 标准目录编制 › 4. 公开依据的编写"],
    // text before a document's first heading is named by the title: not repeated
    [cite("任务分工和进度安排", "任务分工和进度安排"), "《任务分工和进度安排》"],
    [cite("通知", ""), "《通知》"],
  ])("labels %o as %s", (c, label) => {
    expect(citationLabel(c)).toBe(label);
  });
});

describe("the source list", () => {
  it("numbers the sources in order of first use, without gaps", () => {
    const result = answered("甲 [3]\n乙 [1]", [cite("培训", "四 > 4. 公开依据的编写"), cite("答疑", "怎样编制 > 问题"), cite("通知", "一 > 二")]);
    expect(formatAnswer(result)).toBe("甲 [1]\n乙 [2]\n\n📄 出处：\n[1] 《通知》 › 一 › 二\n[2] 《培训》 › 四 › 4. 公开依据的编写");
  });

  it("shows only the passages the answer cites, renumbered", () => {
    const result = answered("乙 [2]", [cite("培训", "四 > 4. 公开依据的编写"), cite("答疑", "怎样编制 > 问题"), cite("通知", "一 > 二")]);
    expect(formatAnswer(result)).toBe("乙 [1]\n\n📄 出处：\n[1] 《答疑》 › 怎样编制 › 问题");
  });
});

describe("smallTalk", () => {
  it.each([
    ["你好", true],
    ["您好！", true],
    ["谢谢", true],
    ["好的。", true],
    ["好的收到", true],
    ["嗯嗯", true],
    ["哦哦 明白了", true],
    ["好吧", true],
    ["中", true],
    ["哈哈哈", true],
    ["？？", true],
    ["你是谁", true],
    ["你能干啥？", true],
    ["你是谁负责的", false],
    ["好的，公示多久", false],
    ["你好，公开时限怎么写", false],
    ["公开依据需要写到具体条款吗？", false],
  ])("%s → small talk %s", (text, yes) => {
    expect(Boolean(smallTalk(text))).toBe(yes);
  });
});

describe("a message with no Chinese in it", () => {
  it("is not searched: the reply says it was not understood, not that it is out of scope", async () => {
    const asked: string[] = [];
    const kb = { ask: async (q: string) => (asked.push(q), answered("甲 [1]", [cite("培训", "一")])), coverage: () => "" };
    const { reply } = await answerInChat(kb, "asdfgh jkl", createLogger("silent"));
    expect(reply.text).toContain("没有看懂这条消息");
    expect(reply.text).not.toContain("超出了我掌握的文件范围");
    expect(asked).toEqual([]);
  });
});

describe("a pasted text", () => {
  it("is not searched as a question: the reply says the assistant does not read it", async () => {
    const asked: string[] = [];
    const kb = { ask: async (q: string) => (asked.push(q), answered("甲 [1]", [cite("培训", "一")])), coverage: () => "" };
    const notice = `关于报送基层政务公开标准目录的通知。${"各乡镇要在12月15日前报送本级目录。".repeat(20)}`;
    const { reply, context } = await answerInChat(kb, notice, createLogger("silent"));
    expect(reply.text).toBe(pastedText([...notice].length));
    expect(context).toBeUndefined();
    expect(asked).toEqual([]);
    await answerInChat(kb, "公开时限怎么写", createLogger("silent"));
    expect(asked).toEqual(["公开时限怎么写"]);
  });

  it("asking several things at length gets a request to ask one at a time; one long question is answered", async () => {
    const asked: string[] = [];
    const kb = { ask: async (q: string) => (asked.push(q), answered("甲 [1]", [cite("培训", "一")])), coverage: () => "" };
    const intro = "俺是乡党政办的，刚接手这个活，领导让我这周把目录弄完，可是表格里好多栏都看不太懂，县里培训的时候我又在村里入户没去成，材料也没拿到。".repeat(5);
    const many = `${intro}公开时限到底应该写几个工作日？公开主体能不能直接写乡人民政府？村里的公示栏算不算公开渠道？`;
    expect((await answerInChat(kb, many, createLogger("silent"))).reply.text).toBe(manyAsksText(3));
    expect(asked).toEqual([]);
    const one = `${intro}公开时限到底应该写几个工作日？`;
    expect((await answerInChat(kb, one, createLogger("silent"))).reply.text).toContain("甲");
    expect(asked).toEqual([one]);
    const short = "公开时限写几天？公开主体写谁？公示栏算不算渠道？";
    expect((await answerInChat(kb, short, createLogger("silent"))).reply.text).toMatch(/^（您一次问了 3 件事/);
  });
});
