import { pino, type Logger } from "pino";

export type { Logger };

/**
 * Creates the application logger. Logs go to stderr so that stdout stays free for
 * the console channel and for the JSON output of the command-line tools.
 */
export function createLogger(level: string = "info"): Logger {
  return pino({ level, base: undefined }, pino.destination(2));
}
