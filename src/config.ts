import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseEnv } from "node:util";
import { z } from "zod";
import { EXPECTED, unknownVariableWarnings } from "./config-hints.js";

/** Root of the installed package (the folder holding package.json). */
export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const bool = (fallback: boolean) =>
  z
    .enum(["true", "false", "1", "0", "yes", "no", ""])
    .default(fallback ? "true" : "false")
    .transform((v) => v === "true" || v === "1" || v === "yes");

/** A comma-separated list (full-width commas and spaces too), de-duplicated. */
const list = z
  .string()
  .default("")
  .transform((v) => [...new Set(v.split(/[,，\s]+/).filter(Boolean))]);

/** The form of a Bot API token from @BotFather: the bot's numeric id, a colon, 35 characters. */
const TELEGRAM_TOKEN = /^\d+:[A-Za-z0-9_-]{35}$/;


const envSchema = z
  .object({
    DATA_DIR: z.string().default("data"),
    KNOWLEDGE_DIR: z.string().default(path.join(PACKAGE_ROOT, "knowledge")),
    PROMPTS_DIR: z.string().default(path.join(PACKAGE_ROOT, "prompts")),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),

    LLM_PROVIDER: z.enum(["none", "openai", "ollama"]).default("none"),
    LLM_BASE_URL: optionalText.pipe(z.url().optional()),
    LLM_API_KEY: optionalText,
    LLM_MODEL: optionalText,
    LLM_TIMEOUT_MS: positiveInt(20_000),
    LLM_STRUCTURED_METHOD: z.enum(["functionCalling", "jsonSchema", "jsonMode"]).default("functionCalling"),
    LLM_REWRITE: bool(true),
    LLM_RERANK: bool(true),

    EMBEDDINGS_PROVIDER: z.enum(["local", "openai", "ollama"]).default("local"),
    EMBEDDINGS_BASE_URL: optionalText.pipe(z.url().optional()),
    EMBEDDINGS_API_KEY: optionalText,
    EMBEDDINGS_MODEL: optionalText,

    TELEGRAM_BOT_TOKEN: optionalText.pipe(z.string().regex(TELEGRAM_TOKEN).optional()),
    TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
    TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
    TELEGRAM_WEBHOOK_SECRET: optionalText,
    PORT: positiveInt(8080).pipe(z.number().max(65_535)),

    WECOM_BOT_ID: optionalText,
    WECOM_BOT_SECRET: optionalText,
    WECOM_WS_URL: optionalText.pipe(z.url({ protocol: /^wss?$/ }).optional()),
    /** Deprecated alias: each WeCom userid here is read as `wecom:userid` in ADMIN_USER_IDS. */
    WECOM_ADMINS: list.pipe(z.array(z.string().regex(/^[\w.@-]+$/))),

    DINGTALK_CLIENT_ID: optionalText,
    DINGTALK_CLIENT_SECRET: optionalText,
    DINGTALK_ROBOT_CODE: optionalText,
    DINGTALK_API_BASE: z.url().default("https://api.dingtalk.com"),
    DINGTALK_OAPI_BASE: z.url().default("https://oapi.dingtalk.com"),

    MAX_UPLOAD_MB: positiveInt(10),
    NUDGES_ENABLED: bool(true),
    DEADLINES_FILE: optionalText,
    NUDGE_RECOVERY: z.enum(["resend", "report"]).default("resend"),
    NUDGE_COORDINATORS: list.pipe(z.array(z.string().regex(/^(?:-?\d+|wecom:\S+|dingtalk:\S+)$/))),
    ADMIN_USER_IDS: list.pipe(z.array(z.string().max(64))),
  });

type Env = z.output<typeof envSchema>;

/**
 * The environment without its blank variables: `DATA_DIR=` or `LOG_LEVEL=` left empty in a .env
 * file means "not set" (the default), like every other variable — not the current directory or
 * an invalid value.
 */
function withoutBlanks(env: Record<string, string | undefined>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([, v]) => v === undefined || v.trim() !== ""));
}

/**
 * The deadlines file the environment names: DEADLINES_FILE, else deadlines.yaml in the knowledge
 * folder. Read from the raw values (these two cannot be malformed), so it is known even when
 * another variable is wrong.
 */
