import { describe, expect, it } from "vitest";
import { valueCheck } from "../../src/core/value-check.js";
import { catalogueKnowledge } from "./helpers.js";

const knowledge = catalogueKnowledge();

describe("what the validator says of a value a question proposes for a column", () => {
  it.each([
    ["公开时限写及时公开行不行", "R07", "及时公开"],
    ["公开时线咋填啊，直接写及时公开行不行", "R07", "及时公开"],
    // a follow-up as read with the question before it: the last 写 proposes the value
    ["公开时限怎么填写啊 能写及时公开吗", "R07", "及时公开"],
    ["时限那一栏就写长期公开可以吗", "R07", "长期公开"],
    ["公开依据写《条例》第十九条行不", "R04", "《条例》第十九条"],
    ["公开主体写相关部门中不中", "R09", "相关部门"],
    // ticking instead of writing (勾), and both options ticked
    ["公开渠道只勾公示栏行不行", "R12", "公示栏"],
    ["公开方式写主动和依申请都勾行不行", "R15", "主动和依申请"],
    ["公开方式写政务公开栏中不", "公开方式请填“主动”或“依申请”", "政务公开栏"],
  ])("%s → %s", (question, said, value) => {
    const text = valueCheck(question, knowledge);
    expect(text).toContain(`这一栏写“${value}”会被指出`);
    expect(text).toContain(said);
  });

  it.each([
    "公开时限写信息形成或变更之日起20个工作日内对吗", // passes every rule: nothing to add
    "公开时限怎么写", // proposes no value
    "依申请公开多少天内答复",
    "申请书写得不清楚咋办", // 申请书 names no column
    "公开依据要写到第几条吗", // asks how far to cite, proposes nothing
    "公开主体填哪个单位好",
  ])("says nothing for %s", (question) => {
    expect(valueCheck(question, knowledge)).toBeUndefined();
  });
});
