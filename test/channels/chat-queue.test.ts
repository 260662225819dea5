import { describe, expect, it } from "vitest";
import { ChatQueue } from "../../src/channels/chat-queue.js";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("ChatQueue", () => {
  it("runs one chat's tasks in order, other chats meanwhile, and goes on after a failure", async () => {
    const errors: string[] = [];
    const q = new ChatQueue((err, chatId) => errors.push(`${chatId}:${(err as Error).message}`));
    const log: string[] = [];
    q.push("a", async () => {
      await tick(30);
      log.push("a1");
    });
    q.push("a", async () => {
      throw new Error("boom");
    });
    q.push("a", async () => {
      log.push("a3");
    });
    q.push("b", async () => {
      log.push("b1");
    });
    await q.idle();
    expect(log).toEqual(["b1", "a1", "a3"]);
    expect(errors).toEqual(["a:boom"]);
  });
});
