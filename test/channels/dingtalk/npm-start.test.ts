import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDingTalk } from "../../../src/channels/dingtalk/dingtalk-channel.js";
import { main } from "../../../src/main.js";
import { logger, makeCore, realKnowledgeBase, tempDir, type CoreHarness } from "../../core/helpers.js";
import { startFakeBotApi, type FakeBotApi } from "../telegram/fake-bot-api.js";
import { CLIENT_ID, CLIENT_SECRET, startFakeDingTalk, type FakeDingTalk } from "./fake-dingtalk.js";
import path from "node:path";

describe("starting DingTalk from the configuration", () => {
  let tmp: ReturnType<typeof tempDir>;
  let dt: FakeDingTalk;
  let tg: FakeBotApi;
  beforeAll(async () => {
    tmp = tempDir("zwgk-dt-start-");
    dt = await startFakeDingTalk();
    tg = await startFakeBotApi({ token: "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0" });
  });
  afterAll(async () => {
    await dt?.stop();
    await tg?.stop();
    tmp?.cleanup();
  });

  it("runs DingTalk alongside Telegram in one process, both answering", async () => {
    let end: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (end = resolve));
    const run = main(
      {
        DATA_DIR: path.join(tmp.dir, "both"), LOG_LEVEL: "silent", NUDGES_ENABLED: "false",
        TELEGRAM_BOT_TOKEN: tg.token, TELEGRAM_API_ROOT: tg.apiRoot,
        DINGTALK_CLIENT_ID: CLIENT_ID, DINGTALK_CLIENT_SECRET: CLIENT_SECRET, DINGTALK_API_BASE: dt.apiBase, DINGTALK_OAPI_BASE: dt.oapiBase,
      },
      path.join(tmp.dir, "no.env"),
      { until },
    );
    await dt.waitUntil(() => dt.connections > 0, 60_000);
    const after = dt.sent.length;
    dt.push({ msgId: "start1", sender: { staffId: "0909", nick: "赵科长" }, text: "公开依据需要写到具体条款吗？" });
    // Generous waits: on a loaded 2-core machine the first answer also builds the knowledge index.
    const [reply] = await dt.waitFor((s) => s.length > 0, { after, timeoutMs: 60_000 });
    expect(reply?.text).toContain("📄 出处");
    await tg.waitForCall("setMyCommands", { timeoutMs: 60_000 });
    const mark = tg.mark();
    tg.sendText({ chat: { id: 77, type: "private", first_name: "钱" }, from: { id: 77, is_bot: false, first_name: "钱" }, text: "公开依据需要写到具体条款吗？" });
    const tgReply = await tg.waitFor((r) => r.chatId === 77, { after: mark, timeoutMs: 60_000 });
    expect(tgReply.text).toContain("📄 出处");
    end();
    expect(await run).toBe(0);
  });

  it("refuses to start, in Chinese, when DingTalk rejects the credentials", async () => {
    const tmpKb = await realKnowledgeBase(path.join(tmp.dir, "kb"));
    const h: CoreHarness = makeCore({ dbFile: path.join(tmp.dir, "refused.sqlite"), kb: tmpKb });
    try {
      const start = startDingTalk({ core: h.core, db: h.db, logger, clientId: CLIENT_ID, clientSecret: "wrong", apiBase: dt.apiBase, oapiBase: dt.oapiBase, maxUploadBytes: 1024 });
      await expect(start).rejects.toThrow(/钉钉拒绝了连接（HTTP 401）.*DINGTALK_CLIENT_SECRET/);
    } finally {
      h.close();
    }
  });
});
