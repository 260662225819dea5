import { describe, expect, it } from "vitest";
import { chineseCommand } from "../../src/core/command-aliases.js";

describe("a command typed by its Chinese name", () => {
  it.each([
    ["导出", "", { name: "export", args: "" }],
    ["帮助", "", { name: "help", args: "" }],
    ["起草征地", "", { name: "draft", args: "征地" }],
    ["起草", "农村集体土地征收", { name: "draft", args: "农村集体土地征收" }],
    ["修改", "2", { name: "edit", args: "2" }],
    // the longest name wins
    ["取消订阅", "", { name: "unsubscribe", args: "" }],
    ["取消", "", { name: "cancel", args: "" }],
    ["截止事项", "add 2026-12-31 年报", { name: "deadline", args: "add 2026-12-31 年报" }],
    ["截止", "", { name: "deadlines", args: "" }],
    // no command's name
    ["征地咋填", "", undefined],
  ])("/%s %s", (name, args, expected) => {
    expect(chineseCommand(name, args)).toEqual(expected);
  });
});
