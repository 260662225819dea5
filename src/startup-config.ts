import fs from "node:fs";
import { ConfigError, deadlinesFileOf, loadConfig, type Config } from "./config.js";
import { DeadlinesError, parseDeadlines, type Deadline } from "./nudges/deadlines.js";
import { folderIssues } from "./startup-folders.js";

/** How a deadlines file path is written, for the messages. */
const DEADLINES_EXAMPLE = "如 DEADLINES_FILE=/opt/zwgk/deadlines.yaml";

/** Why a file could not be read, in Chinese. */
function readFailure(err: NodeJS.ErrnoException): string {
  if (err.code === "ENOENT") return "文件不存在";
  if (err.code === "EACCES" || err.code === "EPERM") return "没有读取权限";
  if (err.code === "EISDIR") return "这是一个文件夹，应为文件";
  return err.message;
}

/**
 * Reads and checks the deadlines file the environment names. A problem comes back as one
 * DEADLINES_FILE line of the configuration report (a malformed file's issues indented under it).
 */
function readDeadlinesFile(env: Record<string, string | undefined>): { deadlines: Deadline[] } | { issue: string } {
  const { file, named } = deadlinesFileOf(env);
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    const why = readFailure(err as NodeJS.ErrnoException);
    return {
      issue: named
        ? `DEADLINES_FILE：无法读取截止事项文件 ${file}（${why}），应为截止事项 YAML 文件的路径，${DEADLINES_EXAMPLE}`
        : `DEADLINES_FILE：未设置，默认的截止事项文件 ${file} 无法读取（${why}）；请检查 KNOWLEDGE_DIR，或用 DEADLINES_FILE 指定文件，${DEADLINES_EXAMPLE}`,
    };
  }
  try {
    return { deadlines: parseDeadlines(text, file) };
  } catch (err) {
    if (!(err instanceof DeadlinesError)) throw err;
    // the report lists each issue as "  - …": the file's own "  - " lines go one level under it
    return { issue: `DEADLINES_FILE：截止事项文件 ${err.message.replace(/\n/g, "\n  ")}` };
  }
}

/**
 * The configuration `npm start` runs with, and the deadlines it names: a missing, unreadable or
 * malformed deadlines file, and a folder that cannot be used (startup-folders.ts), are reported in
 * the same ConfigError as every other problem, at once, instead of leaving the officials an empty
 * list or failing later with a system error.
 * @throws ConfigError listing every problem.
 */
export function loadStartupConfig(env: Record<string, string | undefined> = process.env): { config: Config; deadlines: Deadline[] } {
  let config: Config | undefined;
  const issues: string[] = [];
  let cause: unknown;
  let hints: readonly string[] | undefined;
  try {
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    issues.push(...err.issues);
    cause = err.cause;
    hints = err.hints;
  }
  const folders = folderIssues(env);
  issues.push(...folders.issues);
  const read = readDeadlinesFile(env);
  // the default deadlines file lives in KNOWLEDGE_DIR: a wrong KNOWLEDGE_DIR is the one line to fix
  if ("issue" in read && !(folders.knowledgeDirBad && !deadlinesFileOf(env).named)) issues.push(read.issue);
  if (!config || issues.length || "issue" in read) throw new ConfigError(issues, { cause, hints: hints ?? config?.warnings });
  return { config, deadlines: read.deadlines };
}
