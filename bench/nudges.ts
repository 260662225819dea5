/**
 * Bench: deadline nudges. The monthly-ledger burst with the SHIPPED deadlines
 * (knowledge/deadlines.yaml) at 2,000 and 10,000 subscribed chats, half of which have filed
 * the month's ledger, on a real SQLite file — the project's tick against the floor a developer
 * would write (read the chats and the filed set, insert one delivery row each in one
 * transaction, send, mark sent in one transaction), medians of 5 paired runs; the longest the
 * tick holds the event loop; and the year's plan against chinese-days' own API. One Markdown section.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import chineseDays from "chinese-days";
import { createLogger } from "../src/log.js";
import { calendarCoverage, shanghaiInstant } from "../src/nudges/calendar.js";
import { loadDeadlines } from "../src/nudges/deadlines.js";
import { LedgerStore } from "../src/nudges/ledger-store.js";
import { planSends } from "../src/nudges/plan.js";
import { createTick } from "../src/nudges/scheduler.js";
import { SubscriptionStore } from "../src/nudges/subscription-store.js";
import { nudgesMigrations } from "../src/nudges/migration.js";
import { openDb, type Db } from "../src/store/db.js";

const RUNS = 5;
const SIZES = [2_000, 10_000];
const deadlines = loadDeadlines(path.resolve(import.meta.dirname, "../knowledge/deadlines.yaml"));
// 2026-12-01 09:00: first reminder of the ledger due 12-05 (a Saturday → W0 Friday 12-04, 3 working days before).
const BURST = shanghaiInstant("2026-12-01", "09:00");
const LEDGER_MONTH = "2026-12";

/** CPU milliseconds (user + system) of this process while `fn` runs: on a shared machine, the scheduler's own time. */
async function cpuMs<T>(fn: () => Promise<T>): Promise<{ value: T; cpu: number; wall: number }> {
  const wall = performance.now();
  const start = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(start);
  return { value, cpu: (used.user + used.system) / 1000, wall: performance.now() - wall };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

/** A database file with `chats` subscribed chats, every other one having filed the ledger. */
function seed(dir: string, chats: number): string {
  const file = path.join(dir, `seed-${chats}.sqlite`);
  const db = openDb(file, nudgesMigrations);
  const store = new SubscriptionStore(db);
  const ledgers = new LedgerStore(db);
  db.transaction(() => {
    for (let c = 0; c < chats; c++) {
      const chatId = `-${100_000 + c}`;
      store.subscribe(chatId, "bench", "2026-11-01T00:00:00.000Z", `单位${c}`);
      if (c % 2 === 0) {
        ledgers.saveLedgerEntry({ chatId, month: LEDGER_MONTH, unitName: `单位${c}`, done: "完成", plan: "计划", contact: "联系人", phone: "0731-1234567", reportedBy: "bench", reportedAt: "2026-11-30T02:00:00.000Z" });
      }
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return file;
}

function fresh(dir: string, seedFile: string, run: string): Db {
  const file = path.join(dir, `run-${run}.sqlite`);
  fs.copyFileSync(seedFile, file);
  return openDb(file, nudgesMigrations);
}

/** The floor: what a developer would write for this burst, on the same tables. */
async function floorTick(db: Db, outbox: (chatId: string, text: string) => Promise<void>): Promise<number> {
  const chats = db.prepare("SELECT chat_id FROM nudge_subscriptions").pluck().all() as string[];
  const filed = new Set(db.prepare("SELECT chat_id FROM nudge_ledger_entries WHERE month = ?").pluck().all(LEDGER_MONTH) as string[]);
  const insert = db.prepare(
    `INSERT OR IGNORE INTO nudge_deliveries (deadline_id, due, remind_offset, chat_id, send_on, status, attempts, claimed_at)
     VALUES ('monthly-ledger', '2026-12-05', 3, ?, '2026-12-01', 'sending', 1, ?)`,
  );
  const at = new Date().toISOString();
  db.transaction(() => chats.forEach((c) => insert.run(c, at)))();
  for (const c of chats) await outbox(c, filed.has(c) ? "台账已填报" : "请填报台账");
  const done = db.prepare(
    "UPDATE nudge_deliveries SET status = 'sent', sent_at = ? WHERE deadline_id = 'monthly-ledger' AND due = '2026-12-05' AND remind_offset = 3 AND chat_id = ?",
  );
  db.transaction(() => chats.forEach((c) => done.run(at, c)))();
  return chats.length;
}

const rows: string[][] = [];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nudges-bench-"));
const perChat: number[] = [];
try {
  for (const chats of SIZES) {
    const seedFile = seed(dir, chats);
    const project: number[] = [];
    const floor: number[] = [];
    const projectWall: number[] = [];
    const floorWall: number[] = [];
    let maxBlock = 0;
    let filedSeen = 0;
    for (let r = 0; r < RUNS; r++) {
      // Paired: the floor and the project on identical copies, alternating which goes first.
      const order = r % 2 ? ["project", "floor"] : ["floor", "project"];
      for (const who of order) {
        const db = fresh(dir, seedFile, `${chats}-${r}-${who}`);
        if (who === "floor") {
          const { value: n, cpu, wall } = await cpuMs(() => floorTick(db, async () => undefined));
          floor.push(cpu);
          floorWall.push(wall);
          if (n !== chats) throw new Error("floor sent the wrong number");
        } else {
          let filed = 0;
          const tick = createTick({
            db,
            deadlines,
            outbox: async (_chatId, replies) => void (replies[0]?.text.includes("工作台账已填报") && (filed += 1)),
            logger: createLogger("silent"),
          });
          const loop = monitorEventLoopDelay({ resolution: 5 });
          loop.enable();
          const { value: sent, cpu, wall } = await cpuMs(() => tick(BURST));
          project.push(cpu);
          projectWall.push(wall);
          loop.disable();
          maxBlock = Math.max(maxBlock, loop.max / 1e6);
          if (sent.length !== chats || sent.some((s) => s.deadline !== "monthly-ledger" || !s.ok)) throw new Error(`project sent ${sent.length} of ${chats}`);
          filedSeen = filed;
        }
        db.close();
      }
    }
    const p = median(project);
    const f = median(floor);
    perChat.push(p / chats);
    rows.push([
      `monthly-ledger burst, ${chats.toLocaleString("en-US")} chats (${filedSeen.toLocaleString("en-US")} filed)`,
      `${fmt(p)} ms`,
      `${fmt(f)} ms`,
      `${(p / f).toFixed(2)}×`,
      `wall ${fmt(median(projectWall))} / ${fmt(median(floorWall))} ms; longest event-loop block ${fmt(maxBlock)} ms`,
    ]);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const growth = (perChat[1] as number) / (perChat[0] as number);

// The year's plan for the shipped deadlines: project vs chinese-days' own findWorkday.
process.env.TZ = "Asia/Shanghai"; // chinese-days reads weekdays in local time
planSends(deadlines, "2026-01-01", "2026-01-01");
const planTimes: number[] = [];
const libTimes: number[] = [];
let sends = planSends(deadlines, "2026-01-01", "2026-12-31");
let differing: typeof sends = [];
for (let r = 0; r < RUNS; r++) {
  let t = performance.now();
  for (let i = 0; i < 50; i++) sends = planSends(deadlines, "2026-01-01", "2026-12-31");
  planTimes.push(performance.now() - t);
  t = performance.now();
  for (let i = 0; i < 50; i++) {
    differing = [];
    for (const s of sends) {
      const w0 = chineseDays.isWorkday(s.due) ? s.due : chineseDays.findWorkday(-1, s.due);
      const day = s.offset === 0 ? w0 : chineseDays.findWorkday(-s.offset, w0);
      if (day !== s.sendOn) differing.push(s);
    }
  }
  libTimes.push(performance.now() - t);
}
rows.push([
  `a year's plan of the ${deadlines.length} shipped deadlines (${sends.length} sends) × 50`,
  `${fmt(median(planTimes))} ms`,
  `${fmt(median(libTimes))} ms (send days only, via chinese-days)`,
  `${(median(planTimes) / median(libTimes)).toFixed(2)}×`,
  // past the holiday data the project still keeps the fixed-date
  // statutory holidays (元旦 on 1 January); chinese-days counts such a day as a working day
  differing.length
    ? `${differing.length} of ${sends.length} send days differ: ${differing.map((s) => `${s.deadline} due ${s.due} → ${s.sendOn}`).join("; ")}${differing.every((s) => Number(s.due.slice(0, 4)) > calendarCoverage().lastYear) ? ` (past chinese-days' holiday data, which ends with ${calendarCoverage().lastYear}: the project keeps 元旦 as a holiday there, chinese-days counts it a working day)` : ""}`
    : "same send days as chinese-days",
]);

process.stdout.write(
  [
    "## Deadline nudges",
    "",
    `Shipped deadlines (knowledge/deadlines.yaml), tick at 2026-12-01 09:00 (the monthly ledger's first reminder), half the chats filed; real SQLite file (WAL); the outbox returns at once. Times are CPU time of the process during the tick (the scheduler's own time, robust to other load on a shared machine; wall time in the notes), medians of ${RUNS} paired runs.`,
    "",
    "| what | project | floor / peer | ratio | notes |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    `Growth 2,000 → 10,000 chats: ${growth.toFixed(2)}× the CPU time per chat (1.00 = linear).`,
    "",
    `Peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
    "",
  ].join("\n"),
);
