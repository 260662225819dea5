/** Sending through the SDK: the per-message reply budget and partial multi-part sends (fake WeCom server on 127.0.0.1). */
import { WSClient, type BaseMessage, type WsFrame } from "@wecom/aibot-node-sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WECOM_REPLIES_PER_MESSAGE_WINDOW } from "../../../src/channels/wecom/facts.js";
import { ReplyBudget, replyToFrame, sendToChat, WecomPartialSendError } from "../../../src/channels/wecom/replies.js";
import { classifyDeliveryError } from "../../../src/nudges/scheduler.js";
import { startFakeWecom, type FakeWecom } from "./fake-wecom.js";

describe("WeCom sends", () => {
  let fake: FakeWecom;
  let client: WSClient;
  const frames = new Map<string, WsFrame<BaseMessage>>();

  beforeAll(async () => {
    fake = await startFakeWecom();
    client = new WSClient({ botId: fake.botId, secret: fake.secret, wsUrl: fake.wsUrl, logger: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined } });
    client.on("message", (frame) => frames.set(frame.headers.req_id, frame));
    const ready = new Promise<void>((resolve) => client.once("authenticated", () => resolve()));
    client.connect();
    await ready;
  });
  afterAll(async () => {
    client.disconnect();
    await fake.stop();
  });

  /** A callback frame as the client received it. */
  const inbound = async (text: string) => {
    const { reqId } = fake.text({ user: "zhang", text });
    for (let i = 0; i < 200 && !frames.has(reqId); i++) await new Promise((r) => setTimeout(r, 10));
    const frame = frames.get(reqId);
    if (!frame) throw new Error("no callback frame");
    return { reqId, frame };
  };
  const proactive = (after: number) => fake.sent.slice(after).filter((s) => s.cmd === "aibot_send_msg");

  it("a proactive send failing after some parts went out is 'outcome unknown': not retried, so no part is sent twice", async () => {
    const after = fake.sent.length;
    fake.failNextSend(45009, 1); // the second part is refused as "too often"
    const err = await sendToChat(client, "grp-1", [{ text: "第一部分" }, { text: "第二部分" }, { text: "第三部分" }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WecomPartialSendError);
    expect(err).toMatchObject({ delivered: 1, total: 3 });
    expect(classifyDeliveryError(err)).toBe("unknown");
    expect(proactive(after).map((s) => s.body.markdown.content)).toEqual(["第一部分"]);
  });

  it("a refusal of the first (or only) part is still known: nothing went out, so it may be retried", async () => {
    const after = fake.sent.length;
    fake.failNextSend(45009);
    const err = await sendToChat(client, "grp-1", [{ text: "只有一部分" }]).catch((e: unknown) => e);
    expect(classifyDeliveryError(err)).toBe("retryable");
    expect(proactive(after)).toEqual([]);
  });

  it(`keeps the replies to one message within WeCom's ${WECOM_REPLIES_PER_MESSAGE_WINDOW}, counted per platform message, and says what was left out`, async () => {
    const { reqId, frame } = await inbound("/rows");
    const messages = Array.from({ length: 40 }, (_, i) => ({ text: `第${i + 1}段` }));
    const budget = new ReplyBudget();
    await replyToFrame(client, frame, messages, undefined, budget);
    await new Promise((r) => setTimeout(r, 100));
    const texts = fake.repliesTo(reqId).texts;
    expect(texts).toHaveLength(WECOM_REPLIES_PER_MESSAGE_WINDOW);
    expect(budget.used).toBe(WECOM_REPLIES_PER_MESSAGE_WINDOW);
    expect(texts.at(-2)).toBe(`第${WECOM_REPLIES_PER_MESSAGE_WINDOW - 1}段`);
    expect(texts.at(-1)).toContain(`其余 ${40 - (WECOM_REPLIES_PER_MESSAGE_WINDOW - 1)} 条未能发送`);
    // the budget is spent: nothing more goes to this message
    await replyToFrame(client, frame, [{ text: "再来一条" }], undefined, budget);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.repliesTo(reqId).texts).toHaveLength(WECOM_REPLIES_PER_MESSAGE_WINDOW);
  });

  it("counts an open placeholder stream once: the answer finishing it costs nothing more", async () => {
    const { reqId, frame } = await inbound("公开时限怎么写？");
    const budget = new ReplyBudget(3);
    budget.used = 1; // the placeholder stream opened by the channel
    await client.replyStream(frame, "stream_open", "⏳ 正在处理", false);
    await replyToFrame(client, frame, [{ text: "一" }, { text: "二" }, { text: "三" }, { text: "四" }], "stream_open", budget);
    await new Promise((r) => setTimeout(r, 100));
    const texts = fake.repliesTo(reqId).texts;
    expect(texts).toEqual(["一", "二", "回复内容过多，企业微信对每条消息最多回复 3 条，其余 2 条未能发送。请缩小范围后再问，或用 /export 导出表格查看全部内容。"]);
    expect(budget.used).toBe(3);
  });
});
