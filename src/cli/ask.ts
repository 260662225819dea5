import fs from "node:fs";
import { ConfigError, loadConfig, withDotEnv } from "../config.js";
import { createLazyLogger } from "../log.js";
import { openKnowledgeBase } from "../knowledge/knowledge-base.js";
import type { AskResult } from "../knowledge/types.js";
import { citedNumbers } from "../knowledge/citations.js";

const USAGE = "用法：npm run --silent ask -- [--json] [--top N] \"问题\"  或  --batch 文件（每行一个问题）";

interface Args {
  json: boolean;
  top: number;
  batch?: string;
  question?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { json: false, top: 3 };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--json") args.json = true;
    else if (a === "--top") {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error("--top 需要一个正整数");
      args.top = n;
    } else if (a === "--batch") {
      args.batch = argv[++i];
      if (!args.batch) throw new Error("--batch 需要一个文件路径");
    } else if (a.startsWith("--")) throw new Error(`未知参数：${a}`);
    else rest.push(a);
  }
  if (rest.length) args.question = rest.join(" ");
  if (!args.batch && !args.question?.trim()) throw new Error("请给出问题");
  return args;
}

function formatText(r: AskResult): string {
  const lines = [r.answer];
  const cited = citedNumbers(r.answer);
  if (r.citations.length) {
    lines.push("", "出处：");
    r.citations.forEach((c, i) => {
      if (!cited.size || cited.has(i + 1)) lines.push(`[${i + 1}] 《${c.title}》${c.section ? ` ${c.section}` : ""}`);
    });
  }
  return lines.join("\n");
}

/** A question file the command line cannot use; printed as one Chinese line, exit code 2 (as `validate`). */
class BatchFileError extends Error {}

/**
 * The questions of a --batch file, one per line — blank lines kept, so that output line n answers
 * input line n; a missing or unreadable file, or one with no question at all, is a BatchFileError.
 */
function readBatch(file: string): string[] {
  let text: string;
  try {
    if (!fs.statSync(file).isFile()) throw new BatchFileError(`不是文件：${file}`);
    text = fs.readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof BatchFileError) throw err;
    throw new BatchFileError(`找不到或无法打开问题文件：${file}`, { cause: err });
  }
  const questions = text.split(/\r?\n/);
  if (questions.at(-1) === "") questions.pop(); // the newline ending the last line
  if (!questions.some((l) => l.trim())) throw new BatchFileError(`问题文件是空的：${file}（每行写一个问题）`);
  return questions;
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  // Read the questions first: a bad file is reported before the knowledge base loads.
  const questions = args.batch ? readBatch(args.batch) : [args.question!];
  // the same .env as `npm start`: the answers come from the knowledge, index and model the bot uses
  const config = loadConfig(withDotEnv(process.env));
  const logger = createLazyLogger(process.env.LOG_LEVEL ?? "warn");
  const kb = await openKnowledgeBase({ config, logger });
  for (const [i, q] of questions.entries()) {
    if (!q.trim()) {
      const error = `第 ${i + 1} 行是空行，没有问题`;
      process.stdout.write(args.json ? `${JSON.stringify({ question: q, error })}\n` : `（${error}）\n\n`);
      continue;
    }
    // each line is a question of its own: what a chat keeps for a follow-up (context) is not printed
    const { context: _chatOnly, ...r } = await kb.ask(q, { top: args.top });
    process.stdout.write(args.json ? `${JSON.stringify(r)}\n` : `${formatText(r)}\n\n`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    const msg = err instanceof ConfigError || err instanceof BatchFileError ? err.message : `出错了：${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`${msg}\n`);
    process.exit(2);
  },
);
