/**
 * `npm start`: the bot on every configured platform channel at once, sharing the store, the
 * core and the nudges: TELEGRAM_BOT_TOKEN → Telegram (long polling, or a webhook when
 * TELEGRAM_WEBHOOK_URL is set), DINGTALK_CLIENT_ID + DINGTALK_CLIENT_SECRET → 钉钉 (Stream mode).
 * With none configured, the console chat on stdin/stdout.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadCatalogueKnowledge } from "./catalogue/index.js";
import { CONSOLE_CHAT_ID, ConsoleRenderer, consoleOutbox, runConsole } from "./channels/console/console-channel.js";
import { startDingTalk } from "./channels/dingtalk/dingtalk-channel.js";
import { TELEGRAM_CAPABILITIES } from "./channels/telegram/context.js";
import { startTelegram } from "./channels/telegram/start-telegram.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { createBotCore, type BotCore } from "./core/bot-core.js";
import { routeOutbox, type RunningChannel } from "./core/channel.js";
import { createLlmExtractor, type RowExtractor } from "./core/drafting/llm-extract.js";
import type { Outbox } from "./core/types.js";
import { loadFields } from "./knowledge/fields.js";
import { openKnowledgeBase } from "./knowledge/knowledge-base.js";
import { createChatModel } from "./llm/provider.js";
import { createLogger, type Logger } from "./log.js";
import { loadDeadlines, nudgesExtension, startNudges, type Deadline } from "./nudges/index.js";
import { ChatStore } from "./store/chat-store.js";
import { openDb, type Db } from "./store/db.js";
import { migrateChat } from "./store/migrate-chat.js";

/** Name of the SQLite file under DATA_DIR. */
export const DB_FILE = "zwgk.sqlite";

function rowExtractor(config: Config, logger: Logger, knowledge: ReturnType<typeof loadCatalogueKnowledge>): RowExtractor | undefined {
  if (config.llm.provider === "none") return undefined;
  const model = createChatModel(config);
  if (!model) return undefined;
  const prompt = fs.readFileSync(path.join(config.promptsDir, "extract-row.md"), "utf8");
  return createLlmExtractor({ model, prompt, knowledge, timeoutMs: config.llm.timeoutMs, method: config.llm.structuredMethod, logger });
}

function readDeadlines(config: Config, logger: Logger): Deadline[] {
  try {
    return loadDeadlines(config.deadlinesFile);
  } catch (err) {
    logger.error({ err }, "deadlines file unusable; nudges run with chat-added deadlines only");
    return [];
  }
}

/** Everything the channels share: store, knowledge, core. */
export async function assemble(config: Config, logger: Logger): Promise<{ db: Db; core: BotCore; deadlines: Deadline[] }> {
  const db = openDb(path.join(config.dataDir, DB_FILE));
  const catalogue = loadCatalogueKnowledge(config.knowledgeDir);
  const knowledgeBase = await openKnowledgeBase({ config, logger });
  const deadlines = readDeadlines(config, logger);
  // Without a platform channel the only user is the operator at the console: a coordinator.
  const coordinators = CHANNELS.some((c) => c.enabled(config)) ? config.nudgeCoordinators : [...config.nudgeCoordinators, CONSOLE_CHAT_ID];
  const nudges = nudgesExtension(() => ({ db, deadlines, coordinators }));
  const core = createBotCore({
    store: new ChatStore(db),
    knowledgeBase,
    catalogue,
    fields: loadFields(config.knowledgeDir),
    logger,
    maxUploadBytes: config.maxUploadBytes,
    extractor: rowExtractor(config, logger, catalogue),
    extensions: [nudges],
  });
  return { db, core, deadlines };
}

/** A platform channel main can start: enabled by its configuration. */
interface ChannelEntry {
  name: RunningChannel["name"];
  enabled(config: Config): boolean;
  start(o: { config: Config; logger: Logger; db: Db; core: BotCore }): Promise<RunningChannel>;
}

/** The platform channels; a new platform is one more entry. */
const CHANNELS: readonly ChannelEntry[] = [
  {
    name: "telegram",
    enabled: (config) => !!config.telegram,
    async start({ config, logger, db, core }) {
      const t = config.telegram as NonNullable<Config["telegram"]>;
      const channel = await startTelegram({
        core,
        logger,
        token: t.token,
        apiRoot: t.apiRoot,
        maxUploadBytes: config.maxUploadBytes,
        webhookUrl: t.webhookUrl,
        webhookSecret: t.webhookSecret,
        port: t.port,
        onChatMigrated: (from, to) => {
          const { moved, dropped } = migrateChat(db, from, to);
          logger.info({ from, to, moved, dropped }, "chat data moved to the new chat id");
        },
      });
      // Telegram chat ids are integers (groups negative).
      return { name: "telegram", capabilities: TELEGRAM_CAPABILITIES, owns: (chatId) => /^-?\d+$/.test(chatId), outbox: channel.outbox, stop: channel.stop };
    },
  },
  {
    name: "dingtalk",
    enabled: (config) => !!config.dingtalk,
    async start({ config, logger, db, core }) {
      const d = config.dingtalk as NonNullable<Config["dingtalk"]>;
      return startDingTalk({ core, db, logger, ...d, maxUploadBytes: config.maxUploadBytes });
    },
  },
];

/**
 * Runs the bot until EOF (console) or a signal (platform channels).
 * @param o.until ends the platform channels instead of a signal (tests).
 */
export async function main(env: Record<string, string | undefined> = process.env, o: { until?: Promise<void> } = {}): Promise<number> {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 1;
  }
  const logger = createLogger(config.logLevel);
  let app: Awaited<ReturnType<typeof assemble>>;
  try {
    app = await assemble(config, logger);
  } catch (err) {
    logger.fatal({ err }, "startup failed");
    process.stderr.write(`启动失败：${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const { db, core, deadlines } = app;
  const startNudgesWith = (outbox: Outbox) =>
    config.nudgesEnabled ? startNudges({ db, deadlines, outbox, logger }) : undefined;

  const enabled = CHANNELS.filter((c) => c.enabled(config));
  if (enabled.length === 0) {
    const renderer = new ConsoleRenderer(process.stdout, path.join(config.dataDir, "files"));
    const nudges = startNudgesWith(consoleOutbox(renderer));
    try {
      await runConsole({ core, input: process.stdin, output: process.stdout, filesDir: path.join(config.dataDir, "files") }, renderer);
    } finally {
      nudges?.stop();
      db.close();
    }
    logger.debug({ chat: CONSOLE_CHAT_ID }, "console input ended");
    return 0;
  }

  const running: RunningChannel[] = [];
  try {
    for (const c of enabled) running.push(await c.start({ config, logger, db, core }));
  } catch (err) {
    logger.fatal({ err }, "channel startup failed");
    process.stderr.write(`启动失败：${err instanceof Error ? err.message : String(err)}\n`);
    await Promise.all(running.map((c) => c.stop()));
    db.close();
    return 1;
  }
  logger.info({ channels: running.map((c) => c.name) }, "channels started");
  const nudges = startNudgesWith(routeOutbox(running));
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
    void o.until?.then(resolve);
  });
  logger.info("shutting down");
  nudges?.stop();
  await Promise.all(running.map((c) => c.stop()));
  db.close();
  return 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`启动失败：${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    },
  );
}
