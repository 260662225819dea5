/**
 * A fake DingTalk for the channel's end-to-end tests, all on 127.0.0.1:
 * - the Stream gateway: dingtalk-stream hard-codes https://api.dingtalk.com/v1.0/gateway/
 *   connections/open, so that one request is intercepted with nock (as the SDK's own tests do,
 *   test/reconnect-mock.mjs) and answered with the ws:// endpoint of a local WebSocket server,
 *   which speaks the SDK's frames (CALLBACK frames on the robot topic, acknowledgements back);
 * - the REST APIs (both token kinds, file download, media upload, group send, batch send and
 *   sessionWebhooks) on a local HTTP server, at the bases the channel is configured with.
 * Every other outside request fails (nock.disableNetConnect).
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { GATEWAY_URL, TOPIC_ROBOT } from "dingtalk-stream";
import nock from "nock";
import { WebSocketServer, type WebSocket } from "ws";
import { parseBody } from "../telegram/multipart.js";

export const CLIENT_ID = "dingtestclientid";
export const CLIENT_SECRET = "test-secret";
const API_TOKEN = "api-token-1";
const OAPI_TOKEN = "oapi-token-1";

/** One message the robot sent, however it went. */
export interface SentMessage {
  via: "session" | "group" | "users";
  /** The group's openConversationId, the users, or the session id. */
  target: string;
  msgKey: "sampleMarkdown" | "sampleFile" | "text" | "markdown";
  /** Markdown text (for text messages). */
  text?: string;
  title?: string;
  file?: { name: string; data: Buffer; fileType: string };
}

/** A robot message a user sends (the fields the channel reads); defaults fill in the rest. */
export interface UserMessage {
  msgId: string;
  group?: { id: string; title: string };
  sender: { staffId: string; nick: string };
  text?: string;
  isAdmin?: boolean;
  file?: { name: string; data: Buffer };
  /** A picture instead of text. */
  picture?: boolean;
  /** sessionWebhookExpiredTime (default: in 90 minutes). */
  sessionExpiresAt?: number;
}

export interface FakeDingTalk {
  apiBase: string;
  oapiBase: string;
  sent: SentMessage[];
  /** Gateway requests seen (one per connection attempt). */
  gatewayCalls: number;
  /** Live WebSocket connections opened so far. */
  connections: number;
  /** Frame message ids the client acknowledged. */
  acks: string[];
  /** Raw REST requests: path and token kind used. */
  requests: { path: string; token?: string }[];
  /** Pushes a robot message as a CALLBACK frame; returns the frame's message id. `frameId` repeats a frame (redelivery). */
  push(m: UserMessage, frameId?: string): string;
  /** Waits until `pred` holds for the sent messages after index `after`. */
  waitFor(pred: (sent: SentMessage[]) => boolean, o?: { after?: number; timeoutMs?: number }): Promise<SentMessage[]>;
  waitUntil(pred: () => boolean, timeoutMs?: number): Promise<void>;
  /** Terminates every live connection (the server "drops" the bot). */
  drop(): void;
  stop(): Promise<void>;
}

