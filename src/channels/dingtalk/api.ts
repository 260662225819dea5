/**
 * The DingTalk REST calls the channel makes (dingtalk-stream only carries the inbound side).
 *
 * Two kinds of access token exist and are never mixed (a token of the other kind is refused
 * with 401):
 * - the new API (api.dingtalk.com, header x-acs-dingtalk-access-token) takes the token of
 *   POST /v1.0/oauth2/accessToken — DingTalk docs "获取企业内部应用的accessToken";
 * - the older oapi (oapi.dingtalk.com, query access_token) takes the token of GET /gettoken —
 *   DingTalk docs "获取企业内部应用的access_token"; the SDK's own getAccessToken() calls this one
 *   (dingtalk-stream 2.1.5, constants GET_TOKEN_URL).
 * Both bases are configurable (DINGTALK_API_BASE / DINGTALK_OAPI_BASE) so tests use a local fake.
 */

/** A refusal or failure answered by DingTalk. `error_code` lets the nudge scheduler classify it (see classifyDeliveryError). */
export class DingTalkApiError extends Error {
  constructor(
    message: string,
    /** HTTP-like status: 429 and 5xx may be retried; other codes are refused for good. */
    readonly error_code: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "DingTalkApiError";
  }
}

/** No answer (network error, timeout). It has no error_code: the request may or may not have arrived. */
export class DingTalkNetworkError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DingTalkNetworkError";
  }
}

export interface DingTalkApiOptions {
  clientId: string;
  clientSecret: string;
  /** The robot code; for a robot of an enterprise internal app it is the app's client id (DingTalk docs "机器人ID"). */
  robotCode: string;
  apiBase: string;
  oapiBase: string;
  /** Per-request timeout (default 30 s). */
  timeoutMs?: number;
}

/** Largest file DingTalk's media upload takes for type=file (DingTalk docs "上传媒体文件": 20 MB; doc, docx, xls, xlsx, ppt, pptx, zip, pdf, rar). */
export const MAX_MEDIA_BYTES = 20 * 1024 * 1024;

/** At most this many users per batch-send call (DingTalk docs "批量发送人与机器人会话中机器人消息": userIds, at most 20). */
export const BATCH_SEND_MAX_USERS = 20;

/** A message of the robot send APIs: msgKey and its parameters (DingTalk docs "企业机器人发送消息的消息类型"). */
export type RobotMessage =
  | { msgKey: "sampleMarkdown"; msgParam: { title: string; text: string } }
  | { msgKey: "sampleFile"; msgParam: { mediaId: string; fileName: string; fileType: string } };

interface CachedToken {
  value: string;
  expiresAt: number;
}

/** Tokens are renewed this long before they expire (both kinds last 7,200 s). */
const TOKEN_MARGIN_MS = 5 * 60_000;

const trimBase = (url: string) => url.replace(/\/+$/, "");

/** The REST client. */
export class DingTalkApi {
  private apiToken?: CachedToken;
  private oapiToken?: CachedToken;
  private readonly apiBase: string;
  private readonly oapiBase: string;

  constructor(private readonly o: DingTalkApiOptions) {
    this.apiBase = trimBase(o.apiBase);
    this.oapiBase = trimBase(o.oapiBase);
  }

  get robotCode(): string {
    return this.o.robotCode;
  }

