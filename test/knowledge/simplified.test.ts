import { describe, expect, it } from "vitest";
import { toSimplified } from "../../src/knowledge/simplified.js";

describe("traditional characters", () => {
  it.each([
    ["公開時限怎麼填", "公开时限怎么填"],
    ["依申請公開多少天答覆", "依申请公开多少天答复"],
    ["目录要報哪備案", "目录要报哪备案"],
    // simplified text, and characters shared by both scripts (干部, 里面, 着), come back unchanged
    ["公开时限咋填，干部里面着急", "公开时限咋填，干部里面着急"],
  ])("%s → %s", (typed, read) => {
    expect(toSimplified(typed)).toBe(read);
  });
});
