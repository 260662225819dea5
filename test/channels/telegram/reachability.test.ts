import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramProblem } from "../../../src/channels/telegram/reachability.js";

const token = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";

describe("telegramProblem (start-up check)", () => {
  let server: http.Server;
  let silent: net.Server;
  let base: string;
  let silentBase: string;
  let closedBase: string;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url?.includes("/botREVOKED")) return void res.writeHead(401).end('{"ok":false,"error_code":401}');
      res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"t","username":"t_bot"}}');
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Accepts connections and never answers: a network that swallows packets.
    silent = net.createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    silentBase = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
    closedBase = `http://127.0.0.1:${(probe.address() as AddressInfo).port}`;
    await new Promise<void>((r) => probe.close(() => r()));
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
    sockets.forEach((s) => s.destroy());
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it("is silent when the Bot API answers", async () => {
    expect(await telegramProblem({ apiRoot: base, token })).toBeUndefined();
  });

  it("says the connection was refused", async () => {
    const p = await telegramProblem({ apiRoot: closedBase, token });
    expect(p).toMatch(/^无法连接 Telegram（127\.0\.0\.1:\d+）：连接被拒绝/);
  });

  it("gives up on a server that never answers after the timeout, saying so", async () => {
    const p = await telegramProblem({ apiRoot: silentBase, token, timeoutMs: 300 });
    expect(p).toContain("在限定时间内没有响应");
  });

  it("says when Telegram refuses the token", async () => {
    expect(await telegramProblem({ apiRoot: base, token: "REVOKED" })).toContain("Telegram 拒绝了 TELEGRAM_BOT_TOKEN（HTTP 401）");
  });

  it("says when the name cannot be resolved", async () => {
    expect(await telegramProblem({ apiRoot: "http://telegram.invalid", token, timeoutMs: 3000 })).toMatch(/无法解析域名|没有响应/);
  });
});