  private async request(url: string, init: RequestInit, what: string): Promise<Response> {
    let res: Response;
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000) });
    } catch (err) {
      throw new DingTalkNetworkError(`${what}: network error`, { cause: err });
    }
    if (!res.ok) {
      const body = await res.text().catch(() => "");
      if (res.status === 401) this.forgetTokens();
      throw new DingTalkApiError(`${what}: HTTP ${res.status} ${body.slice(0, 300)}`, res.status);
    }
    return res;
  }

  private async json<T>(url: string, init: RequestInit, what: string): Promise<T> {
    const res = await this.request(url, init, what);
    return (await res.json()) as T;
  }

  /** Checks an oapi answer: errcode 0 is success, anything else a refusal (throttling ones retryable). */
  private static oapiOk<T extends { errcode?: number; errmsg?: string }>(body: T, what: string): T {
    if (body.errcode === undefined || body.errcode === 0) return body;
    // -1 is "系统繁忙" (busy) and 130101 "send too fast" (DingTalk robot error codes); both may be retried.
    const retry = body.errcode === -1 || body.errcode === 130101;
    throw new DingTalkApiError(`${what}: errcode ${body.errcode} ${body.errmsg ?? ""}`.trim(), retry ? 429 : 400);
  }

  private forgetTokens(): void {
    this.apiToken = undefined;
    this.oapiToken = undefined;
  }

  /** The new-API token (POST /v1.0/oauth2/accessToken), cached until shortly before it expires. */
  async accessToken(): Promise<string> {
    if (this.apiToken && this.apiToken.expiresAt > Date.now()) return this.apiToken.value;
    const body = await this.json<{ accessToken?: string; expireIn?: number }>(
      `${this.apiBase}/v1.0/oauth2/accessToken`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ appKey: this.o.clientId, appSecret: this.o.clientSecret }) },
      "accessToken",
    );
    if (!body.accessToken) throw new DingTalkApiError("accessToken: no token in the answer", 502);
    this.apiToken = { value: body.accessToken, expiresAt: Date.now() + (body.expireIn ?? 7200) * 1000 - TOKEN_MARGIN_MS };
    return body.accessToken;
  }

  /** The older oapi token (GET /gettoken), cached until shortly before it expires. */
  async oapiAccessToken(): Promise<string> {
    if (this.oapiToken && this.oapiToken.expiresAt > Date.now()) return this.oapiToken.value;
    const q = new URLSearchParams({ appkey: this.o.clientId, appsecret: this.o.clientSecret });
    const body = DingTalkApi.oapiOk(
      await this.json<{ errcode?: number; errmsg?: string; access_token?: string; expires_in?: number }>(`${this.oapiBase}/gettoken?${q}`, { method: "GET" }, "gettoken"),
      "gettoken",
    );
    if (!body.access_token) throw new DingTalkApiError("gettoken: no token in the answer", 502);
    this.oapiToken = { value: body.access_token, expiresAt: Date.now() + (body.expires_in ?? 7200) * 1000 - TOKEN_MARGIN_MS };
    return body.access_token;
  }

  private async apiPost<T>(path: string, payload: unknown, what: string): Promise<T> {
    const token = await this.accessToken();
    return this.json<T>(
      `${this.apiBase}${path}`,
      { method: "POST", headers: { "content-type": "application/json", "x-acs-dingtalk-access-token": token }, body: JSON.stringify(payload) },
      what,
    );
  }

  /**
   * Downloads a file a user sent the robot: the message's downloadCode is exchanged for a
   * temporary URL (DingTalk docs "下载机器人接收消息的文件内容", POST /v1.0/robot/messageFiles/download),
   * which is then fetched. Refuses files over `maxBytes`.
   */
  async downloadFile(downloadCode: string, maxBytes: number): Promise<Buffer> {
    const { downloadUrl } = await this.apiPost<{ downloadUrl?: string }>(
      "/v1.0/robot/messageFiles/download",
      { downloadCode, robotCode: this.o.robotCode },
      "messageFiles/download",
    );
    if (!downloadUrl) throw new DingTalkApiError("messageFiles/download: no downloadUrl", 502);
    const res = await this.request(downloadUrl, { method: "GET" }, "file download");
    const announced = Number(res.headers.get("content-length") ?? "0");
    if (announced > maxBytes) throw new FileTooLargeError(announced, maxBytes);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > maxBytes) throw new FileTooLargeError(size, maxBytes);
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    return Buffer.concat(chunks);
  }

  /**
   * Uploads a file as media with the oapi token (DingTalk docs "上传媒体文件", POST
   * /media/upload?access_token=…, multipart field "media", type=file) and returns its media_id.
   */
  async uploadFile(name: string, data: Buffer): Promise<string> {
    if (data.length > MAX_MEDIA_BYTES) throw new FileTooLargeError(data.length, MAX_MEDIA_BYTES);
    const token = await this.oapiAccessToken();
    const form = new FormData();
    form.append("type", "file");
    form.append("media", new Blob([new Uint8Array(data)]), name);
    const q = new URLSearchParams({ access_token: token, type: "file" });
    const body = DingTalkApi.oapiOk(
      await this.json<{ errcode?: number; errmsg?: string; media_id?: string }>(`${this.oapiBase}/media/upload?${q}`, { method: "POST", body: form }, "media/upload"),
      "media/upload",
    );
    if (!body.media_id) throw new DingTalkApiError("media/upload: no media_id", 502);
    return body.media_id;
  }

  /** Sends to a group (DingTalk docs "机器人发送群聊消息", POST /v1.0/robot/groupMessages/send; msgParam ≤ 15,000 bytes). */
  async sendToGroup(openConversationId: string, message: RobotMessage): Promise<void> {
    await this.apiPost(
      "/v1.0/robot/groupMessages/send",
      { robotCode: this.o.robotCode, openConversationId, msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam) },
      "groupMessages/send",
    );
  }

  /**
   * Sends to users' private chats with the robot (DingTalk docs "批量发送人与机器人会话中机器人消息",
   * POST /v1.0/robot/oToMessages/batchSend), at most 20 users a call. Users DingTalk throttled
   * or does not know make it throw (429 / 400) once every call is made.
   */
  async sendToUsers(userIds: readonly string[], message: RobotMessage): Promise<void> {
    const throttled: string[] = [];
    const invalid: string[] = [];
    for (let i = 0; i < userIds.length; i += BATCH_SEND_MAX_USERS) {
      const batch = userIds.slice(i, i + BATCH_SEND_MAX_USERS);
      const body = await this.apiPost<{ invalidStaffIdList?: string[]; flowControlledStaffIdList?: string[] }>(
        "/v1.0/robot/oToMessages/batchSend",
        { robotCode: this.o.robotCode, userIds: batch, msgKey: message.msgKey, msgParam: JSON.stringify(message.msgParam) },
        "oToMessages/batchSend",
      );
      throttled.push(...(body.flowControlledStaffIdList ?? []));
      invalid.push(...(body.invalidStaffIdList ?? []));
    }
    if (throttled.length) throw new DingTalkApiError(`batchSend: throttled for ${throttled.join(",")}`, 429);
    if (invalid.length) throw new DingTalkApiError(`batchSend: unknown users ${invalid.join(",")}`, 400);
  }

  /**
   * Replies through a message's sessionWebhook (valid until its sessionWebhookExpiredTime, about
   * 90 minutes). The webhook lives on the oapi host; like the SDK's own example
   * (dingtalk-stream example/index.ts) it is called with the oapi token.
   */
  async replyBySession(webhook: string, markdown: { title: string; text: string }): Promise<void> {
    const token = await this.oapiAccessToken();
    const body = await this.json<{ errcode?: number; errmsg?: string }>(
      webhook,
      { method: "POST", headers: { "content-type": "application/json", "x-acs-dingtalk-access-token": token }, body: JSON.stringify({ msgtype: "markdown", markdown }) },
      "sessionWebhook",
    );
    DingTalkApi.oapiOk(body, "sessionWebhook");
  }
}

/** A file over a size limit. */
export class FileTooLargeError extends Error {
  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`file of ${size} bytes exceeds ${limit}`);
    this.name = "FileTooLargeError";
  }
}
