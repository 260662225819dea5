/**
 * `npm start`: the bot, on the channels the configuration names (src/channels/registry.ts):
 * TELEGRAM_BOT_TOKEN → Telegram, WECOM_BOT_ID → WeCom, DINGTALK_CLIENT_ID → DingTalk; several →
 * all in one process sharing the store and the nudges; none → the console chat on stdin/stdout.
 * A `.env` file in the working directory is read, real environment variables winning.
 */
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { loadCatalogueKnowledge } from "./catalogue/index.js";
import { CONSOLE_CHAT_ID, CONSOLE_LOG_FILE, ConsoleRenderer, consoleOutbox, runConsole } from "./channels/console/console-channel.js";
import { configuredChannels, type ChannelContext, type PlatformChannel } from "./channels/registry.js";
import { ConfigError, withDotEnv, type Config } from "./config.js";
import { createBotCore, type BotCore } from "./core/bot-core.js";
import { capabilitiesFor, platformMessagesFor, routeOutbox, type RunningChannel } from "./core/channel.js";
import { createLlmExtractor, type RowExtractor } from "./core/drafting/llm-extract.js";
import type { Outbox, Reply } from "./core/types.js";
import { loadFields } from "./knowledge/fields.js";
import { openKnowledgeBase } from "./knowledge/knowledge-base.js";
import { createChatModel } from "./llm/provider.js";
import { createLogger, type Logger } from "./log.js";
import { loadDeadlines, nudgesFeature, startNudges, type Deadline } from "./nudges/index.js";
import { loadStartupConfig } from "./startup-config.js";
import { ChatStore } from "./store/chat-store.js";
import { openDb, type Db } from "./store/db.js";
import { migrateChat, type ChatMigrationResult } from "./store/migrate-chat.js";

/** Name of the SQLite file under DATA_DIR. */
export const DB_FILE = "zwgk.sqlite";

async function rowExtractor(config: Config, logger: Logger, knowledge: ReturnType<typeof loadCatalogueKnowledge>): Promise<RowExtractor | undefined> {
  if (config.llm.provider === "none") return undefined;
  const model = await createChatModel(config);
  if (!model) return undefined;
  const prompt = fs.readFileSync(path.join(config.promptsDir, "extract-row.md"), "utf8");
  return createLlmExtractor({ model, prompt, knowledge, timeoutMs: config.llm.timeoutMs, method: config.llm.structuredMethod, logger });
}

/**
 * Everything the channels share: store, knowledge, core.
 * @param deadlines the deadlines file's, as loadStartupConfig checked them (read here when not given).
 */
export async function assemble(
  config: Config,
  logger: Logger,
  deadlines: Deadline[] = loadDeadlines(config.deadlinesFile),
): Promise<{ db: Db; core: BotCore; deadlines: Deadline[]; chatMoved: (from: string, to: string) => ChatMigrationResult }> {
  // Without a platform channel the only user is the operator at the console: a coordinator.
  const coordinators = configuredChannels(config).length ? config.nudgeCoordinators : [...config.nudgeCoordinators, CONSOLE_CHAT_ID];
  const nudges = nudgesFeature(() => ({ db, deadlines, coordinators }), { remindersEnabled: config.nudgesEnabled });
  const features = [nudges];
  const db = openDb(
    path.join(config.dataDir, DB_FILE),
    features.flatMap((f) => f.migrations ?? []),
  );
  const catalogue = loadCatalogueKnowledge(config.knowledgeDir);
  const knowledgeBase = await openKnowledgeBase({ config, logger });
  const core = createBotCore({
    store: new ChatStore(db),
    knowledgeBase,
    catalogue,
    fields: loadFields(config.knowledgeDir),
    logger,
    maxUploadBytes: config.maxUploadBytes,
    extractor: await rowExtractor(config, logger, catalogue),
    features,
    adminUserIds: config.adminUserIds,
  });
  const hooks = features.flatMap((f) => (f.chatMoved ? [f.chatMoved] : []));
  return { db, core, deadlines, chatMoved: (from, to) => migrateChat(db, from, to, hooks) };
}

