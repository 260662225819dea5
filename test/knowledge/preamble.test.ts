import { describe, expect, it } from "vitest";
import { preambleWords } from "../../src/knowledge/preamble.js";

describe("the telling of a long message, before what it asks", () => {
  it.each([
    // the scene is set in clauses that ask nothing; the last clause asks
    ["县里发通知喊月底前把目录报上去，额们人少，几个站所都推，到底哪个牵头嘛", ["通知", "月底"], ["牵头"]],
    // a clause with a question word asks, wherever it stands
    ["村民来申请，要看征地补偿明细，这个归谁答复，要多久", ["补偿", "明细"], ["答复"]],
  ])("%s", (q, told, asked) => {
    const words = preambleWords(q);
    for (const w of told) expect(words.has(w), w).toBe(true);
    for (const w of asked) expect(words.has(w), w).toBe(false);
  });

  it.each(["公开时限咋填", "征地公示里的身份证号，能贴出去吗", "公开依据要写到第几条吗，还是写文件名就行"])("a short question, or one that asks in every clause, has none: %s", (q) => {
    expect(preambleWords(q).size).toBe(0);
  });

  it("a word the question clause repeats is not the telling's alone", () => {
    expect(preambleWords("县里说目录要报，乡里人少，目录谁来编").has("目录")).toBe(false);
  });
});