export function deadlinesFileOf(env: Record<string, string | undefined>): { file: string; named: boolean } {
  const e = envSchema.pick({ KNOWLEDGE_DIR: true, DEADLINES_FILE: true }).parse(withoutBlanks(env));
  return { file: path.resolve(e.DEADLINES_FILE ?? path.join(e.KNOWLEDGE_DIR, "deadlines.yaml")), named: e.DEADLINES_FILE !== undefined };
}

/** The three folders the environment names, resolved; read like deadlinesFileOf, so known when another variable is wrong. */
export function foldersOf(env: Record<string, string | undefined>): { dataDir: string; knowledgeDir: string; promptsDir: string } {
  const e = envSchema.pick({ DATA_DIR: true, KNOWLEDGE_DIR: true, PROMPTS_DIR: true }).parse(withoutBlanks(env));
  return { dataDir: path.resolve(e.DATA_DIR), knowledgeDir: path.resolve(e.KNOWLEDGE_DIR), promptsDir: path.resolve(e.PROMPTS_DIR) };
}

/**
 * Checks between variables. They run on the raw values, beside the schema, so that one
 * report lists these together with every malformed value.
 */
function crossIssues(raw: Record<string, string | undefined>): string[] {
  const v = (k: string) => raw[k]?.trim() || undefined;
  const issues: string[] = [];
  const llm = v("LLM_PROVIDER") ?? "none";
  const emb = v("EMBEDDINGS_PROVIDER") ?? "local";
  if (llm === "openai" && !v("LLM_BASE_URL")) issues.push("LLM_BASE_URL：LLM_PROVIDER=openai 时必须填写 OpenAI 兼容接口地址，如 LLM_BASE_URL=https://api.deepseek.com/v1");
  if ((llm === "openai" || llm === "ollama") && !v("LLM_MODEL")) issues.push("LLM_MODEL：使用大模型时必须填写模型名，如 LLM_MODEL=deepseek-chat 或 LLM_MODEL=qwen2.5:7b");
  if (emb !== "local" && !v("EMBEDDINGS_MODEL")) issues.push("EMBEDDINGS_MODEL：使用远程向量模型时必须填写模型名，如 EMBEDDINGS_MODEL=bge-m3");
  if (emb === "openai" && !v("EMBEDDINGS_BASE_URL")) issues.push("EMBEDDINGS_BASE_URL：EMBEDDINGS_PROVIDER=openai 时必须填写接口地址，如 EMBEDDINGS_BASE_URL=http://127.0.0.1:9997/v1");
  if (v("TELEGRAM_WEBHOOK_URL") && !v("TELEGRAM_BOT_TOKEN")) issues.push("TELEGRAM_WEBHOOK_URL：设置 Webhook 需要同时设置 TELEGRAM_BOT_TOKEN，如 TELEGRAM_BOT_TOKEN=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0");
  if (v("WECOM_BOT_ID") && !v("WECOM_BOT_SECRET")) issues.push("WECOM_BOT_SECRET：设置了 WECOM_BOT_ID 时必须同时填写机器人的 Secret（企业微信管理后台“智能机器人”页面获取），如 WECOM_BOT_SECRET=xxxxxxxx");
  if (v("WECOM_BOT_SECRET") && !v("WECOM_BOT_ID")) issues.push("WECOM_BOT_ID：设置了 WECOM_BOT_SECRET 时必须同时填写机器人的 BotID，如 WECOM_BOT_ID=aibxxxxxxxxxxxx");
  if (v("DINGTALK_CLIENT_ID") && !v("DINGTALK_CLIENT_SECRET")) issues.push("DINGTALK_CLIENT_SECRET：设置了 DINGTALK_CLIENT_ID 时必须同时填写应用的 Client Secret（钉钉开发者后台“凭证与基础信息”页面获取），如 DINGTALK_CLIENT_SECRET=xxxxxxxx");
  if (v("DINGTALK_CLIENT_SECRET") && !v("DINGTALK_CLIENT_ID")) issues.push("DINGTALK_CLIENT_ID：设置了 DINGTALK_CLIENT_SECRET 时必须同时填写应用的 Client ID（原 AppKey），如 DINGTALK_CLIENT_ID=dingxxxxxxxxxxxx");
  if (v("DINGTALK_ROBOT_CODE") && !v("DINGTALK_CLIENT_ID")) issues.push("DINGTALK_ROBOT_CODE：需要同时设置 DINGTALK_CLIENT_ID 和 DINGTALK_CLIENT_SECRET，如 DINGTALK_CLIENT_ID=dingxxxxxxxxxxxx");
  return issues;
}

