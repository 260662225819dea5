/**
 * Bench: the WeCom channel under a burst — 200 messages from 20 chats (10 groups, 10 private)
 * pushed at once over the fake long-connection server, answered by the real core without an
 * LLM. Reports reply latency (first frame and finished answer) and checks that every chat's
 * answers came in the order its messages were sent. Prints one Markdown section.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadCatalogueKnowledge } from "../src/catalogue/index.js";
import { startWecom } from "../src/channels/wecom/start-wecom.js";
import { loadConfig, PACKAGE_ROOT } from "../src/config.js";
import { createBotCore } from "../src/core/bot-core.js";
import { loadFields } from "../src/knowledge/fields.js";
import { openKnowledgeBase } from "../src/knowledge/knowledge-base.js";
import { createLogger } from "../src/log.js";
import { loadDeadlines, nudgesFeature } from "../src/nudges/index.js";
import { ChatStore } from "../src/store/chat-store.js";
import { openDb } from "../src/store/db.js";
import { startFakeWecom } from "../test/channels/wecom/fake-wecom.js";

const CHATS = 20;
const PER_CHAT = 10;

/** What officials send: questions, commands, a drafting exchange answered by number. */
const SCRIPT = [
  "公开依据需要写到具体条款吗？",
  "/help",
  "公开时限咋填",
  "/deadlines",
  "/draft 农村集体土地征收",
  "2",
  "/cancel",
  "特定群体怎么写？",
  "/due 2026-09-28 7",
  "/rows",
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-bench-wecom-"));
  const logger = createLogger("silent");
  const fake = await startFakeWecom();
  try {
    const config = loadConfig({ DATA_DIR: dir, LOG_LEVEL: "silent" });
    const knowledgeDir = path.join(PACKAGE_ROOT, "knowledge");
    const deadlines = loadDeadlines(config.deadlinesFile);
    const nudges = nudgesFeature(() => ({ db, deadlines, coordinators: [] }));
    const db = openDb(path.join(dir, "bench.sqlite"), nudges.migrations ?? []);
    const core = createBotCore({
      store: new ChatStore(db),
      knowledgeBase: await openKnowledgeBase({ config, logger }),
      catalogue: loadCatalogueKnowledge(knowledgeDir),
      fields: loadFields(knowledgeDir),
      logger,
      maxUploadBytes: config.maxUploadBytes,
      features: [nudges],
    });
    const channel = await startWecom({ core, db, logger, botId: fake.botId, secret: fake.secret, wsUrl: fake.wsUrl, maxUploadBytes: config.maxUploadBytes });

    // Warm-up outside the measurement (first retrieval loads the index into memory).
    await fake.answer(fake.text({ user: "warm", text: "公开方式怎么选？" }).reqId);

    const sent: { chat: number; reqId: string; at: number }[] = [];
    const started = performance.now();
    for (let round = 0; round < PER_CHAT; round++) {
      for (let c = 0; c < CHATS; c++) {
        const group = c % 2 === 0;
        const text = SCRIPT[round] as string;
        const at = Date.now();
        const { reqId } = fake.text({ user: `user${c}`, chat: group ? `bench-group-${c}` : undefined, text: group ? `@政务公开助手 ${text}` : text });
        sent.push({ chat: c, reqId, at });
      }
    }
    await Promise.all(sent.map((s) => fake.waitFor((f) => f.reqId === s.reqId && f.body?.stream?.finish === true, { timeoutMs: 120_000 })));
    const wall = performance.now() - started;
    await channel.idle();

    const firstFrame: number[] = [];
    const finished: number[] = [];
    const finishedAt = new Map<string, number>();
    for (const s of sent) {
      const mine = fake.sent.filter((f) => f.reqId === s.reqId);
      const done = mine.find((f) => f.body?.stream?.finish === true) as (typeof mine)[number];
      firstFrame.push((mine[0]?.at ?? done.at) - s.at);
      finished.push(done.at - s.at);
      finishedAt.set(s.reqId, fake.sent.indexOf(done));
    }
    let outOfOrder = 0;
    for (let c = 0; c < CHATS; c++) {
      const order = sent.filter((s) => s.chat === c).map((s) => finishedAt.get(s.reqId) ?? -1);
      for (let i = 1; i < order.length; i++) if ((order[i] as number) < (order[i - 1] as number)) outOfOrder++;
    }
    // Floor: the same burst handed to the core directly (no WebSocket, no SDK, no rendering).
    const floorStart = performance.now();
    await Promise.all(
      Array.from({ length: CHATS }, (_, c) =>
        Promise.all(
          SCRIPT.map((text) =>
            core.handle({ chatId: `floor-${c}`, chatType: c % 2 === 0 ? "group" : "private", senderId: `f${c}`, text, mentioned: c % 2 === 0, replyToBot: false, isAdmin: false, channel: "wecom", capabilities: channel.capabilities }),
          ),
        ),
      ),
    );
    const floor = performance.now() - floorStart;
    firstFrame.sort((a, b) => a - b);
    finished.sort((a, b) => a - b);
    const p95 = percentile(finished, 95);

    console.log("## WeCom channel: a burst over the long connection\n");
    console.log(`${CHATS * PER_CHAT} messages from ${CHATS} chats (10 groups with @-mentions, 10 private), all pushed at once over the fake WeCom server (ws, the SDK's JSON frames); the real core, no LLM, a real SQLite file.\n`);
    console.log("| measure | median | p95 | max |");
    console.log("| --- | --- | --- | --- |");
    console.log(`| first frame back (placeholder or answer) | ${percentile(firstFrame, 50)} ms | ${percentile(firstFrame, 95)} ms | ${firstFrame.at(-1)} ms |`);
    console.log(`| finished answer | ${percentile(finished, 50)} ms | ${p95} ms | ${finished.at(-1)} ms |`);
    console.log("");
    console.log(`Whole burst answered in ${(wall / 1000).toFixed(2)} s (${((CHATS * PER_CHAT) / (wall / 1000)).toFixed(0)} messages/s); floor, the same burst handed to the core directly: ${(floor / 1000).toFixed(2)} s — the channel costs ×${(wall / floor).toFixed(2)} the core alone. Answers out of order within a chat: ${outOfOrder}.`);
    console.log(`Acceptance (issue 9): in order per chat ${outOfOrder === 0 ? "✓" : "✗"}; p95 finished answer ≤ 1 s ${p95 <= 1000 ? "✓" : "✗"} (${p95} ms).`);
    console.log(`\nPeak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.`);
    await channel.stop();
    db.close();
  } finally {
    await fake.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
