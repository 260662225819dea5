/**
 * Downloading a document from the Bot API file endpoint with fetch
 * (`${apiRoot}/file/bot${token}/${file_path}`); @grammyjs/files hard-codes https.
 */
import type { Api } from "grammy";

/** The file could not be downloaded; `message` is Chinese, for the official. */
export class DownloadError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DownloadError";
  }
}

/** Downloads a file by id, refusing more than `maxBytes` (counted while reading). */
export async function downloadFile(o: { api: Api; apiRoot: string; token: string; fileId: string; maxBytes: number }): Promise<Buffer> {
  let filePath: string | undefined;
  try {
    filePath = (await o.api.getFile(o.fileId)).file_path;
  } catch (err) {
    throw new DownloadError("无法从 Telegram 获取这个文件（文件可能超过 20 MB）。", { cause: err });
  }
  if (!filePath) throw new DownloadError("Telegram 没有提供这个文件的下载地址。");
  const url = `${o.apiRoot}/file/bot${o.token}/${filePath.split("/").map(encodeURIComponent).join("/")}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    throw new DownloadError("下载文件失败，请稍后重新发送。", { cause: err });
  }
  if (!res.ok || !res.body) throw new DownloadError(`下载文件失败（HTTP ${res.status}），请稍后重新发送。`);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    total += chunk.length;
    if (total > o.maxBytes) {
      throw new DownloadError(`文件超过 ${(o.maxBytes / 1024 / 1024).toFixed(0)} MB 的上限。`);
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}
