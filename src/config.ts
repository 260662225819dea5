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
  })
  .superRefine((env, ctx) => {
    if (env.LLM_PROVIDER === "openai") {
      if (!env.LLM_BASE_URL) ctx.addIssue({ code: "custom", path: ["LLM_BASE_URL"], message: "LLM_PROVIDER=openai 时必须填写（OpenAI 兼容接口地址，如 https://api.deepseek.com/v1）" });
      if (!env.LLM_MODEL) ctx.addIssue({ code: "custom", path: ["LLM_MODEL"], message: "LLM_PROVIDER=openai 时必须填写模型名" });
    }
    if (env.LLM_PROVIDER === "ollama" && !env.LLM_MODEL) {
      ctx.addIssue({ code: "custom", path: ["LLM_MODEL"], message: "LLM_PROVIDER=ollama 时必须填写模型名（如 qwen2.5:7b）" });
    }
    if (env.EMBEDDINGS_PROVIDER !== "local" && !env.EMBEDDINGS_MODEL) {
      ctx.addIssue({ code: "custom", path: ["EMBEDDINGS_MODEL"], message: "使用远程向量模型时必须填写模型名（如 bge-m3）" });
    }
    if (env.EMBEDDINGS_PROVIDER === "openai" && !env.EMBEDDINGS_BASE_URL) {
      ctx.addIssue({ code: "custom", path: ["EMBEDDINGS_BASE_URL"], message: "EMBEDDINGS_PROVIDER=openai 时必须填写接口地址" });
    }
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: "custom", path: ["TELEGRAM_WEBHOOK_URL"], message: "设置 Webhook 需要同时设置 TELEGRAM_BOT_TOKEN" });
    }
  });

type Env = z.output<typeof envSchema>;

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
      };
  embeddings: { provider: "local" } | { provider: "openai" | "ollama"; baseUrl?: string; apiKey?: string; model: string };
  telegram?: { token: string; apiRoot: string; webhookUrl?: string; webhookSecret?: string; port: number };
  maxUploadBytes: number;
  nudgesEnabled: boolean;
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
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(环境变量)"}: ${i.message}`);
    throw new ConfigError(issues, { cause: parsed.error });
  }
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
  };
}
