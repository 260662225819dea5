import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

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

    TELEGRAM_BOT_TOKEN: optionalText,
    TELEGRAM_API_ROOT: z.url().default("https://api.telegram.org"),
    TELEGRAM_WEBHOOK_URL: optionalText.pipe(z.url().optional()),
    TELEGRAM_WEBHOOK_SECRET: optionalText,
    PORT: positiveInt(8080),

    MAX_UPLOAD_MB: positiveInt(10),
    NUDGES_ENABLED: bool(true),
    DEADLINES_FILE: optionalText,
    NUDGE_RECOVERY: z.enum(["resend", "report"]).default("resend"),
    NUDGE_COORDINATORS: z
      .string()
      .default("")
      .transform((v) => [...new Set(v.split(/[,，\s]+/).filter(Boolean))])
      .pipe(z.array(z.string().regex(/^-?\d+$/, "应为 Telegram 用户 ID 或群 ID（整数），多个用英文逗号分隔"))),
    ADMIN_USER_IDS: z
      .string()
      .default("")
      .transform((v) => [...new Set(v.split(/[,，\s]+/).filter(Boolean))])
      .pipe(z.array(z.string().max(64, "每个用户 ID 最长 64 个字符"))),
  });

type Env = z.output<typeof envSchema>;

/**
 * Checks between variables. They run on the raw values, beside the schema, so that one
 * report lists these together with every malformed value.
 */
function crossIssues(raw: Record<string, string | undefined>): string[] {
  const v = (k: string) => raw[k]?.trim() || undefined;
  const issues: string[] = [];
  const llm = v("LLM_PROVIDER") ?? "none";
  const emb = v("EMBEDDINGS_PROVIDER") ?? "local";
  if (llm === "openai" && !v("LLM_BASE_URL")) issues.push("LLM_BASE_URL: LLM_PROVIDER=openai 时必须填写（OpenAI 兼容接口地址，如 https://api.deepseek.com/v1）");
  if ((llm === "openai" || llm === "ollama") && !v("LLM_MODEL")) issues.push("LLM_MODEL: 使用大模型时必须填写模型名（如 deepseek-chat、qwen2.5:7b）");
  if (emb !== "local" && !v("EMBEDDINGS_MODEL")) issues.push("EMBEDDINGS_MODEL: 使用远程向量模型时必须填写模型名（如 bge-m3）");
  if (emb === "openai" && !v("EMBEDDINGS_BASE_URL")) issues.push("EMBEDDINGS_BASE_URL: EMBEDDINGS_PROVIDER=openai 时必须填写接口地址");
  if (v("TELEGRAM_WEBHOOK_URL") && !v("TELEGRAM_BOT_TOKEN")) issues.push("TELEGRAM_WEBHOOK_URL: 设置 Webhook 需要同时设置 TELEGRAM_BOT_TOKEN");
  return issues;
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
  maxUploadBytes: number;
  nudgesEnabled: boolean;
  /** Nudges a crash left mid-send: resend once, marked (default), or only report in the log. */
  nudgeRecovery: "resend" | "report";
  /** Telegram user ids and/or chat ids allowed to see every unit in /status and /ledger (协调人). */
  nudgeCoordinators: string[];
  /** User ids treated as group admins everywhere (ADMIN_USER_IDS), for channels that report no admins. */
  adminUserIds: string[];
}

/** Thrown when the environment does not describe a usable configuration; lists every problem. */
export class ConfigError extends Error {
  constructor(
    readonly issues: string[],
    options?: { cause?: unknown },
  ) {
    super(`配置有误（共 ${issues.length} 处）：\n${issues.map((i) => `  - ${i}`).join("\n")}`, options);
    this.name = "ConfigError";
  }
}

/**
 * Parses the environment into a Config, reporting every problem at once.
 * @param env usually process.env; tests pass their own object.
 */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  const issues = [
    ...(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "(环境变量)"}: ${i.message}`)),
    ...crossIssues(env),
  ];
  if (!parsed.success || issues.length) throw new ConfigError(issues, { cause: parsed.success ? undefined : parsed.error });
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  const knowledgeDir = path.resolve(e.KNOWLEDGE_DIR);
  return {
    dataDir,
    knowledgeDir,
    promptsDir: path.resolve(e.PROMPTS_DIR),
    deadlinesFile: path.resolve(e.DEADLINES_FILE ?? path.join(knowledgeDir, "deadlines.yaml")),
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
    maxUploadBytes: e.MAX_UPLOAD_MB * 1024 * 1024,
    nudgesEnabled: e.NUDGES_ENABLED,
    nudgeRecovery: e.NUDGE_RECOVERY,
    nudgeCoordinators: e.NUDGE_COORDINATORS,
    adminUserIds: e.ADMIN_USER_IDS,
  };
}
