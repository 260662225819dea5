/** Problems of the platform connections, said in Chinese for whoever runs the bot. */

/**
 * Why a network error happened, in Chinese ("连接被拒绝（地址或端口不对，或服务未运行）"), from its
 * code (its own or its cause's); another error's message as is.
 */
export function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string } })?.cause;
  const code = cause?.code ?? (err as { code?: string })?.code;
  const name = (err as { name?: string })?.name;
  if (name === "TimeoutError" || name === "AbortError") return "在限定时间内没有响应（网络不通、被防火墙拦截或需要代理）";
  switch (code) {
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return "无法解析域名（没有网络或 DNS 不可用）";
    case "ECONNREFUSED":
      return "连接被拒绝（地址或端口不对，或服务未运行）";
    case "ECONNRESET":
      return "连接被重置（可能被防火墙拦截）";
    case "ENETUNREACH":
    case "EHOSTUNREACH":
      return "网络不可达（本机没有通往该地址的网络）";
    case "CERT_HAS_EXPIRED":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
    case "SELF_SIGNED_CERT_IN_CHAIN":
      return "证书校验失败（可能经过了拦截 HTTPS 的代理）";
    default:
      return code ? `网络错误 ${code}` : String((err as Error)?.message ?? err);
  }
}

/** Writes a one-line notice for whoever runs the bot to stderr (beside the log, which may go elsewhere or be JSON). */
export function stderrNotice(line: string): void {
  process.stderr.write(`${line}\n`);
}
