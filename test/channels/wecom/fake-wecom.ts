/**
 * A fake WeCom long-connection server on 127.0.0.1 speaking the SDK's JSON frames
 * ({ cmd, headers: { req_id }, body }): aibot_subscribe (authentication), ping, message
 * callbacks, aibot_respond_msg (replies), aibot_send_msg (proactive), the three-step media
 * upload; plus an HTTP server serving files AES-256-CBC encrypted as the SDK's decryptFile
 * expects (key = base64 aeskey, IV = its first 16 bytes, PKCS#7 padding to 32 bytes).
 */
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface Frame {
  cmd?: string;
  headers: { req_id: string };
  body?: any;
  errcode?: number;
  errmsg?: string;
}

/** Something the bot sent: a reply to a callback (by its req_id) or a proactive send. */
export interface Sent {
  cmd: string;
  reqId: string;
  body: any;
  at: number;
}

export interface UploadedFile {
  mediaId: string;
  filename: string;
  data: Buffer;
}

/** Encrypts like WeCom: AES-256-CBC, IV = key[0..16], PKCS#7 padded to a multiple of 32 bytes. */
export function encryptFile(data: Buffer, key: Buffer): Buffer {
  const pad = 32 - (data.length % 32);
  const padded = Buffer.concat([data, Buffer.alloc(pad, pad)]);
  const cipher = crypto.createCipheriv("aes-256-cbc", key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
}

export interface FakeWecom {
  wsUrl: string;
  botId: string;
  secret: string;
  sent: Sent[];
  uploads: Map<string, UploadedFile>;
  /** Connections accepted and authentications answered so far. */
  stats: { connections: number; authenticated: number; pings: number };
  /** Pushes a text message callback; returns its req_id. */
  text(o: { user: string; chat?: string; text: string; msgid?: string; reqId?: string }): { reqId: string; msgid: string };
  /** Pushes a file message (served encrypted over HTTP); returns its req_id. */
  file(o: { user: string; chat?: string; name: string; data: Buffer }): { reqId: string; msgid: string };
  /** Pushes the same frame again (a redelivery). */
  redeliver(reqId: string): void;
  /** Drops every connection (the bot should reconnect). */
  drop(): void;
  /** Makes the next aibot_send_msg (or the one after `after` more go through) fail with this errcode. */
  failNextSend(errcode: number, after?: number): void;
  /** Resolves when `pred` holds for a sent frame after index `after`. */
  waitFor(pred: (s: Sent) => boolean, o?: { after?: number; timeoutMs?: number }): Promise<Sent>;
  /** The finished stream texts and the files replied to a callback, in order. */
  repliesTo(reqId: string): { texts: string[]; files: UploadedFile[] };
  /** Waits until the reply to `reqId` has a finished text (and `files` files). */
  answer(reqId: string, o?: { files?: number; timeoutMs?: number }): Promise<{ texts: string[]; files: UploadedFile[] }>;
  waitForConnections(n: number, timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the fake server (WebSocket + file HTTP) on random local ports. */
export async function startFakeWecom(): Promise<FakeWecom> {
  const botId = "aib_test_bot";
  const secret = "test-secret";
  const sent: Sent[] = [];
  const frames = new Map<string, Frame>();
  const uploads = new Map<string, UploadedFile>();
  const pending = new Map<string, { filename: string; chunks: Buffer[]; total: number }>();
  const files = new Map<string, { name: string; data: Buffer }>();
  const stats = { connections: 0, authenticated: 0, pings: 0 };
  const sockets = new Set<WebSocket>();
  let failSend: number | undefined;
  let failAfter = 0;
  const listeners = new Set<(s: Sent) => void>();
  const record = (s: Sent) => {
    sent.push(s);
    for (const l of [...listeners]) l(s);
  };
  let seq = 0;

  const http1 = http.createServer((req, res) => {
    const f = files.get(decodeURIComponent((req.url ?? "").replace(/^\/file\//, "")));
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/octet-stream", "content-disposition": `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}` });
    res.end(f.data);
  });
  await new Promise<void>((r) => http1.listen(0, "127.0.0.1", r));
  const fileBase = `http://127.0.0.1:${(http1.address() as AddressInfo).port}/file/`;

  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
  await new Promise<void>((r) => wss.once("listening", r));
  const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;

  const ack = (ws: WebSocket, reqId: string, extra: Partial<Frame> = {}) => ws.send(JSON.stringify({ headers: { req_id: reqId }, errcode: 0, errmsg: "ok", ...extra }));

  wss.on("connection", (ws) => {
    stats.connections++;
    sockets.add(ws);
    ws.on("close", () => sockets.delete(ws));
    ws.on("message", (raw) => {
      const frame = JSON.parse(raw.toString()) as Frame;
      const reqId = frame.headers.req_id;
      switch (frame.cmd) {
        case "aibot_subscribe":
          if (frame.body?.bot_id !== botId || frame.body?.secret !== secret) {
            ack(ws, reqId, { errcode: 40058, errmsg: "invalid bot_id or secret" });
            return;
          }
          stats.authenticated++;
          ack(ws, reqId);
          break;
        case "ping":
          stats.pings++;
          ack(ws, reqId);
          return;
        case "aibot_upload_media_init": {
          const uploadId = `up_${++seq}`;
          pending.set(uploadId, { filename: frame.body.filename, chunks: [], total: frame.body.total_chunks });
          ack(ws, reqId, { body: { upload_id: uploadId } });
          return;
        }
        case "aibot_upload_media_chunk":
          pending.get(frame.body.upload_id)!.chunks[frame.body.chunk_index] = Buffer.from(frame.body.base64_data, "base64");
          ack(ws, reqId);
          return;
        case "aibot_upload_media_finish": {
          const p = pending.get(frame.body.upload_id)!;
          const mediaId = `media_${++seq}`;
          uploads.set(mediaId, { mediaId, filename: p.filename, data: Buffer.concat(p.chunks) });
          ack(ws, reqId, { body: { type: "file", media_id: mediaId, created_at: String(Date.now()) } });
          return;
        }
        case "aibot_send_msg":
          if (failSend !== undefined && failAfter-- <= 0) {
            ack(ws, reqId, { errcode: failSend, errmsg: "refused" });
            failSend = undefined;
            return;
          }
          record({ cmd: frame.cmd, reqId, body: frame.body, at: Date.now() });
          ack(ws, reqId);
          break;
        default:
          record({ cmd: frame.cmd ?? "", reqId, body: frame.body, at: Date.now() });
          ack(ws, reqId);
      }
    });
  });

  const push = (frame: Frame) => {
    frames.set(frame.headers.req_id, frame);
    for (const ws of sockets) ws.send(JSON.stringify(frame));
  };
  const callback = (o: { user: string; chat?: string; msgid?: string; reqId?: string }, body: object) => {
    const msgid = o.msgid ?? `msg_${++seq}`;
    const reqId = o.reqId ?? `req_${++seq}`;
    push({
      cmd: "aibot_msg_callback",
      headers: { req_id: reqId },
      body: { msgid, aibotid: botId, chattype: o.chat ? "group" : "single", ...(o.chat ? { chatid: o.chat } : {}), from: { userid: o.user }, create_time: Date.now(), ...body },
    });
    return { reqId, msgid };
  };

  const waitFor: FakeWecom["waitFor"] = (pred, o = {}) =>
    new Promise((resolve, reject) => {
      const hit = sent.slice(o.after ?? 0).find(pred);
      if (hit) return resolve(hit);
      const listener = (s: Sent) => {
        if (!pred(s)) return;
        clearTimeout(timer);
        listeners.delete(listener);
        resolve(s);
      };
      const timer = setTimeout(() => {
        listeners.delete(listener);
        reject(new Error("timed out waiting for a frame from the bot"));
      }, o.timeoutMs ?? 20_000);
      listeners.add(listener);
    });

  const repliesTo = (reqId: string) => {
    const mine = sent.filter((s) => s.reqId === reqId && s.cmd === "aibot_respond_msg");
    return {
      texts: mine.filter((s) => s.body.msgtype === "stream" && s.body.stream.finish).map((s) => s.body.stream.content as string),
      files: mine.filter((s) => s.body.msgtype === "file").map((s) => uploads.get(s.body.file.media_id)!),
    };
  };

  return {
    wsUrl,
    botId,
    secret,
    sent,
    uploads,
    stats,
    text: (o) => callback(o, { msgtype: "text", text: { content: o.text } }),
    file: (o) => {
      const key = crypto.randomBytes(32);
      const id = `f${++seq}`;
      files.set(id, { name: o.name, data: encryptFile(o.data, key) });
      return callback(o, { msgtype: "file", file: { url: `${fileBase}${id}`, aeskey: key.toString("base64") } });
    },
    redeliver: (reqId) => push(frames.get(reqId)!),
    drop: () => sockets.forEach((ws) => ws.terminate()),
    failNextSend: (code, after = 0) => {
      failSend = code;
      failAfter = after;
    },
    waitFor,
    repliesTo,
    answer: async (reqId, o = {}) => {
      await waitFor(() => {
        const r = repliesTo(reqId);
        return r.texts.length > 0 && r.files.length >= (o.files ?? 0);
      }, { timeoutMs: o.timeoutMs });
      // Replies of one message arrive one after another: give the rest a moment to follow.
      await new Promise((r) => setTimeout(r, 150));
      return repliesTo(reqId);
    },
    waitForConnections: (n, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const check = () => (stats.authenticated >= n ? resolve() : Date.now() > deadline ? reject(new Error("no reconnection")) : setTimeout(check, 50));
        check();
      }),
    stop: async () => {
      sockets.forEach((ws) => ws.terminate());
      await new Promise<void>((r) => wss.close(() => r()));
      await new Promise<void>((r) => http1.close(() => r()));
    },
  };
}
