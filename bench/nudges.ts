/**
 * Bench: planning a year of deadline nudges for 100 deadlines × 500 chats, and the cost of
 * the scheduler's tick over a real SQLite file. Prints one Markdown section.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import chineseDays from "chinese-days";
import { createLogger } from "../src/log.js";
import { addDays, shanghaiInstant } from "../src/nudges/calendar.js";
import type { Deadline } from "../src/nudges/deadlines.js";
import { planSends } from "../src/nudges/plan.js";
import { createTick } from "../src/nudges/scheduler.js";
import { NudgeStore } from "../src/nudges/store.js";
import { openDb } from "../src/store/db.js";

const DEADLINES = 100;
const CHATS = 500;
const FROM = "2026-01-01";
const TO = "2026-12-31";

/** 60 monthly, 20 quarterly, 20 yearly deadlines with varied days, offsets and times. */
function makeDeadlines(): Deadline[] {
  const out: Deadline[] = [];
  for (let i = 0; i < DEADLINES; i++) {
    const schedule: Deadline["schedule"] =
      i < 60
        ? { monthly: (i % 31) + 1 }
        : i < 80
          ? { monthly: 31 - (i % 10), months: [3, 6, 9, 12] }
          : { yearly: `${String((i % 12) + 1).padStart(2, "0")}-${String((i % 28) + 1).padStart(2, "0")}` };
    out.push({ id: `d${i}`, title: `事项${i}`, source: "基准测试", schedule, remind: i % 2 ? [5, 2, 0] : [3, 1, 0], time: i % 3 ? "09:00" : "14:30" });
  }
  return out;
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const t = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - t };
}

/** The same plan through chinese-days' own API (findWorkday / isWorkday), as a peer. */
function planWithLibrary(deadlines: Deadline[], sends: ReturnType<typeof planSends>): number {
  let mismatches = 0;
  for (const s of sends) {
    const w0 = chineseDays.isWorkday(s.due) ? s.due : chineseDays.findWorkday(-1, s.due);
    const day = s.offset === 0 ? w0 : chineseDays.findWorkday(-s.offset, w0);
    if (day !== s.sendOn) mismatches += 1;
  }
  void deadlines;
  return mismatches;
}

const rows: [string, string, string][] = [];
const deadlines = makeDeadlines();

// Warm-up (loads the holiday data once).
planSends(deadlines.slice(0, 1), FROM, FROM);

const plan = timed(() => planSends(deadlines, FROM, TO));
rows.push(["planSends: 100 deadlines, one year (chat-independent)", `${plan.ms.toFixed(1)} ms`, `${plan.value.length} sends`]);

const expand = timed(() => {
  let n = 0;
  const perChat: { chat: number; send: number }[] = [];
  for (let c = 0; c < CHATS; c++) for (let s = 0; s < plan.value.length; s++) perChat.push({ chat: c, send: s }), (n += 1);
  return n;
});
rows.push([`expanded to ${CHATS} chats (deliveries in a year)`, `${expand.ms.toFixed(1)} ms`, `${expand.value.toLocaleString("en-US")} deliveries`]);

process.env.TZ = "Asia/Shanghai"; // chinese-days reads weekdays in local time
const lib = timed(() => planWithLibrary(deadlines, plan.value));
rows.push(["peer: the same send days via chinese-days findWorkday", `${lib.ms.toFixed(1)} ms`, `${lib.value} mismatches`]);

// Scheduler ticks over a real SQLite file with 500 subscribed chats.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nudges-bench-"));
try {
  const db = openDb(path.join(dir, "bench.sqlite"));
  const store = new NudgeStore(db);
  for (let c = 0; c < CHATS; c++) store.subscribe(`-${1000 + c}`, "bench", "2025-12-01T00:00:00.000Z", `单位${c}`);
  let delivered = 0;
  const tick = createTick({ db, deadlines, outbox: async () => void (delivered += 1), logger: createLogger("silent") });
  const day = plan.value.find((s) => s.sendOn >= "2026-03-02")?.sendOn ?? "2026-03-02";
  const busy = plan.value.filter((s) => s.sendOn === day && s.time === "09:00").length;
  const first = await timedAsync(() => tick(shanghaiInstant(day, "08:59")));
  rows.push(["first tick at start (catch-up of reminders already due)", `${first.ms.toFixed(0)} ms`, `${first.value.length} late nudges`]);
  const burst = await timedAsync(() => tick(shanghaiInstant(day, "09:00")));
  rows.push([`tick sending a 09:00 burst (${busy} reminders × ${CHATS} chats)`, `${burst.ms.toFixed(0)} ms`, `${burst.value.length} nudges, ${(burst.ms / Math.max(1, burst.value.length)).toFixed(3)} ms each`]);
  const idle = await timedAsync(() => tick(shanghaiInstant(day, "09:01")));
  rows.push(["tick with nothing new due (the every-minute case)", `${idle.ms.toFixed(1)} ms`, `${idle.value.length} nudges`]);
  const catchUp = await timedAsync(() => tick(shanghaiInstant(addDays(day, 3), "10:00")));
  rows.push(["catch-up tick after 3 days down", `${catchUp.ms.toFixed(0)} ms`, `${catchUp.value.length} late nudges`]);
  const total = first.value.length + burst.value.length + idle.value.length + catchUp.value.length;
  db.close();
  if (delivered !== total) throw new Error("delivery count mismatch");
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

const out = [
  "## Deadline nudges",
  "",
  `${DEADLINES} deadlines (60 monthly, 20 quarterly, 20 yearly; 3 offsets each) × ${CHATS} subscribed chats, calendar year 2026, real SQLite file (WAL).`,
  "",
  "| what | time | result |",
  "| --- | ---: | --- |",
  ...rows.map((r) => `| ${r.join(" | ")} |`),
  "",
  `Peak RSS: ${Math.round(process.resourceUsage().maxRSS).toLocaleString("en-US")} KiB`,
  "",
];
process.stdout.write(out.join("\n"));
