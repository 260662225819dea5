/**
 * A quick check at start that the Bot API answers, so that an official without a network (or
 * with a wrong token) learns within seconds what is wrong instead of waiting in silence while
 * grammY retries.
 */
import { networkReason } from "../connection-problems.js";

/**
 * Calls getMe once with a short timeout. Resolves with undefined when Telegram answers, or
 * with a Chinese sentence saying that it cannot be reached (or refuses the token) and why.
 */
export async function telegramProblem(o: { apiRoot: string; token: string; timeoutMs?: number }): Promise<string | undefined> {
  const host = (() => {
    try {
      return new URL(o.apiRoot).host;
    } catch {
      return o.apiRoot;
    }
  })();
  let res: Response;
  try {
    res = await fetch(`${o.apiRoot}/bot${o.token}/getMe`, { signal: AbortSignal.timeout(o.timeoutMs ?? 5000) });
  } catch (err) {
    return `无法连接 Telegram（${host}）：${networkReason(err)}。请检查本机网络或代理设置；在无法访问 Telegram 的网络中，请改用企业微信（WECOM_BOT_ID）或不设置 TELEGRAM_BOT_TOKEN 以使用控制台。`;
  }
  if (res.status === 401 || res.status === 404) return `Telegram 拒绝了 TELEGRAM_BOT_TOKEN（HTTP ${res.status}）：令牌无效或已被撤销，请向 @BotFather 重新获取。`;
  if (!res.ok) return `Telegram（${host}）暂时不可用：HTTP ${res.status}。请稍后再试。`;
  return undefined;
}
