import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GATEWAY_URL } from "dingtalk-stream";
import nock from "nock";
import { WebSocketServer } from "ws";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { DingTalkApi, DingTalkApiError } from "../../../src/channels/dingtalk/api.js";
import { DINGTALK_CAPABILITIES, startDingTalk } from "../../../src/channels/dingtalk/dingtalk-channel.js";
import { parseRobotMessage, toInbound } from "../../../src/channels/dingtalk/inbound.js";
import { dingtalkMarkdown, markdownTitle } from "../../../src/channels/dingtalk/send.js";
import { backoffDelay, DingTalkStream } from "../../../src/channels/dingtalk/stream.js";
import { ConfigError, loadConfig } from "../../../src/config.js";
import type { KnowledgeBase } from "../../../src/knowledge/types.js";
import { logger, makeCore, tempDir } from "../../core/helpers.js";
import { CLIENT_ID, CLIENT_SECRET, startFakeDingTalk, type FakeDingTalk } from "./fake-dingtalk.js";

describe("DingTalk configuration", () => {
  it("accepts DingTalk members among the coordinators", () => {
    expect(loadConfig({ NUDGE_COORDINATORS: "123,dingtalk:manager1234" }).nudgeCoordinators).toEqual(["123", "dingtalk:manager1234"]);
  });

  it("enables the channel with both credentials; the robot code defaults to the client id", () => {
    const c = loadConfig({ DINGTALK_CLIENT_ID: "dingabc", DINGTALK_CLIENT_SECRET: "s3", DINGTALK_API_BASE: "http://127.0.0.1:9/" });
    expect(c.dingtalk).toEqual({ clientId: "dingabc", clientSecret: "s3", robotCode: "dingabc", apiBase: "http://127.0.0.1:9", oapiBase: "https://oapi.dingtalk.com" });
    expect(loadConfig({}).dingtalk).toBeUndefined();
  });

  it("reports a missing secret and a malformed base together, in Chinese", () => {
    let err: unknown;
    try {
      loadConfig({ DINGTALK_CLIENT_ID: "dingabc", DINGTALK_OAPI_BASE: "不是网址" });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const issues = (err as ConfigError).issues.join("\n");
    expect(issues).toContain("DINGTALK_CLIENT_SECRET：设置了 DINGTALK_CLIENT_ID 时必须同时填写");
    expect(issues).toContain("DINGTALK_OAPI_BASE：取值“不是网址”无效，应为完整网址");
  });
});

describe("DingTalk inbound messages", () => {
  const base = { msgId: "m1", conversationId: "cid1", senderStaffId: "u1", senderNick: "张三", sessionWebhook: "http://x", sessionWebhookExpiredTime: 1 };
  const fetchNone = async () => Buffer.alloc(0);

  it.each([
    ["group text, admin", { ...base, conversationType: "2", msgtype: "text", text: { content: " 公开时限怎么写" }, isAdmin: true }, { chatType: "group", text: "公开时限怎么写", mentioned: true, isAdmin: true }],
    ["group text, member", { ...base, conversationType: "2", msgtype: "text", text: { content: "/delete 1" }, isAdmin: false }, { chatType: "group", isAdmin: false }],
    ["private text: the owner of the chat", { ...base, conversationType: "1", msgtype: "text", text: { content: "你好" }, isAdmin: false }, { chatType: "private", mentioned: false, isAdmin: true }],
    ["rich text joins its text parts", { ...base, conversationType: "1", msgtype: "richText", content: { richText: [{ text: "第一段" }, { type: "picture", downloadCode: "p" }, { text: "第二段" }] } }, { text: "第一段第二段" }],
    ["voice uses its recognition", { ...base, conversationType: "1", msgtype: "audio", content: { recognition: "公开对象咋填", downloadCode: "a" } }, { text: "公开对象咋填" }],
  ])("%s", (_name, raw, expected) => {
    const m = parseRobotMessage(JSON.stringify(raw));
    if (!m) throw new Error("not parsed");
    const inbound = toInbound(m, DINGTALK_CAPABILITIES, fetchNone);
    expect(inbound).toMatchObject({ channel: "dingtalk", chatId: "dingtalk:cid1", senderId: "dingtalk:u1", messageId: "m1", ...expected });
  });

  it("offers a file as a lazily downloaded attachment", async () => {
    const m = parseRobotMessage(JSON.stringify({ ...base, conversationType: "1", msgtype: "file", content: { downloadCode: "dl1", fileName: "目录.xlsx" } }));
    const codes: string[] = [];
    const inbound = toInbound(m as NonNullable<typeof m>, DINGTALK_CAPABILITIES, async (code) => (codes.push(code), Buffer.from("x")));
    expect(inbound.files?.map((f) => f.name)).toEqual(["目录.xlsx"]);
    expect(codes).toEqual([]);
    expect(await inbound.files?.[0]?.fetch()).toEqual(Buffer.from("x"));
    expect(codes).toEqual(["dl1"]);
  });

  it.each([["not json"], [JSON.stringify({ msgId: "x" })], [JSON.stringify({ ...base, conversationType: "3", msgtype: "text" })]])("drops an unusable frame: %s", (data) => {
    expect(parseRobotMessage(data)).toBeUndefined();
  });
});

describe("DingTalk markdown", () => {
  it("titles a message with its first line, without marks, at most 20 characters", () => {
    expect(markdownTitle("\n**公开时限**怎么写\n正文")).toBe("公开时限 怎么写");
    expect([...markdownTitle("一".repeat(30))]).toHaveLength(20);
  });
  it("ends each non-blank line with two spaces, so single line breaks show", () => {
    expect(dingtalkMarkdown("甲\n\n- 乙\n丙  ")).toBe("甲  \n\n- 乙  \n丙  ");
  });
});

describe("DingTalk REST client against the fake", () => {
  let dt: FakeDingTalk;
  let api: DingTalkApi;
  beforeAll(async () => {
    dt = await startFakeDingTalk();
    api = new DingTalkApi({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, robotCode: CLIENT_ID, apiBase: dt.apiBase, oapiBase: dt.oapiBase });
  });
  afterAll(async () => dt?.stop());

  it("batch-sends to at most 20 users a call", async () => {
    const users = Array.from({ length: 45 }, (_, i) => `u${i}`);
    const before = dt.requests.length;
    await api.sendToUsers(users, { msgKey: "sampleMarkdown", msgParam: { title: "提醒", text: "请按时报送" } });
    const calls = dt.requests.slice(before).filter((r) => r.path === "/v1.0/robot/oToMessages/batchSend");
    expect(calls).toHaveLength(3);
    const targets = dt.sent.filter((s) => s.via === "users").map((s) => s.target.split(",").length);
    expect(targets).toEqual([20, 20, 5]);
  });

  it("gets each token kind once and uses each only where it belongs", async () => {
    await api.uploadFile("a.xlsx", Buffer.from("x"));
    await api.uploadFile("b.xlsx", Buffer.from("y"));
    const paths = dt.requests.map((r) => r.path);
    expect(paths.filter((p) => p === "/gettoken")).toHaveLength(1);
    expect(paths.filter((p) => p === "/v1.0/oauth2/accessToken")).toHaveLength(1);
    expect(dt.requests.filter((r) => r.path === "/media/upload").every((r) => r.token === "oapi-token-1")).toBe(true);
  });

  it("turns a refusal into an error the nudge scheduler can classify", async () => {
    const err = await api.sendToGroup("cidNOPE", { msgKey: "sampleFile", msgParam: { mediaId: "@missing", fileName: "x.xlsx", fileType: "xlsx" } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DingTalkApiError);
    expect((err as DingTalkApiError).error_code).toBe(400);
  });
});

describe("DingTalk Stream reconnection", () => {
  it("grows the delay exponentially up to the cap, with jitter below the first delay", () => {
    expect([0, 1, 2, 3, 10].map((a) => backoffDelay(a, 1000, 60_000, () => 0))).toEqual([1000, 2000, 4000, 8000, 60_000]);
    expect(backoffDelay(0, 1000, 60_000, () => 0.999)).toBe(1999);
  });

  it("makes one attempt per delay when every handshake fails (no reconnect storm)", async () => {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, verifyClient: () => false });
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    const port = (wss.address() as AddressInfo).port;
    let calls = 0;
    nock.disableNetConnect();
    nock.enableNetConnect((host) => host.startsWith("127.0.0.1"));
    const gateway = new URL(GATEWAY_URL);
    nock(gateway.origin).persist().post(gateway.pathname).reply(() => {
      calls += 1;
      return [200, { endpoint: `ws://127.0.0.1:${port}`, ticket: `t${calls}` }];
    });
    const stream = new DingTalkStream({ clientId: "id", clientSecret: "s", logger, onMessage: () => undefined, initialDelayMs: 50, maxDelayMs: 400 });
    try {
      stream.start();
      await new Promise((r) => setTimeout(r, 2500));
    } finally {
      stream.stop();
      nock.cleanAll();
      nock.enableNetConnect();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    }
    // Attempts after 50–100, 100–150, 200–250, then 400–450 ms: about 7 in 2.5 s. The SDK's own
    // retry (autoReconnect) would add attempts doubling every second on top.
    expect(stream.client.config.autoReconnect).toBe(false);
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(9);
    expect(stream.connections).toBe(0);
  });
});

