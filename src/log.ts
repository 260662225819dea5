import { createRequire } from "node:module";
import type * as Pino from "pino";
import type { Logger } from "pino";

export type { Logger };

/** pino, loaded when the first logger is created (a command that logs nothing never loads it). */
function pinoLib(): typeof Pino {
  return createRequire(import.meta.url)("pino") as typeof Pino;
}

/**
 * Creates the application logger. Logs go to stderr so that stdout stays free for
 * the console channel and for the JSON output of the command-line tools.
 */
export function createLogger(level: string = "info"): Logger {
  const { pino } = pinoLib();
  return pino({ level, base: undefined }, pino.destination(2));
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
