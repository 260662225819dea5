/** DingTalk delivery guarantees: acknowledged after handling, redeliveries deduplicated by message id across restarts. */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDingTalk, type DingTalkChannel } from "../../../src/channels/dingtalk/dingtalk-channel.js";
import type { Feature } from "../../../src/core/bot-core.js";
import type { KnowledgeBase } from "../../../src/knowledge/types.js";
import { ChannelStore } from "../../../src/store/channel-store.js";
import { logger, makeCore, tempDir, type CoreHarness } from "../../core/helpers.js";
import { CLIENT_ID, CLIENT_SECRET, privateConversation, startFakeDingTalk, type FakeDingTalk } from "./fake-dingtalk.js";

describe("DingTalk delivery: ack after handling, dedupe by message id", () => {
  let tmp: ReturnType<typeof tempDir>;
  let dt: FakeDingTalk;
  let h: CoreHarness;
  let channel: DingTalkChannel;
  const kb: KnowledgeBase = {
    ask: async (question) => ({ question, answer: "文件中没有找到答案。", abstained: true, mode: "extractive", citations: [] }),
    coverage: () => "测试知识",
  };
  /** "/hold": handled once the test opens the gate; counts its runs. */
  let runs = 0;
  let entered = false;
  let open: () => void = () => undefined;
  const hold: Feature = {
    name: "hold",
    commands: [
      {
        name: "hold",
        description: "测试：等待",
        handle: async () => {
          runs += 1;
          entered = true;
          await new Promise<void>((resolve) => (open = resolve));
          entered = false;
          return [{ text: `已处理 ${runs}` }];
        },
      },
    ],
  };
  const zhang = { staffId: "0101", nick: "张科员" };
  const start = () =>
    startDingTalk({
      core: h.core, db: h.db, logger, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET,
      apiBase: dt.apiBase, oapiBase: dt.oapiBase, maxUploadBytes: 1024 * 1024, reconnect: { initialDelayMs: 30, maxDelayMs: 200 },
    });

  beforeAll(async () => {
    tmp = tempDir("zwgk-dt-delivery-");
    dt = await startFakeDingTalk();
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, features: [hold] });
    channel = await start();
    await channel.stream.ready;
  });
  afterAll(async () => {
    open();
    await channel?.stop();
    await dt?.stop();
    h?.close();
    tmp?.cleanup();
  });

  it("acknowledges a message only once it has been answered", async () => {
    runs = 0;
    const after = dt.sent.length;
    const frame = dt.push({ msgId: "hold-1", sender: zhang, text: "/hold" });
    await dt.waitUntil(() => entered);
    await new Promise((r) => setTimeout(r, 100));
    expect(dt.acks).not.toContain(frame); // a stop now would get it pushed again
    open();
    await dt.waitFor((s) => s.length > 0, { after });
    await dt.waitUntil(() => dt.acks.includes(frame));
    expect(runs).toBe(1);
  });

  it("a redelivery while the message is being handled waits for it: one answer, both frames acknowledged after", async () => {
    runs = 0;
    const after = dt.sent.length;
    const m = { msgId: "hold-2", sender: zhang, text: "/hold" };
    const frame = dt.push(m);
    await dt.waitUntil(() => entered);
    dt.push(m, frame); // DingTalk pushes an unacknowledged frame again
    const second = dt.push(m); // or the same message in a new frame
    await new Promise((r) => setTimeout(r, 100));
    expect(dt.acks.filter((a) => a === frame || a === second)).toEqual([]);
    open();
    await dt.waitUntil(() => dt.acks.filter((a) => a === frame).length === 2 && dt.acks.includes(second));
    await channel.idle();
    await new Promise((r) => setTimeout(r, 100));
    expect(runs).toBe(1);
    expect(dt.sent.slice(after)).toHaveLength(1);
  });

  it("answers a message whose handling a stop cut short (recorded, never answered) when DingTalk pushes it again", async () => {
    runs = 0;
    // What a process stopped mid-handling leaves: the message recorded, not marked handled, not acknowledged.
    const chat = { chatId: `dingtalk:${privateConversation(zhang.staffId)}`, channel: "dingtalk", chatType: "private" as const, target: zhang.staffId };
    expect(new ChannelStore(h.db).receive("cut-short", chat)).toBe("new");
    const after = dt.sent.length;
    const frame = dt.push({ msgId: "cut-short", sender: zhang, text: "/help" });
    const [reply] = await dt.waitFor((s) => s.length > 0, { after });
    expect(reply?.text).toContain("/draft");
    await dt.waitUntil(() => dt.acks.includes(frame));
    expect(new ChannelStore(h.db).receive("cut-short", chat)).toBe("handled");
  });

  it("after a restart, acknowledges and ignores a redelivered message it had answered", async () => {
    const after = dt.sent.length;
    const frame = dt.push({ msgId: "before-restart", sender: zhang, text: "/help" });
    await dt.waitFor((s) => s.length > 0, { after });
    await dt.waitUntil(() => dt.acks.includes(frame));
    await channel.stop();
    channel = await start();
    await channel.stream.ready;
    const answered = dt.sent.length;
    const again = dt.push({ msgId: "before-restart", sender: zhang, text: "/help" });
    await dt.waitUntil(() => dt.acks.includes(again));
    await channel.idle();
    await new Promise((r) => setTimeout(r, 100));
    expect(dt.sent.length).toBe(answered);
  });
});
