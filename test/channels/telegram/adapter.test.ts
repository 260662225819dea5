import { describe, expect, it } from "vitest";
import { commandForOtherBot, readMention } from "../../../src/channels/telegram/inbound.js";
import { chunkText, keyboard } from "../../../src/channels/telegram/replies.js";
import type { BotContext } from "../../../src/channels/telegram/context.js";

const ctx = { me: { id: 999, username: "zwgk_bot" } } as unknown as BotContext;

describe("telegram adapter helpers", () => {
  it.each([
    ["@zwgk_bot 公开时限怎么写？", [{ type: "mention", offset: 0, length: 9 }], true, "公开时限怎么写？"],
    ["请问 @ZWGK_BOT，公开时限怎么写？", [{ type: "mention", offset: 3, length: 9 }], true, "请问 ，公开时限怎么写？"],
    ["@other_bot 你好", [{ type: "mention", offset: 0, length: 10 }], false, "@other_bot 你好"],
    ["没有提到机器人", [], false, "没有提到机器人"],
  ] as const)("readMention(%s)", (text, entities, mentioned, rest) => {
    expect(readMention(ctx, text, entities as never)).toEqual({ mentioned, text: rest });
  });

  it("recognises commands addressed to another bot", () => {
    expect(commandForOtherBot(ctx, "/help@other_bot")).toBe(true);
    expect(commandForOtherBot(ctx, "/help@zwgk_bot")).toBe(false);
    expect(commandForOtherBot(ctx, "/help")).toBe(false);
  });

  it("splits long text at line breaks under the Bot API limit", () => {
    const text = Array.from({ length: 300 }, (_, i) => `第${i}行：${"字".repeat(30)}`).join("\n");
    const chunks = chunkText(text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(4000);
    expect(chunks.join("\n")).toBe(text);
    expect(chunkText("")).toEqual(["（空）"]);
  });

  it("builds inline keyboards from choice rows", () => {
    expect(keyboard(undefined)).toBeUndefined();
    expect(keyboard([[{ label: "甲", data: "d:1" }, { label: "乙", data: "d:2" }]])?.inline_keyboard).toEqual([
      [
        { text: "甲", callback_data: "d:1" },
        { text: "乙", callback_data: "d:2" },
      ],
    ]);
  });
});
