/**
 * The Stream-mode connection (dingtalk-stream's DWClient) with our own reconnection.
 *
 * dingtalk-stream 2.1.5 reconnects on its own every 1 s with no backoff, and when the WebSocket
 * handshake fails it schedules two reconnects (its error handler rejects into connect()'s retry
 * and its close handler retries too) — the "reconnect storm" fixed upstream only after 2.1.5
 * (open-dingtalk/dingtalk-stream-sdk-nodejs ac73794). So autoReconnect is turned off and this
 * class reconnects with exponential backoff and jitter, one attempt at a time. It also clears
 * the SDK's keep-alive timer when a socket closes (the SDK clears it only on disconnect()).
 */
import { DWClient, TOPIC_ROBOT, type DWClientDownStream } from "dingtalk-stream";
import type WebSocket from "ws";
import type { Logger } from "../../log.js";

export interface StreamOptions {
  clientId: string;
  clientSecret: string;
  logger: Logger;
  /** A robot message frame (topic /v1.0/im/bot/messages/get); acknowledge it with `ack`. */
  onMessage(frame: DWClientDownStream): void;
  /** The gateway refused the credentials (HTTP 4xx other than 429); reconnecting goes on regardless. */
  onRefused?(status: number, err: unknown): void;
  /** First reconnect delay (default 1 s); doubles per failed attempt up to `maxDelayMs` (default 60 s). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/** A connection that has stayed up this long resets the backoff. */
const STABLE_MS = 30_000;

/** The SDK members this class manages; TypeScript marks them private, they are plain fields at run time (dist/client.mjs). */
interface ClientInternals {
  socket?: WebSocket;
  heartbeatIntervallId?: ReturnType<typeof setInterval>;
}

/** A DWClient kept connected until stop(). */
export class DingTalkStream {
  readonly client: DWClient;
  private stopped = false;
  private attempt = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private connecting = false;
  private resolveReady!: () => void;
  /** Resolves once the first connection is open. */
  readonly ready: Promise<void>;
  /** Number of times a connection was opened (1 after the first). */
  connections = 0;
  /** Why the latest attempt to connect failed (undefined once one succeeds). */
  lastError: unknown;

  constructor(private readonly o: StreamOptions) {
    this.ready = new Promise((resolve) => (this.resolveReady = resolve));
    this.client = new DWClient({ clientId: o.clientId, clientSecret: o.clientSecret, keepAlive: true, ua: "zwgk-assistant" });
    this.client.config.autoReconnect = false;
    // Only robot messages: CALLBACK frames on TOPIC_ROBOT (dingtalk-stream constants). The SDK's
    // default subscription list (every EVENT, "*") is a module-level array that
    // registerCallbackListener would push into, so this client gets its own list.
    this.client.config.subscriptions = [];
    this.client.registerCallbackListener(TOPIC_ROBOT, (frame) => o.onMessage(frame));
  }

  /** Starts connecting (in the background; see `ready`). */
  start(): void {
    void this.connect();
  }

  /**
   * Acknowledges a frame so the server does not push it again: unanswered frames are pushed
   * again after about 60 s (dingtalk-stream, comment on socketCallBackResponse).
   */
  ack(frame: DWClientDownStream): void {
    this.client.socketCallBackResponse(frame.headers.messageId, "OK");
  }

  private internals(): ClientInternals {
    return this.client as unknown as ClientInternals;
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.connecting) return;
    this.connecting = true;
    try {
      await this.client.getEndpoint();
      if (this.stopped) return;
      await this.client._connect();
      const socket = this.internals().socket;
      if (this.stopped) {
        this.client.disconnect();
        return;
      }
      const openedAt = Date.now();
      this.connections += 1;
      this.lastError = undefined;
      this.o.logger.info({ connections: this.connections }, "dingtalk stream connected");
      this.resolveReady();
      socket?.once("close", (code: number) => this.closed(openedAt, code));
    } catch (err) {
      this.lastError = err;
      this.o.logger.warn({ err: describe(err), attempt: this.attempt + 1 }, "dingtalk stream connection failed");
      const status = (err as { response?: { status?: number } } | undefined)?.response?.status;
      if (status !== undefined && status >= 400 && status < 500 && status !== 429) this.o.onRefused?.(status, err);
      this.schedule();
    } finally {
      this.connecting = false;
    }
  }

  private closed(openedAt: number, code: number): void {
    const internals = this.internals();
    if (internals.heartbeatIntervallId !== undefined) clearInterval(internals.heartbeatIntervallId);
    internals.heartbeatIntervallId = undefined;
    if (this.stopped) return;
    if (Date.now() - openedAt >= STABLE_MS) this.attempt = 0;
    this.o.logger.warn({ code }, "dingtalk stream closed; reconnecting");
    this.schedule();
  }

  private schedule(): void {
    if (this.stopped || this.timer) return;
    const delay = backoffDelay(this.attempt, this.o.initialDelayMs ?? 1000, this.o.maxDelayMs ?? 60_000);
    this.attempt += 1;
    this.o.logger.info({ delayMs: delay, attempt: this.attempt }, "dingtalk stream reconnect scheduled");
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.connect();
    }, delay);
  }

  /** Closes the connection for good. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.client.disconnect();
  }
}

/**
 * Delay before reconnect attempt `attempt` (0-based): initial × 2^attempt, capped at `max`, plus
 * a random jitter below `initial` so that many robots do not reconnect in step.
 */
export function backoffDelay(attempt: number, initial: number, max: number, random: () => number = Math.random): number {
  return Math.min(max, initial * 2 ** attempt) + Math.floor(random() * initial);
}

/** A short description of a connection error (axios errors carry their request; keep the log small). */
function describe(err: unknown): string {
  if (err && typeof err === "object") {
    const e = err as { message?: string; response?: { status?: number } };
    return e.response?.status ? `HTTP ${e.response.status}: ${e.message ?? ""}` : (e.message ?? String(err));
  }
  return String(err);
}
