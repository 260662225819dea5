import fs from "node:fs";
import { createRequire } from "node:module";
import type * as Pino from "pino";
import type { Logger } from "pino";

export type { Logger };

/** pino, loaded when the first logger is created (a command that logs nothing never loads it). */
function pinoLib(): typeof Pino {
  return createRequire(import.meta.url)("pino") as typeof Pino;
}

/** A log file larger than this when a logger opens it is set aside as <file>.1 (10 MiB). */
export const LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;

/**
 * Renames `file` to `<file>.1` (replacing an older one) when it is larger than `maxBytes`, so a
 * log appended to run after run cannot grow without bound; one older file is kept.
 * @returns true when the file was set aside (false when absent, small enough, or not renamable).
 */
export function rotateLogFile(file: string, maxBytes = LOG_FILE_MAX_BYTES): boolean {
  try {
    if (fs.statSync(file).size <= maxBytes) return false;
    fs.renameSync(file, `${file}.1`);
    return true;
  } catch {
    // absent (a first run), or the folder is read-only: logging goes on into the file as it is
    return false;
  }
}

/**
 * Creates the application logger. Logs go to stderr so that stdout stays free for the JSON
 * output of the command-line tools — or, given `file`, to that file (appended; its folder is
 * created; set aside first when over LOG_FILE_MAX_BYTES, see rotateLogFile): the console chat
 * uses one, so that log lines do not appear in the conversation.
 */
export function createLogger(level: string = "info", file?: string): Logger {
  const { pino } = pinoLib();
  if (file) rotateLogFile(file);
  return pino({ level, base: undefined }, pino.destination(file ? { dest: file, mkdir: true, sync: true } : 2));
}

/**
 * The same logger, created on first use: for one-shot commands (`ask`), where loading pino
 * is a noticeable part of the start and most runs log nothing.
 */
export function createLazyLogger(level: string = "info"): Logger {
  let logger: Logger | undefined;
  return new Proxy({} as Logger, {
    get(_, name) {
      logger ??= createLogger(level);
      const value: unknown = Reflect.get(logger, name, logger);
      return typeof value === "function" ? value.bind(logger) : value;
    },
  });
}