describe("DingTalk start-up without a connection", () => {
  it("says in one Chinese line what failed and which variables to check", async () => {
    const tmp = tempDir("zwgk-dt-down-");
    // the core is never asked anything: no connection, no message
    const h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb: {} as KnowledgeBase });
    nock.disableNetConnect();
    const gateway = new URL(GATEWAY_URL);
    nock(gateway.origin).persist().post(gateway.pathname).replyWithError(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" }));
    const lines: string[] = [];
    try {
      const channel = await startDingTalk({
        core: h.core, db: h.db, logger, clientId: "id", clientSecret: "s", apiBase: "http://127.0.0.1:9", oapiBase: "http://127.0.0.1:9",
        maxUploadBytes: 1024, readyTimeoutMs: 400, reconnect: { initialDelayMs: 50, maxDelayMs: 100 }, notify: (line) => lines.push(line),
      });
      await channel.stop();
    } finally {
      nock.cleanAll();
      nock.enableNetConnect();
      h.close();
      tmp.cleanup();
    }
    expect(lines).toEqual([
      "钉钉暂未连上 Stream 网关 api.dingtalk.com：连接被拒绝（地址或端口不对，或服务未运行）。正在后台重试；请检查本机能否访问 api.dingtalk.com（防火墙、代理），以及 DINGTALK_CLIENT_ID、DINGTALK_CLIENT_SECRET 是否正确。",
    ]);
  });
});
