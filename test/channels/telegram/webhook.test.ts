import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramChannel } from "../../../src/channels/telegram/start-telegram.js";
import type { KnowledgeBase } from "../../../src/knowledge/types.js";
import { logger, makeCore, realKnowledgeBase, tempDir, type CoreHarness } from "../../core/helpers.js";
import { startFakeBotApi, type FakeBotApi } from "./fake-bot-api.js";

describe("Telegram webhook mode and the typing action", () => {
  let tmp: ReturnType<typeof tempDir>;
  let api: FakeBotApi;
  let h: CoreHarness;
  let channel: TelegramChannel;

  beforeAll(async () => {
    tmp = tempDir("zwgk-hook-");
    api = await startFakeBotApi();
    const real = await realKnowledgeBase(tmp.dir);
    // The real knowledge base, slowed down, to see the typing action during slow work.
    const slow: KnowledgeBase = {
      coverage: () => real.coverage(),
      ask: async (q, o) => {
        await new Promise((r) => setTimeout(r, 900));
        return real.ask(q, o);
      },
    };
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb: slow });
    channel = await startTelegram({
      core: h.core,
      logger,
      token: api.token,
      apiRoot: api.apiRoot,
      maxUploadBytes: 1024 * 1024,
      webhookUrl: "https://bot.example.gov.cn/telegram",
      webhookSecret: "s3cret",
      port: 0,
    });
  });
  afterAll(async () => {
    await channel?.stop();
    await api?.stop();
    h?.close();
    tmp?.cleanup();
  });

  const post = (body: unknown, secret = "s3cret") =>
    fetch(`http://127.0.0.1:${channel.port}/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": secret },
      body: JSON.stringify(body),
    });

  it("sets the webhook with its secret instead of polling", async () => {
    const set = await api.waitForCall("setWebhook");
    expect(set.params).toMatchObject({ url: "https://bot.example.gov.cn/telegram", secret_token: "s3cret" });
    expect(api.calls.some((c) => c.method === "getUpdates")).toBe(false);
  });

  it("answers an update posted to the webhook, showing typing while it works", async () => {
    const mark = api.mark();
    const calls = api.calls.length;
    const res = await post({
      update_id: 1,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat: { id: 7, type: "private" }, from: { id: 7, is_bot: false, first_name: "甲" }, text: "公开时限应该怎么写？" },
    });
    expect(res.status).toBe(200);
    const reply = await api.waitFor((r) => r.chatId === 7, { after: mark });
    expect(reply.text).toContain("📄 出处");
    const typing = api.calls.slice(calls).find((c) => c.method === "sendChatAction");
    expect(typing?.params).toMatchObject({ chat_id: 7, action: "typing" });
  });

  it("apologises in the chat and answers 200 when handling a webhook update fails", async () => {
    const mark = api.mark();
    api.failNext("sendMessage", { error_code: 400, description: "Bad Request: message is too long" });
    const res = await post({
      update_id: 3,
      message: { message_id: 2, date: Math.floor(Date.now() / 1000), chat: { id: 8, type: "private" }, from: { id: 8, is_bot: false, first_name: "乙" }, text: "/help" },
    });
    expect(res.status).toBe(200);
    const apology = await api.waitFor((r) => r.chatId === 8, { after: mark });
    expect(apology.text).toContain("抱歉，处理这条消息时出错了");
  });

  it("rejects a post without the secret", async () => {
    const res = await post({ update_id: 2 }, "wrong");
    expect(res.status).toBe(401);
  });
});

describe("Telegram webhook mode without a configured secret", () => {
  it("makes a secret for the run, gives it to Telegram, and refuses posts without it", async () => {
    const tmp = tempDir("zwgk-hook2-");
    const api = await startFakeBotApi();
    const h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb: await realKnowledgeBase(tmp.dir) });
    const channel = await startTelegram({
      core: h.core, logger, token: api.token, apiRoot: api.apiRoot, maxUploadBytes: 1024 * 1024,
      webhookUrl: "https://bot.example.gov.cn/telegram", port: 0,
    });
    try {
      const set = await api.waitForCall("setWebhook");
      const secret = (set.params as { secret_token?: string }).secret_token;
      expect(secret).toMatch(/^[0-9a-f]{64}$/);
      const forged = await fetch(`http://127.0.0.1:${channel.port}/telegram`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ update_id: 9, message: { message_id: 1, date: 0, chat: { id: -5, type: "group" }, from: { id: 1, is_bot: false, first_name: "x" }, text: "/delete 1" } }),
      });
      expect(forged.status).toBe(401);
    } finally {
      await channel.stop();
      await api.stop();
      h.close();
      tmp.cleanup();
    }
  });
});
