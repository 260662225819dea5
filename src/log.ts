import { createRequire } from "node:module";
import type * as Pino from "pino";
import type { Logger } from "pino";

export type { Logger };

/** pino, loaded when the first logger is created (a command that logs nothing never loads it). */
function pinoLib(): typeof Pino {
  return createRequire(import.meta.url)("pino") as typeof Pino;
}

/**
 * Creates the application logger. Logs go to stderr so that stdout stays free for the JSON
 * output of the command-line tools — or, given `file`, to that file (appended; its folder is
 * created): the console chat uses one, so that log lines do not appear in the conversation.
 */
export function createLogger(level: string = "info", file?: string): Logger {
  const { pino } = pinoLib();
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