/** One Chinese line per malformed variable (several zod issues on one variable give one line). */
function describeIssues(issues: readonly z.core.$ZodIssue[], env: Record<string, string | undefined>): string[] {
  const names = [...new Set(issues.map((i) => String(i.path[0] ?? "")))];
  return names.map((name) => {
    const raw = env[name];
    const shown = raw === undefined ? "" : `取值“${raw.length > 60 ? `${raw.slice(0, 60)}…` : raw}”无效，`;
    return `${name}：${shown}${EXPECTED[name] ?? "取值无效"}`;
  });
}

/**
 * The environment with a `.env` file's variables added: real environment variables win over
 * the file. A missing file changes nothing; an unreadable one is reported.
 */
export function withDotEnv(env: Record<string, string | undefined>, file = path.resolve(".env")): Record<string, string | undefined> {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return env;
    throw new ConfigError([`无法读取 ${file}：${(err as Error).message}`], { cause: err });
  }
  // Notepad saves UTF-8 with a byte-order mark: it would make the first line's name unknown
  return { ...parseEnv(text.replace(/^\uFEFF/, "")), ...env };
}

/** The application's configuration, parsed once from the environment. */
export interface Config {
  dataDir: string;
  knowledgeDir: string;
  promptsDir: string;
  deadlinesFile: string;
  logLevel: Env["LOG_LEVEL"];
  llm:
    | { provider: "none" }
    | {
        provider: "openai" | "ollama";
        baseUrl?: string;
        apiKey?: string;
        model: string;
        timeoutMs: number;
        structuredMethod: Env["LLM_STRUCTURED_METHOD"];
        /** Rewrite questions into the documents' wording before retrieval. */
        rewrite: boolean;
        /** Let the model reorder the top passages after retrieval. */
        rerank: boolean;
      };
  embeddings: { provider: "local" } | { provider: "openai" | "ollama"; baseUrl?: string; apiKey?: string; model: string };
  telegram?: { token: string; apiRoot: string; webhookUrl?: string; webhookSecret?: string; port: number };
  /** The WeCom intelligent bot (long connection), when WECOM_BOT_ID is set. */
  wecom?: { botId: string; secret: string; wsUrl?: string };
  /** 钉钉 Stream mode; the robot code defaults to the client id. */
  dingtalk?: { clientId: string; clientSecret: string; robotCode: string; apiBase: string; oapiBase: string };
  maxUploadBytes: number;
  nudgesEnabled: boolean;
  /** Nudges a crash left mid-send: resend once, marked (default), or only report in the log. */
  nudgeRecovery: "resend" | "report";
  /** Telegram user/chat ids, WeCom members (wecom:userid) and DingTalk members (dingtalk:userid) allowed to see every unit in /status and /ledger (协调人). */
  nudgeCoordinators: string[];
  /**
   * User ids treated as group admins everywhere (ADMIN_USER_IDS, the one admin list: Telegram ids,
   * wecom:userid, dingtalk:userid), with the members of the deprecated WECOM_ADMINS as wecom:userid.
   */
  adminUserIds: string[];
  /** Start-up warnings in Chinese (a deprecated variable still honoured, a name meant for this program but none of its variables); main prints and logs them. */
  warnings: string[];
}

/** Thrown when the environment does not describe a usable configuration; lists every problem. */
export class ConfigError extends Error {
  /**
   * @param issues one Chinese line per problem
   * @param options.hints variables this program does not read but looks meant for it (LLM_BASEURL):
   *   shown after the problems, since a misspelt name is often why a setting is missing
   */
  constructor(
    readonly issues: string[],
    options?: { cause?: unknown; hints?: readonly string[] },
  ) {
    const hints = (options?.hints ?? []).map((h) => `\n配置提示：${h}`).join("");
    super(`配置有误（共 ${issues.length} 处）：\n${issues.map((i) => `  - ${i}`).join("\n")}${hints}`, options);
    this.name = "ConfigError";
    this.hints = options?.hints ?? [];
  }

