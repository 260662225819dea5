import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/config.js";
import { SubscriptionStore } from "../../src/nudges/subscription-store.js";
import { startFakeBotApi, type FakeBotApi } from "../channels/telegram/fake-bot-api.js";
import { bj, tempDbFile } from "./helpers.js";

const CHILD = path.join(PACKAGE_ROOT, "test", "nudges", "crash-child.ts");
const MARK = "（补发，如已收到请忽略）";
const CHATS = 12;
// 2026-12-01 09:00: the monthly ledger's first reminder (due 12-05, a Saturday → W0 12-04, 3 working days before).
const NOW = bj("2026-12-01", "09:00");

/** Runs the child; with `killAfter`, SIGKILLs it as soon as the fake has received that many more sendMessage calls. */
function runChild(api: FakeBotApi, dbFile: string, killAfter?: number, env: NodeJS.ProcessEnv = {}): Promise<"killed" | "done"> {
  const start = api.sent.length;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, dbFile, api.apiRoot, api.token, NOW.toISOString()], {
      cwd: PACKAGE_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    const timer =
      killAfter === undefined
        ? undefined
        : setInterval(() => {
            if (api.sent.length - start >= killAfter) child.kill("SIGKILL");
          }, 1);
    child.on("error", reject);
    child.on("close", (code, signal) => {
      if (timer) clearInterval(timer);
      if (signal === "SIGKILL") resolve("killed");
      else if (code === 0) resolve("done");
      else reject(new Error(`child exited ${code}: ${stderr}`));
    });
  });
}

/** The ledger nudges each chat received, in order. */
function received(api: FakeBotApi): Map<number, string[]> {
  const out = new Map<number, string[]>();
  for (const r of api.sent) if (r.text.includes("截止提醒")) out.set(r.chatId, [...(out.get(r.chatId) ?? []), r.text]);
  return out;
}

describe("nudges after a crash mid-send (kill -9 trials against the fake Bot API)", () => {
  let api: FakeBotApi;
  beforeAll(async () => {
    api = await startFakeBotApi();
  });
  afterAll(() => api.stop());

  it("loses no nudge and sends no unmarked duplicate across bounded kill trials", async () => {
    // Bounded: kill after the 1st and then the 6th message; in another run after all 12 (before their outcomes are written).
    for (const [trial, kills] of [[1, 6], [12]].entries()) {
      const tmp = tempDbFile();
      const first = api.sent.length;
      try {
        const db = tmp.open();
        const store = new SubscriptionStore(db);
        for (let c = 0; c < CHATS; c++) store.subscribe(`-${trial * 100 + c + 1}`, "管理员", bj("2026-11-01").toISOString(), `单位${c}`);
        db.close();
        const outcomes: string[] = [];
        for (const k of kills) outcomes.push(await runChild(api, tmp.file, k));
        outcomes.push(await runChild(api, tmp.file));
        expect(outcomes.at(-1)).toBe("done");

        const byChat = received({ ...api, sent: api.sent.slice(first) } as FakeBotApi);
        expect(byChat.size).toBe(CHATS); // no nudge lost
        for (const texts of byChat.values()) {
          expect(texts[0]).toContain("基层政务公开事项标准目录编制工作台账");
          for (const dup of texts.slice(1)) expect(dup).toContain(MARK); // any duplicate is marked
          expect(texts.length).toBeLessThanOrEqual(kills.length + 1);
        }
        const check = tmp.open();
        const rows = check.prepare("SELECT status, COUNT(*) AS n FROM nudge_deliveries GROUP BY status").all();
        check.close();
        expect(rows).toEqual([{ status: "sent", n: CHATS }]);
      } finally {
        tmp.cleanup();
      }
    }
  });

  it("with NUDGE_RECOVERY=report, an interrupted nudge is not resent but closed as unknown", async () => {
    const tmp = tempDbFile();
    const first = api.sent.length;
    try {
      const db = tmp.open();
      for (let c = 0; c < 3; c++) new SubscriptionStore(db).subscribe(`-${900 + c}`, "管理员", bj("2026-11-01").toISOString());
      db.close();
      expect(await runChild(api, tmp.file, 1, { NUDGE_RECOVERY: "report" })).toBe("killed");
      expect(await runChild(api, tmp.file, undefined, { NUDGE_RECOVERY: "report" })).toBe("done");
      const texts = api.sent.slice(first).map((r) => r.text);
      expect(texts.some((t) => t.includes(MARK))).toBe(false);
      const check = tmp.open();
      const statuses = check.prepare("SELECT status, error FROM nudge_deliveries").all() as { status: string; error: string | null }[];
      check.close();
      expect(statuses).toHaveLength(3);
      for (const s of statuses) expect(s.status === "sent" || (s.status === "failed" && s.error?.includes("reported, not resent"))).toBe(true);
    } finally {
      tmp.cleanup();
    }
  });
});
