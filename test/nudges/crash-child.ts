/**
 * Child process for the crash trials (scheduler-crash.test.ts): the nudge engine with the
 * shipped deadlines, sending through the Telegram channel's sender to the fake Bot API, on a
 * fixed clock. It prints "ready" after the catch-up tick and exits; the test kills it earlier.
 *   node --import tsx test/nudges/crash-child.ts DB_FILE API_ROOT TOKEN NOW_ISO
 */
import path from "node:path";
import { Api } from "grammy";
import { sendReplies } from "../../src/channels/telegram/replies.js";
import { PACKAGE_ROOT } from "../../src/config.js";
import { createLogger } from "../../src/log.js";
import { loadDeadlines, startNudges } from "../../src/nudges/index.js";
import { openDb } from "../../src/store/db.js";

const [dbFile, apiRoot, token, nowIso] = process.argv.slice(2) as [string, string, string, string];
const db = openDb(dbFile);
const api = new Api(token, { apiRoot });
const engine = startNudges({
  db,
  deadlines: loadDeadlines(path.join(PACKAGE_ROOT, "knowledge", "deadlines.yaml")),
  outbox: (chatId, replies) => sendReplies(api, chatId, replies),
  logger: createLogger("silent"),
  now: () => new Date(nowIso),
  recovery: process.env.NUDGE_RECOVERY === "report" ? "report" : "resend",
});
const sent = await engine.ready;
engine.stop();
db.close();
process.stdout.write(`ready ${sent.length}\n`);
