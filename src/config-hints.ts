/**
 * The Chinese side of the configuration: what each variable should hold, and the names in the
 * environment that look meant for this program but are none of its variables (a typo in .env).
 */

/**
 * What each variable should hold, with an example, in Chinese: a malformed value is reported
 * with its variable's line here (zod's own messages are English).
 */
export const EXPECTED: Record<string, string> = {
  DATA_DIR: "应为目录路径，如 DATA_DIR=data",
  KNOWLEDGE_DIR: "应为目录路径，如 KNOWLEDGE_DIR=/opt/zwgk/knowledge",
  PROMPTS_DIR: "应为目录路径，如 PROMPTS_DIR=/opt/zwgk/prompts",
  LOG_LEVEL: "应为 fatal、error、warn、info、debug、trace、silent 之一，如 LOG_LEVEL=info",
  LLM_PROVIDER: "应为 none、openai、ollama 之一，如 LLM_PROVIDER=openai",
  LLM_BASE_URL: "应为完整网址，如 LLM_BASE_URL=https://api.deepseek.com/v1",
  LLM_TIMEOUT_MS: "应为正整数（毫秒），如 LLM_TIMEOUT_MS=20000",
  LLM_STRUCTURED_METHOD: "应为 functionCalling、jsonSchema、jsonMode 之一，如 LLM_STRUCTURED_METHOD=functionCalling",
  EMBEDDINGS_PROVIDER: "应为 local、openai、ollama 之一，如 EMBEDDINGS_PROVIDER=local",
  EMBEDDINGS_BASE_URL: "应为完整网址，如 EMBEDDINGS_BASE_URL=http://127.0.0.1:9997/v1",
  TELEGRAM_BOT_TOKEN: "格式应为“机器人数字 ID:35 位字符”（@BotFather 给出的令牌），如 TELEGRAM_BOT_TOKEN=123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0",
  TELEGRAM_API_ROOT: "应为完整网址，如 TELEGRAM_API_ROOT=https://api.telegram.org",
  TELEGRAM_WEBHOOK_URL: "应为完整网址，如 TELEGRAM_WEBHOOK_URL=https://bot.example.gov.cn/telegram",
  PORT: "应为 1–65535 的整数端口号，如 PORT=8080",
  WECOM_WS_URL: "应为 ws:// 或 wss:// 开头的地址，如 WECOM_WS_URL=wss://openws.work.weixin.qq.com",
  WECOM_ADMINS: "（已停用，请改用 ADMIN_USER_IDS=wecom:zhangsan,wecom:li.si）应为企业微信成员的账号（userid，字母、数字、点、下划线），多个用英文逗号分隔，如 WECOM_ADMINS=zhangsan,li.si",
  MAX_UPLOAD_MB: "应为正整数（MB），如 MAX_UPLOAD_MB=10",
  NUDGES_ENABLED: "应为 true 或 false，如 NUDGES_ENABLED=true",
  NUDGE_RECOVERY: "应为 resend（补发一次并注明）或 report（只在日志中报告），如 NUDGE_RECOVERY=resend",
  DINGTALK_API_BASE: "应为完整网址，如 DINGTALK_API_BASE=https://api.dingtalk.com",
  DINGTALK_OAPI_BASE: "应为完整网址，如 DINGTALK_OAPI_BASE=https://oapi.dingtalk.com",
  ADMIN_USER_IDS: "应为用户 ID（每个最长 64 个字符），多个用英文逗号分隔，如 ADMIN_USER_IDS=123456789,wecom:zhangsan,dingtalk:manager1234",
  NUDGE_COORDINATORS: "应为 Telegram 用户 ID 或群 ID（整数），或企业微信成员 wecom:userid、钉钉成员 dingtalk:userid，多个用英文逗号分隔，如 NUDGE_COORDINATORS=123456789,-1001234567890,wecom:zhangsan,dingtalk:manager1234",
};

/** Name parts only this program's variables use: an unknown name with one of them was meant for it. */
const OWN_PREFIX = /^(?:LLM|EMBEDDINGS?|TELEGRAM|WECOM|DINGTALK|NUDGES?|DEADLINES?|ADMIN|ZWGK)_/;

/** Edit distance of two names (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row.push(Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = row;
  }
  return prev[b.length]!;
}

/**
 * One warning per variable that is not one of `known` but looks meant for this program: it has
 * one of its name parts (LLM_BASEURL, TELEGRAM_TOKEN) or is a near miss of a known name (DATADIR,
 * LOGLEVEL). Such a variable is ignored, so the setting silently keeps its default otherwise.
 */
export function unknownVariableWarnings(env: Record<string, string | undefined>, known: readonly string[]): string[] {
  const warnings: string[] = [];
  for (const name of Object.keys(env)) {
    const upper = name.toUpperCase();
    if (known.includes(name) || env[name] === undefined) continue;
    const nearest = known
      .map((k) => ({ k, d: k === upper ? 0 : distance(upper.replace(/[^A-Z0-9]/g, ""), k.replace(/_/g, "")) }))
      .sort((x, y) => x.d - y.d)[0];
    const own = OWN_PREFIX.test(upper);
    const close = nearest !== undefined && (nearest.d === 0 || (name.length >= 6 && nearest.d <= 2) || (own && nearest.d <= 4));
    if (!close && !own) continue;
    const guess = close ? `是不是 ${nearest.k}？` : "";
    warnings.push(`${name} 不是本程序的配置变量，没有使用。${guess}全部变量及写法见 .env.example。`);
  }
  return warnings;
}
