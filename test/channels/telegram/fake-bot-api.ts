import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { jsonParam, parseBody, type FilePart } from "./multipart.js";

/** A Telegram user or bot as the Bot API describes it (the fields the tests need). */
export interface FakeUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
}

/** A chat as the Bot API describes it. */
export interface FakeChat {
  id: number;
  type: "private" | "group" | "supergroup";
  title?: string;
  first_name?: string;
}

export interface InlineButton {
  text: string;
  callback_data?: string;
}

/** One thing the bot sent or changed, in the order it happened. */
export interface SentRecord {
  method: "sendMessage" | "editMessageText" | "sendDocument";
  chatId: number;
  messageId: number;
  text: string;
  /** Inline keyboard rows, when the message carries one. */
  buttons?: InlineButton[][];
  document?: { name: string; data: Buffer };
  params: Record<string, unknown>;
}

/** Every API call, for assertions on methods without a SentRecord (setMyCommands, answerCallbackQuery …). */
export interface CallRecord {
  method: string;
  params: Record<string, unknown>;
}

export interface FakeBotApi {
  /** Put this in TELEGRAM_API_ROOT / the bot's `client.apiRoot`. */
  apiRoot: string;
  token: string;
  /** The bot's own user (getMe). */
  me: FakeUser;
  calls: CallRecord[];
  sent: SentRecord[];
  /** Current length of `sent`: pass it as `after` to wait only for newer records. */
  mark(): number;
  /** A user writes a text message; returns its message_id. `replyTo` is the id of a message it replies to. */
  sendText(o: { chat: FakeChat; from: FakeUser; text: string; replyTo?: number }): number;
  /** A user sends a document (uploaded to the fake file store); returns its message_id. */
  sendDocument(o: { chat: FakeChat; from: FakeUser; name: string; data: Buffer; caption?: string; mimeType?: string }): number;
  /** A user presses an inline button of one of the bot's messages; returns the callback query id. */
  pressButton(o: { chat: FakeChat; from: FakeUser; messageId: number; data: string }): string;
  /** Queues any raw update (update_id is added). */
  injectUpdate(update: Record<string, unknown>): void;
  /** Makes `userId` an administrator of `chatId` for getChatMember. */
  setAdmin(chatId: number, userId: number): void;
  /** The next `times` calls of `method` fail with this error (e.g. 429 with retry_after). */
  failNext(method: string, error: { error_code: number; description: string; retry_after?: number }, times?: number): void;
  /** Resolves with the first record at index ≥ `after` that matches, or rejects after `timeoutMs`. */
  waitFor(predicate: (r: SentRecord) => boolean, o?: { after?: number; timeoutMs?: number }): Promise<SentRecord>;
  /** Resolves once a call of `method` (at call index ≥ `after`) has been seen. */
  waitForCall(method: string, o?: { after?: number; timeoutMs?: number }): Promise<CallRecord>;
  /** The latest state of a message the bot sent (after edits). */
  message(messageId: number): SentRecord | undefined;
  stop(): Promise<void>;
}

interface StoredMessage {
  message_id: number;
  date: number;
  chat: FakeChat;
  from: FakeUser;
  text?: string;
  document?: Record<string, unknown>;
}

/**
 * Starts a fake Telegram Bot API on 127.0.0.1 (random port): getMe, getUpdates (long polling),
 * sendMessage, editMessageText, editMessageReplyMarkup, sendDocument (multipart), getFile and
 * file download, answerCallbackQuery, setMyCommands, sendChatAction, getChatMember,
 * deleteWebhook/setWebhook. The test injects user updates and reads what the bot sent.
 */
