import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../src/config.js";
import { startFakeBotApi, type FakeBotApi } from "./channels/telegram/fake-bot-api.js";
import { startFakeWecom, type FakeWecom } from "./channels/wecom/fake-wecom.js";
import { tempDir } from "./core/helpers.js";

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0";
const TSX = path.join(PACKAGE_ROOT, "node_modules", ".bin", "tsx");

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts src/main.ts (what `npm start` runs) in `cwd` with only the given variables set. */
function start(cwd: string, vars: Record<string, string>): Run {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: "warn", ...vars };
  const child = spawn(TSX, [path.join(PACKAGE_ROOT, "src", "main.ts")], { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
  const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/**
 * Runs the checks against a started process, then stops it with SIGTERM, which must end it
 * cleanly. When a check fails, that failure (with the process's stderr) is what the test reports.
 */
async function checkThenStop(run: Run, checks: () => Promise<void>): Promise<void> {
  try {
    await checks();
  } catch (err) {
    run.child.kill("SIGTERM");
    await run.exited;
    throw new Error(`${(err as Error).message}\n--- stderr of the started process ---\n${run.stderr()}`, { cause: err });
  }
  run.child.kill("SIGTERM");
  expect(await run.exited).toBe(0);
}

describe("npm start picks its channels from the configuration", () => {
  let tmp: ReturnType<typeof tempDir>;
  let wecom: FakeWecom;
  let telegram: FakeBotApi;

  beforeAll(async () => {
    tmp = tempDir("zwgk-main-");
    wecom = await startFakeWecom();
    telegram = await startFakeBotApi({ token: TOKEN });
  });
  afterAll(async () => {
    await wecom?.stop();
    await telegram?.stop();
    tmp?.cleanup();
  });

  it("runs WeCom from the .env file in the working directory, real variables winning", async () => {
    const cwd = path.join(tmp.dir, "wecom-only");
    fs.mkdirSync(cwd);
    fs.writeFileSync(
      path.join(cwd, ".env"),
      `WECOM_BOT_ID=${wecom.botId}\nWECOM_BOT_SECRET=wrong-secret\nWECOM_WS_URL=${wecom.wsUrl}\nDATA_DIR=${path.join(cwd, "data")}\nWECOM_ADMINS=li\n`,
    );
    const run = start(cwd, { WECOM_BOT_SECRET: wecom.secret });
    await checkThenStop(run, async () => {
      const { reqId } = wecom.text({ user: "li", text: "/help" });
      await wecom.waitForConnections(1, 60_000);
      wecom.redeliver(reqId);
      const answer = await wecom.answer(reqId, { timeoutMs: 60_000 });
      expect(answer.texts.join("\n")).toContain("政务公开目录助手");
      expect(fs.existsSync(path.join(cwd, "data", "zwgk.sqlite"))).toBe(true);
      expect(run.stdout()).toBe(""); // not the console
      // the deprecated admin list still counts, with a start-up warning naming its replacement
      expect(run.stderr()).toContain("配置提示：WECOM_ADMINS 已停用");
      expect(run.stderr()).toContain("ADMIN_USER_IDS=wecom:li");
    });
  });

  it("runs Telegram and WeCom side by side in one process", async () => {
    const cwd = path.join(tmp.dir, "both");
    fs.mkdirSync(cwd);
    const before = wecom.stats.authenticated;
    const run = start(cwd, {
      DATA_DIR: path.join(cwd, "data"), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot,
      WECOM_BOT_ID: wecom.botId, WECOM_BOT_SECRET: wecom.secret, WECOM_WS_URL: wecom.wsUrl,
    });
    await checkThenStop(run, async () => {
      await wecom.waitForConnections(before + 1, 60_000);
      await telegram.waitForCall("setMyCommands", { timeoutMs: 60_000 });
      const mark = telegram.mark();
      telegram.sendText({ chat: { id: 777, type: "private", first_name: "张" }, from: { id: 777, is_bot: false, first_name: "张" }, text: "/help" });
      const tg = await telegram.waitFor((r) => r.chatId === 777, { after: mark, timeoutMs: 60_000 });
      expect(tg.text).toContain("政务公开目录助手");
      const { reqId } = wecom.text({ user: "zhao", text: "/help" });
      expect((await wecom.answer(reqId, { timeoutMs: 60_000 })).texts.join("\n")).toContain("政务公开目录助手");
    });
  });

  it("says at once that Telegram cannot be reached, and why, instead of waiting in silence", async () => {
    const silent = net.createServer((s) => sockets.push(s));
    const sockets: net.Socket[] = [];
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as net.AddressInfo).port;
    try {
      const run = start(tmp.dir, { DATA_DIR: path.join(tmp.dir, "tg"), TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toContain(`Telegram未能启动：无法连接 Telegram（127.0.0.1:${port}）：在限定时间内没有响应`);
    } finally {
      sockets.forEach((s) => s.destroy());
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it("reports every configuration problem at once, in Chinese, and exits", async () => {
    const run = start(tmp.dir, { TELEGRAM_BOT_TOKEN: "abc", MAX_UPLOAD_MB: "lots", WECOM_BOT_ID: "aib1", DEADLINES_FILE: path.join(tmp.dir, "no-such-deadlines.yaml") });
    expect(await run.exited).toBe(1);
    const err = run.stderr();
    expect(err).toContain("配置有误（共 4 处）");
    expect(err).toMatch(/DEADLINES_FILE：无法读取截止事项文件 .*no-such-deadlines\.yaml（文件不存在）/);
    expect(err).toMatch(/TELEGRAM_BOT_TOKEN：取值“abc”无效/);
    expect(err).toMatch(/MAX_UPLOAD_MB：取值“lots”无效.*如 MAX_UPLOAD_MB=10/);
    expect(err).toMatch(/WECOM_BOT_SECRET：/);
  });
});