  readonly hints: readonly string[];
}

/**
 * Parses the environment into a Config, reporting every problem at once.
 * @param env usually process.env; tests pass their own object.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(withoutBlanks(env));
  const issues = [
    ...(parsed.success ? [] : describeIssues(parsed.error.issues, env)),
    ...crossIssues(env),
  ];
  if (!parsed.success || issues.length) throw new ConfigError(issues, { cause: parsed.success ? undefined : parsed.error, hints: unknownVariableWarnings(env, Object.keys(envSchema.shape)) });
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const knowledgeDir = path.resolve(e.KNOWLEDGE_DIR);
  return {
    dataDir,
    knowledgeDir,
    promptsDir: path.resolve(e.PROMPTS_DIR),
    deadlinesFile: deadlinesFileOf(env).file,
    logLevel: e.LOG_LEVEL,
    llm:
      e.LLM_PROVIDER === "none"
        ? { provider: "none" }
        : {
            provider: e.LLM_PROVIDER,
            baseUrl: e.LLM_BASE_URL,
            apiKey: e.LLM_API_KEY,
            model: e.LLM_MODEL as string,
            timeoutMs: e.LLM_TIMEOUT_MS,
            structuredMethod: e.LLM_STRUCTURED_METHOD,
            rewrite: e.LLM_REWRITE,
            rerank: e.LLM_RERANK,
          },
    embeddings:
      e.EMBEDDINGS_PROVIDER === "local"
        ? { provider: "local" }
        : {
            provider: e.EMBEDDINGS_PROVIDER,
            baseUrl: e.EMBEDDINGS_BASE_URL,
            apiKey: e.EMBEDDINGS_API_KEY,
            model: e.EMBEDDINGS_MODEL as string,
          },
    telegram: e.TELEGRAM_BOT_TOKEN
      ? {
          token: e.TELEGRAM_BOT_TOKEN,
          apiRoot: e.TELEGRAM_API_ROOT.replace(/\/+$/, ""),
          webhookUrl: e.TELEGRAM_WEBHOOK_URL,
          webhookSecret: e.TELEGRAM_WEBHOOK_SECRET,
          port: e.PORT,
        }
      : undefined,
    wecom:
      e.WECOM_BOT_ID && e.WECOM_BOT_SECRET
        ? { botId: e.WECOM_BOT_ID, secret: e.WECOM_BOT_SECRET, wsUrl: e.WECOM_WS_URL }
        : undefined,
    dingtalk:
      e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET
        ? {
            clientId: e.DINGTALK_CLIENT_ID,
            clientSecret: e.DINGTALK_CLIENT_SECRET,
            robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
            apiBase: e.DINGTALK_API_BASE.replace(/\/+$/, ""),
            oapiBase: e.DINGTALK_OAPI_BASE.replace(/\/+$/, ""),
          }
        : undefined,
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    nudgesEnabled: e.NUDGES_ENABLED,
    nudgeRecovery: e.NUDGE_RECOVERY,
    nudgeCoordinators: e.NUDGE_COORDINATORS,
    adminUserIds: [...new Set([...e.ADMIN_USER_IDS, ...e.WECOM_ADMINS.map((id) => `wecom:${id}`)])],
    warnings: [...(e.WECOM_ADMINS.length ? [wecomAdminsWarning(e.WECOM_ADMINS)] : []), ...unknownVariableWarnings(env, Object.keys(envSchema.shape))],
  };
}

/** The start-up warning for the deprecated WECOM_ADMINS, with the ADMIN_USER_IDS line to use instead. */
function wecomAdminsWarning(ids: readonly string[]): string {
  return `WECOM_ADMINS 已停用，管理员名单统一写在 ADMIN_USER_IDS 中（企业微信成员写作 wecom:账号）。本次仍把所列成员按管理员对待；请改为 ADMIN_USER_IDS=${ids.map((id) => `wecom:${id}`).join(",")}（与已有的 ADMIN_USER_IDS 合并），并删除 WECOM_ADMINS。`;
}