/** The conversationId of a private chat with the staff member. */
export const privateConversation = (staffId: string) => `cidPRIVATE${staffId}`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts the fake and intercepts the gateway request. */
export async function startFakeDingTalk(): Promise<FakeDingTalk> {
  const sent: SentMessage[] = [];
  const files = new Map<string, Buffer>();
  const sessions = new Map<string, number>();
  const sockets = new Set<WebSocket>();
  let frameSeq = 0;
  let mediaSeq = 0;

  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const wsPort = (wss.address() as AddressInfo).port;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        route(req, Buffer.concat(chunks), res);
      } catch (err) {
        res.writeHead(500).end(String(err));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  };

  function route(req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", base);
    const headerToken = req.headers["x-acs-dingtalk-access-token"] as string | undefined;
    const queryToken = url.searchParams.get("access_token") ?? undefined;
    fake.requests.push({ path: url.pathname, token: headerToken ?? queryToken });
    const params = () => parseBody(String(req.headers["content-type"] ?? ""), body).params;
    // New-API endpoints take only the new token, in the header: the oapi token gives 401.
    const needApiToken = () => {
      if (headerToken === API_TOKEN) return true;
      json(res, 401, { code: "InvalidAuthentication", message: "不合法的access_token" });
      return false;
    };
    switch (url.pathname) {
      case "/v1.0/oauth2/accessToken": {
        const p = params();
        if (p.appKey !== CLIENT_ID || p.appSecret !== CLIENT_SECRET) return json(res, 400, { code: "invalidClientIdOrSecret" });
        return json(res, 200, { accessToken: API_TOKEN, expireIn: 7200 });
      }
      case "/gettoken":
        if (url.searchParams.get("appkey") !== CLIENT_ID || url.searchParams.get("appsecret") !== CLIENT_SECRET) return json(res, 200, { errcode: 40089, errmsg: "invalid appkey" });
        return json(res, 200, { errcode: 0, errmsg: "ok", access_token: OAPI_TOKEN, expires_in: 7200 });
      case "/v1.0/robot/messageFiles/download": {
        if (!needApiToken()) return;
        const p = params();
        if (p.robotCode !== CLIENT_ID || typeof p.downloadCode !== "string" || !files.has(p.downloadCode)) return json(res, 400, { code: "invalidDownloadCode" });
        return json(res, 200, { downloadUrl: `${base}/files/${encodeURIComponent(p.downloadCode)}` });
      }
      case "/media/upload": {
        // The oapi takes only its own token, in the query.
        if (queryToken !== OAPI_TOKEN) return json(res, 200, { errcode: 40014, errmsg: "不合法的access_token" });
        const { params: p, parts } = parseBody(String(req.headers["content-type"] ?? ""), body);
        const media = parts.get("media");
        if (p.type !== "file" && url.searchParams.get("type") !== "file") return json(res, 200, { errcode: 40004, errmsg: "invalid media type" });
        if (!media) return json(res, 200, { errcode: 40006, errmsg: "no media" });
        if (media.data.length > 20 * 1024 * 1024) return json(res, 200, { errcode: 40006, errmsg: "file too large" });
        const id = `@media${++mediaSeq}`;
        files.set(id, media.data);
        return json(res, 200, { errcode: 0, errmsg: "ok", media_id: id, type: "file", created_at: Date.now() });
      }
      case "/v1.0/robot/groupMessages/send":
      case "/v1.0/robot/oToMessages/batchSend": {
        if (!needApiToken()) return;
        const p = params();
        if (p.robotCode !== CLIENT_ID) return json(res, 400, { code: "invalidRobotCode" });
        const group = url.pathname.includes("group");
        const users = p.userIds as string[] | undefined;
        if (!group && (!Array.isArray(users) || users.length === 0 || users.length > 20)) return json(res, 400, { code: "invalidParameter.userIds" });
        const msgParam = JSON.parse(String(p.msgParam)) as Record<string, string>;
        if (Buffer.byteLength(String(p.msgParam)) > 15_000) return json(res, 400, { code: "msgParamTooLong" });
        const target = group ? String(p.openConversationId) : (users as string[]).join(",");
        if (p.msgKey === "sampleFile") {
          const data = files.get(msgParam.mediaId as string);
          if (!data) return json(res, 400, { code: "invalidMediaId" });
          sent.push({ via: group ? "group" : "users", target, msgKey: "sampleFile", file: { name: msgParam.fileName as string, data, fileType: msgParam.fileType as string } });
        } else {
          sent.push({ via: group ? "group" : "users", target, msgKey: p.msgKey as "sampleMarkdown", text: msgParam.text ?? msgParam.content, title: msgParam.title });
        }
        return json(res, 200, group ? { processQueryKey: `q${sent.length}` } : { processQueryKey: `q${sent.length}`, invalidStaffIdList: [], flowControlledStaffIdList: [] });
      }
      case "/robot/sendBySession": {
        const session = url.searchParams.get("session") ?? "";
        const expires = sessions.get(session);
        if (headerToken !== undefined && headerToken !== OAPI_TOKEN) return json(res, 401, { errcode: 401, errmsg: "token kind mismatch" });
        if (expires === undefined || expires < Date.now()) return json(res, 200, { errcode: 300001, errmsg: "session 不存在或已过期" });
        const p = params() as { msgtype?: string; markdown?: { title: string; text: string }; text?: { content: string } };
        sent.push({ via: "session", target: session, msgKey: p.msgtype === "markdown" ? "markdown" : "text", text: p.markdown?.text ?? p.text?.content, title: p.markdown?.title });
        return json(res, 200, { errcode: 0, errmsg: "ok" });
      }
      default: {
        if (url.pathname.startsWith("/files/")) {
          const data = files.get(decodeURIComponent(url.pathname.slice("/files/".length)));
          if (!data) return json(res, 404, {});
          res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(data.length) }).end(data);
          return;
        }
        json(res, 404, { code: "notFound" });
      }
    }
  }

  wss.on("connection", (ws, req) => {
    if (!new URL(req.url ?? "/", "ws://x").searchParams.get("ticket")) {
      ws.close();
      return;
    }
    sockets.add(ws);
    fake.connections += 1;
    ws.on("close", () => sockets.delete(ws));
    ws.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as { code?: number; headers?: { messageId?: string } };
      if (frame.code === 200 && frame.headers?.messageId) fake.acks.push(frame.headers.messageId);
    });
  });

  nock.disableNetConnect();
  nock.enableNetConnect((host) => host.startsWith("127.0.0.1"));
  const gateway = new URL(GATEWAY_URL);
  nock(gateway.origin)
    .persist()
    .post(gateway.pathname, (body: { clientId?: string; clientSecret?: string; subscriptions?: { type: string; topic: string }[] }) =>
      body.clientId === CLIENT_ID &&
      body.clientSecret === CLIENT_SECRET &&
      JSON.stringify(body.subscriptions) === JSON.stringify([{ type: "CALLBACK", topic: TOPIC_ROBOT }]),
    )
    .reply(() => {
      fake.gatewayCalls += 1;
      return [200, { endpoint: `ws://127.0.0.1:${wsPort}/connect`, ticket: `ticket-${fake.gatewayCalls}` }];
    });
  // Wrong credentials or no robot subscription: refused.
  nock(gateway.origin).persist().post(gateway.pathname).reply(401, { code: "InvalidAuthentication", message: "clientId or clientSecret invalid" });

  const robotMessage = (m: UserMessage) => {
    const conversationId = m.group ? m.group.id : privateConversation(m.sender.staffId);
    const session = `s-${m.msgId}`;
    const expiresAt = m.sessionExpiresAt ?? Date.now() + 90 * 60_000;
    sessions.set(session, expiresAt);
    const content = m.picture ? { msgtype: "picture", content: { downloadCode: `pic-${m.msgId}` } } : m.file ? (() => {
      const code = `dl-${m.msgId}`;
      files.set(code, m.file.data);
      return { msgtype: "file", content: { downloadCode: code, fileName: m.file.name } };
    })() : { msgtype: "text", text: { content: m.group ? ` ${m.text ?? ""}` : (m.text ?? "") } };
    return {
      conversationId,
      conversationType: m.group ? "2" : "1",
      ...(m.group ? { conversationTitle: m.group.title, isInAtList: true, atUsers: [{ dingtalkId: "$:robot" }] } : {}),
      chatbotCorpId: "dingcorp",
      chatbotUserId: "$:robot",
      msgId: m.msgId,
      senderNick: m.sender.nick,
      isAdmin: m.isAdmin ?? false,
      senderStaffId: m.sender.staffId,
      senderId: `$:${m.sender.staffId}`,
      senderCorpId: "dingcorp",
      sessionWebhook: `${base}/robot/sendBySession?session=${session}`,
      sessionWebhookExpiredTime: expiresAt,
      createAt: Date.now(),
      robotCode: CLIENT_ID,
      ...content,
    };
  };

  const fake: FakeDingTalk = {
    apiBase: base,
    oapiBase: base,
    sent,
    gatewayCalls: 0,
    connections: 0,
    acks: [],
    requests: [],
    push(m, frameId) {
      const messageId = frameId ?? `frame-${++frameSeq}`;
      const frame = {
        specVersion: "1.0",
        type: "CALLBACK",
        headers: { appId: "app", connectionId: "conn", contentType: "application/json", messageId, time: String(Date.now()), topic: TOPIC_ROBOT },
        data: JSON.stringify(robotMessage(m)),
      };
      const live = [...sockets].filter((s) => s.readyState === s.OPEN);
      if (live.length === 0) throw new Error("no live stream connection");
      for (const s of live) s.send(JSON.stringify(frame));
      return messageId;
    },
    async waitFor(pred, o = {}) {
      const deadline = Date.now() + (o.timeoutMs ?? 30_000);
      for (;;) {
        const slice = sent.slice(o.after ?? 0);
        if (pred(slice)) return slice;
        if (Date.now() > deadline) throw new Error(`timed out; sent: ${JSON.stringify(slice.map((s) => ({ ...s, file: s.file?.name })), null, 1)}`);
        await sleep(20);
      }
    },
    async waitUntil(pred, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error("timed out waiting");
        await sleep(20);
      }
    },
    drop() {
      for (const s of sockets) s.terminate();
    },
    async stop() {
      for (const s of sockets) s.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
  return fake;
}
