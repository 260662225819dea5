import type { Outbox, Reply } from "../core/types.js";
import type { Logger } from "../log.js";
import type { Db } from "../store/db.js";
import type { IsoDate } from "./calendar.js";
import type { JobKind } from "./collect.js";
import type { Deadline } from "./deadlines.js";
import type { DeliveryFailure } from "./reminder-store.js";

/**
 * The nudge engine's options and outcomes, and how a send failure is classified (the scheduler
 * in scheduler.ts uses them; channels shape their errors for classifyDeliveryError).
 */

/** What the nudge engine needs. */
export interface NudgeOptions {
  db: Db;
  /** Deadlines from knowledge/deadlines.yaml (chat-added ones are read from the database). */
  deadlines: readonly Deadline[];
  outbox: Outbox;
  logger: Logger;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Deadline whose nudges ask for the monthly ledger (default "monthly-ledger"). */
  ledgerDeadlineId?: string;
  /** A nudge sent more than this many minutes after its time is marked late (default 10). */
  graceMinutes?: number;
  /** Attempts per delivery when the outbox fails (default 3). */
  maxAttempts?: number;
  /**
   * Proactive messages a chat may get per Beijing day, from the capabilities of the channel
   * owning it (e.g. WeCom: 10); undefined = no limit. Each digest counts one.
   */
  proactiveQuota?: (chatId: string) => number | undefined;
  /**
   * How many platform messages a digest makes on the chat's channel (a long text is split, each
   * file is one message); the quota counts those. Default: one per digest.
   */
  proactiveParts?: (chatId: string, replies: Reply[]) => number;
  /**
   * What to do at start with nudges left `sending` by a crash mid-send: "resend" them once,
   * marked “（补发，如已收到请忽略）” (default), or only "report" them in the log.
   */
  recovery?: "resend" | "report";
}

/** One nudge delivered (or attempted) by a tick. */
export interface TickSend {
  chatId: string;
  deadline: string;
  due: IsoDate;
  /**
   * "offset": a scheduled reminder; "retry": again after a failed attempt; "snooze": the
   * reminder ending a /snooze; "resend": again, marked, after a crash mid-send.
   */
  kind: JobKind;
  /** The reminder offset sent (for "snooze", the latest one folded into it, if any). */
  offset?: number;
  late: boolean;
  ok: boolean;
  /** Why it failed (absent when ok); only "retryable" failures are attempted again. */
  failure?: DeliveryFailure;
}

/**
 * Classifies an outbox error without knowing the channel: an error carrying a numeric
 * `error_code` (as the Telegram Bot API's, e.g. grammY's GrammyError) was answered by the
 * server, so the message surely was not delivered: 429 and 5xx may be retried, other codes are
 * refused for good. Anything else (network error, timeout) may have been delivered after all,
 * so it is "unknown" and never retried, to keep "at most once".
 */
export function classifyDeliveryError(err: unknown): DeliveryFailure {
  const code = typeof err === "object" && err !== null ? (err as { error_code?: unknown }).error_code : undefined;
  if (typeof code !== "number" || !Number.isInteger(code)) return "unknown";
  return code === 429 || (code >= 500 && code < 600) ? "retryable" : "rejected";
}