/**
 * Runs the bot until EOF (console) or a signal (platform channels).
 * @param o.until ends the platform channels instead of a signal (tests).
 */
export async function main(env: Record<string, string | undefined> = process.env, dotEnvFile = path.resolve(".env"), o: { until?: Promise<void> } = {}): Promise<number> {
  let config: Config;
  let deadlines: Deadline[];
  try {
    ({ config, deadlines } = loadStartupConfig(withDotEnv(env, dotEnvFile)));
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : String(err)}\n`);
    return 1;
  }
  const platforms = configuredChannels(config);
  // The console chat shares the terminal with its log: the log goes to a file there.
  const logger = platforms.length ? createLogger(config.logLevel) : createLogger(config.logLevel, path.join(config.dataDir, CONSOLE_LOG_FILE));
  for (const warning of config.warnings) {
    process.stderr.write(`配置提示：${warning}\n`);
    logger.warn({ warning }, "configuration warning");
  }
  // Channel checks (is Telegram reachable?) run before the knowledge loads: loading keeps the
  // event loop busy for seconds on a slow machine, which would make a short network timeout fire
  // for a reachable platform. A problem is still reported within seconds of starting.
  const usable: PlatformChannel[] = [];
  for (const { platform, problem } of await Promise.all(platforms.map(async (platform) => ({ platform, problem: await platform.preflight?.(config) })))) {
    if (problem) process.stderr.write(`${platform.title}未能启动：${problem}\n`);
    else usable.push(platform);
  }
  if (platforms.length > 0 && usable.length === 0) return 1;
  let app: Awaited<ReturnType<typeof assemble>>;
  try {
    app = await assemble(config, logger, deadlines);
  } catch (err) {
    logger.fatal({ err }, "startup failed");
    process.stderr.write(`启动失败：${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
  const { db, core } = app;
  if (!config.nudgesEnabled) logger.info("NUDGES_ENABLED=false: no reminders are sent; replies and /help say so");
  const startNudgesWith = (outbox: Outbox, proactiveQuota?: (chatId: string) => number | undefined, proactiveParts?: (chatId: string, replies: Reply[]) => number) =>
    config.nudgesEnabled ? startNudges({ db, deadlines, outbox, logger, recovery: config.nudgeRecovery, proactiveQuota, proactiveParts }) : undefined;

  if (platforms.length === 0) {
    const renderer = new ConsoleRenderer(process.stdout, path.join(config.dataDir, "files"));
    const nudges = startNudgesWith(consoleOutbox(renderer, new ChatStore(db)));
    try {
      await runConsole(
        { core, input: process.stdin, output: process.stdout, filesDir: path.join(config.dataDir, "files"), maxUploadBytes: config.maxUploadBytes },
        renderer,
      );
    } finally {
      nudges?.stop();
      db.close();
    }
    logger.debug({ chat: CONSOLE_CHAT_ID }, "console input ended");
    return 0;
  }

  const ctx: ChannelContext = { config, core, db, logger, chatMoved: app.chatMoved };
  const running: RunningChannel[] = [];
  for (const platform of usable) {
    try {
      running.push(await platform.start(ctx));
      logger.info({ channel: platform.name }, "channel started");
    } catch (err) {
      logger.error({ err, channel: platform.name }, "channel failed to start");
      process.stderr.write(`${platform.title}未能启动：${err instanceof Error ? err.message : String(err)}\n`);
    }
  }
  if (running.length === 0) {
    db.close();
    return 1;
  }
  // Each chat's daily proactive quota comes from the channel owning it (WeCom: 10; Telegram: none),
  // counted in the platform messages a digest makes there.
  const nudges = startNudgesWith(
    routeOutbox(running),
    (chatId) => capabilitiesFor(running, chatId)?.proactiveQuotaPerDay,
    (chatId, replies) => platformMessagesFor(running, chatId, replies),
  );
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