export async function startFakeBotApi(o: { token?: string; username?: string } = {}): Promise<FakeBotApi> {
  const token = o.token ?? "123456:TEST-TOKEN";
  const me: FakeUser = { id: 999_000, is_bot: true, first_name: "政务公开目录助手", username: o.username ?? "zwgk_test_bot" };
  const calls: CallRecord[] = [];
  const sent: SentRecord[] = [];
  const latest = new Map<number, SentRecord>();
  const messages = new Map<number, StoredMessage>();
  const files = new Map<string, { path: string; data: Buffer }>();
  const admins = new Map<number, Set<number>>();
  const failures = new Map<string, { error: Record<string, unknown>; times: number }>();
  const updates: Record<string, unknown>[] = [];
  let pollers: (() => void)[] = [];
  const sentWaiters = new Set<() => void>();
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let nextFileId = 1;
  let stopped = false;
  const now = () => Math.floor(Date.now() / 1000);

  const wake = () => {
    const ps = pollers;
    pollers = [];
    ps.forEach((p) => p());
  };
  const notify = () => sentWaiters.forEach((w) => w());

  const injectUpdate = (update: Record<string, unknown>) => {
    updates.push({ update_id: nextUpdateId++, ...update });
    wake();
  };

  const record = (r: SentRecord) => {
    sent.push(r);
    latest.set(r.messageId, r);
    notify();
  };

  const handlers: Record<string, (p: Record<string, unknown>, parts: Map<string, FilePart>) => unknown> = {
    getMe: () => me,
    deleteWebhook: () => true,
    setWebhook: () => true,
    setMyCommands: () => true,
    deleteMyCommands: () => true,
    sendChatAction: () => true,
    answerCallbackQuery: () => true,
    getChatMember: (p) => {
      const chatId = Number(p.chat_id);
      const userId = Number(p.user_id);
      const status = admins.get(chatId)?.has(userId) ? "administrator" : "member";
      return { status, user: { id: userId, is_bot: false, first_name: "user" } };
    },
    sendMessage: (p) => {
      const chat = chatOf(p.chat_id);
      const msg: StoredMessage = { message_id: nextMessageId++, date: now(), chat, from: me, text: String(p.text ?? "") };
      messages.set(msg.message_id, msg);
      const markup = jsonParam(p.reply_markup) as { inline_keyboard?: InlineButton[][] } | undefined;
      record({ method: "sendMessage", chatId: chat.id, messageId: msg.message_id, text: msg.text ?? "", buttons: markup?.inline_keyboard, params: p });
      return { ...msg, reply_markup: markup };
    },
    editMessageText: (p) => {
      const id = Number(p.message_id);
      const msg = messages.get(id);
      if (!msg) throw new ApiFailure(400, "Bad Request: message to edit not found");
      msg.text = String(p.text ?? "");
      const markup = jsonParam(p.reply_markup) as { inline_keyboard?: InlineButton[][] } | undefined;
      record({ method: "editMessageText", chatId: msg.chat.id, messageId: id, text: msg.text, buttons: markup?.inline_keyboard, params: p });
      return { ...msg, reply_markup: markup };
    },
    editMessageReplyMarkup: (p) => {
      const id = Number(p.message_id);
      const msg = messages.get(id);
      if (!msg) throw new ApiFailure(400, "Bad Request: message to edit not found");
      return msg;
    },
    sendDocument: (p, parts) => {
      const chat = chatOf(p.chat_id);
      const ref = String(p.document ?? "");
      const part = ref.startsWith("attach://") ? parts.get(ref.slice("attach://".length)) : undefined;
      if (!part) throw new ApiFailure(400, "Bad Request: there is no document in the request");
      const fileId = `doc-${nextFileId++}`;
      files.set(fileId, { path: `documents/${fileId}-${part.filename}`, data: part.data });
      const document = { file_id: fileId, file_unique_id: fileId, file_name: part.filename, file_size: part.data.length };
      const msg: StoredMessage = { message_id: nextMessageId++, date: now(), chat, from: me, document };
      messages.set(msg.message_id, msg);
      record({
        method: "sendDocument",
        chatId: chat.id,
        messageId: msg.message_id,
        text: String(p.caption ?? ""),
        document: { name: part.filename, data: part.data },
        params: p,
      });
      return { ...msg, caption: p.caption };
    },
    getFile: (p) => {
      const id = String(p.file_id);
      const f = files.get(id);
      if (!f) throw new ApiFailure(400, "Bad Request: invalid file_id");
      return { file_id: id, file_unique_id: id, file_size: f.data.length, file_path: f.path };
    },
  };

  const knownChats = new Map<number, FakeChat>();
  const chatOf = (chatId: unknown): FakeChat => {
    const id = Number(chatId);
    return knownChats.get(id) ?? { id, type: id < 0 ? "group" : "private" };
  };

  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const filePrefix = `/file/bot${token}/`;
      if (req.method === "GET" && url.pathname.startsWith(filePrefix)) {
        const wanted = decodeURIComponent(url.pathname.slice(filePrefix.length));
        const f = [...files.values()].find((x) => x.path === wanted);
        if (!f) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found" });
        res.writeHead(200, { "content-type": "application/octet-stream", "content-length": f.data.length });
        res.end(f.data);
        return;
      }
      const m = /^\/bot([^/]+)\/(\w+)$/.exec(url.pathname);
      if (!m || m[1] !== token) return sendJson(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
      const method = m[2] as string;
      const body = Buffer.concat(chunks);
      const { params, parts } = parseBody(req.headers["content-type"] ?? "", body);
      calls.push({ method, params });
      notify();
      const failure = failures.get(method);
      if (failure && failure.times > 0) {
        failure.times--;
        const { retry_after, ...rest } = failure.error as { retry_after?: number; error_code?: number };
        return sendJson(res, Number(rest.error_code ?? 500), {
          ok: false,
          ...rest,
          ...(retry_after !== undefined ? { parameters: { retry_after } } : {}),
        });
      }
      if (method === "getUpdates") return poll(res, req, params);
      const handler = handlers[method];
      if (!handler) return sendJson(res, 404, { ok: false, error_code: 404, description: "Not Found: method not found" });
      try {
        sendJson(res, 200, { ok: true, result: handler(params, parts) });
      } catch (err) {
        if (err instanceof ApiFailure) return sendJson(res, err.code, { ok: false, error_code: err.code, description: err.message });
        sendJson(res, 500, { ok: false, error_code: 500, description: String(err) });
      }
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });

  const poll = (res: http.ServerResponse, req: http.IncomingMessage, params: Record<string, unknown>) => {
    const offset = Number(params.offset ?? 0);
    const limit = Number(params.limit ?? 100) || 100;
    const timeoutSec = Math.min(Number(params.timeout ?? 0), 30);
    const answer = () => {
      while (updates.length && Number(updates[0]?.update_id) < offset) updates.shift();
      return updates.filter((u) => Number(u.update_id) >= offset).slice(0, limit);
    };
    const ready = answer();
    if (ready.length || timeoutSec <= 0 || stopped) return sendJson(res, 200, { ok: true, result: ready });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (!res.writableEnded && !res.destroyed) sendJson(res, 200, { ok: true, result: answer() });
    };
    const timer = setTimeout(finish, timeoutSec * 1000);
    pollers.push(finish);
    res.on("close", () => {
      done = true;
      clearTimeout(timer);
    });
    void req;
  };

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const remember = (chat: FakeChat) => knownChats.set(chat.id, chat);
  const storeUserMessage = (chat: FakeChat, from: FakeUser, extra: Record<string, unknown>, replyTo?: number) => {
    remember(chat);
    const message: Record<string, unknown> = { message_id: nextMessageId++, date: now(), chat, from, ...extra };
    if (replyTo !== undefined) {
      const original = messages.get(replyTo);
      if (original) message.reply_to_message = original;
    }
    messages.set(message.message_id as number, message as unknown as StoredMessage);
    injectUpdate({ message });
    return message.message_id as number;
  };

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    me,
    calls,
    sent,
    mark: () => sent.length,
    sendText: ({ chat, from, text, replyTo }) => {
      const entities: Record<string, unknown>[] = [];
      const cmd = /^\/[A-Za-z0-9_]+(@\w+)?/.exec(text);
      if (cmd) entities.push({ type: "bot_command", offset: 0, length: cmd[0].length });
      for (const mm of text.matchAll(/@\w+/g)) {
        if (cmd && mm.index < cmd[0].length) continue;
        entities.push({ type: "mention", offset: mm.index, length: mm[0].length });
      }
      return storeUserMessage(chat, from, { text, ...(entities.length ? { entities } : {}) }, replyTo);
    },
    sendDocument: ({ chat, from, name, data, caption, mimeType }) => {
      const fileId = `upload-${nextFileId++}`;
      files.set(fileId, { path: `documents/${fileId}`, data });
      const document = {
        file_id: fileId,
        file_unique_id: fileId,
        file_name: name,
        file_size: data.length,
        mime_type: mimeType ?? (name.endsWith(".xlsx") ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "application/octet-stream"),
      };
      return storeUserMessage(chat, from, { document, ...(caption ? { caption } : {}) });
    },
    pressButton: ({ chat, from, messageId, data }) => {
      remember(chat);
      const message = messages.get(messageId);
      if (!message) throw new Error(`fake-bot-api: no message ${messageId}`);
      const id = `cbq-${nextUpdateId}`;
      injectUpdate({ callback_query: { id, from, chat_instance: `ci-${chat.id}`, message, data } });
      return id;
    },
    injectUpdate,
    setAdmin: (chatId, userId) => {
      const set = admins.get(chatId) ?? new Set<number>();
      set.add(userId);
      admins.set(chatId, set);
    },
    failNext: (method, error, times = 1) => failures.set(method, { error, times }),
    waitFor: (predicate, { after = 0, timeoutMs = 15_000 } = {}) =>
      waitUntil(() => sent.slice(after).find(predicate), timeoutMs, "a matching message from the bot"),
    waitForCall: (method, { after = 0, timeoutMs = 15_000 } = {}) =>
      waitUntil(() => calls.slice(after).find((c) => c.method === method), timeoutMs, `a ${method} call`),
    message: (id) => latest.get(id),
    stop: async () => {
      stopped = true;
      wake();
      sentWaiters.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((s) => s.destroy());
      });
    },
  };

  function waitUntil<T>(probe: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const first = probe();
      if (first !== undefined) return resolve(first);
      const check = () => {
        const v = probe();
        if (v === undefined) return;
        sentWaiters.delete(check);
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        sentWaiters.delete(check);
        const tail = sent.slice(-5).map((r) => `${r.method}@${r.chatId}: ${r.text.slice(0, 80)}`).join("\n");
        reject(new Error(`fake-bot-api: timed out waiting for ${what}. Last sent:\n${tail}`));
      }, timeoutMs);
      sentWaiters.add(check);
    });
  }
}

class ApiFailure extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
