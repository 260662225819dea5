/**
 * Start-up checks of the folders the configuration names: DATA_DIR must be a folder the program
 * can write (it is created when missing), KNOWLEDGE_DIR an existing folder, and PROMPTS_DIR must
 * hold the prompts when a model is configured. Each problem is one line of the configuration
 * report, in Chinese, instead of a system error (or a hang) once the bot starts.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { foldersOf, PACKAGE_ROOT } from "./config.js";

/** The prompts a configured model reads at start or on the first question. */
const CHAT_PROMPTS = ["answer.md", "rewrite.md", "rerank.md", "extract-row.md"];

/** The account the program runs as, for "no permission" messages ("" when it cannot be told). */
function runningUser(): string {
  try {
    return `，本程序以用户 ${os.userInfo().username} 运行`;
  } catch {
    return "";
  }
}

/** Why a folder could not be created or written, in Chinese. */
function writeFailure(err: NodeJS.ErrnoException): string {
  if (err.code === "EACCES" || err.code === "EPERM") return `没有写入权限${runningUser()}`;
  if (err.code === "EROFS") return "所在的文件系统是只读的";
  if (err.code === "EEXIST" || err.code === "ENOTDIR") return "这是一个文件，应为文件夹";
  if (err.code === "ENOENT") return "无法在这个位置创建文件夹";
  return err.message;
}

/**
 * Creates `dir` and its missing parents one by one. Not `mkdirSync(…, { recursive: true })`: under
 * a folder where nothing can be created (/proc) Node's recursive mkdir never returns.
 */
function makeFolder(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) {
    missing.unshift(d);
    if (path.dirname(d) === d) break;
  }
  for (const d of missing) fs.mkdirSync(d);
  if (!fs.statSync(dir).isDirectory()) throw Object.assign(new Error(`not a folder: ${dir}`), { code: "ENOTDIR" });
}

/** DATA_DIR: created when missing, then written once (a probe file, removed again). */
function dataDirIssue(dir: string): string | undefined {
  try {
    makeFolder(dir);
    const probe = path.join(dir, `.zwgk-write-check-${process.pid}`);
    fs.writeFileSync(probe, "");
    fs.rmSync(probe, { force: true });
    return undefined;
  } catch (err) {
    const why = writeFailure(err as NodeJS.ErrnoException);
    return `DATA_DIR：数据目录 ${dir} 无法使用（${why}）。数据库、知识索引、日志和导出的文件都写在这里，请改为本程序可以写入的文件夹，如 DATA_DIR=/var/lib/zwgk，或给运行本程序的用户写入权限`;
  }
}

/** KNOWLEDGE_DIR: an existing folder. */
function knowledgeDirIssue(dir: string): string | undefined {
  const stat = fs.statSync(dir, { throwIfNoEntry: false });
  if (stat?.isDirectory()) return undefined;
  const why = stat ? "这是一个文件，应为文件夹" : "文件夹不存在";
  return `KNOWLEDGE_DIR：知识库目录 ${dir} 无法使用（${why}），应为知识库文件夹（程序自带的是 ${path.join(PACKAGE_ROOT, "knowledge")}，不设置即用它），如 KNOWLEDGE_DIR=/opt/zwgk/knowledge`;
}

/** PROMPTS_DIR: only read with a model configured; then it must hold the chat prompts. */
function promptsDirIssue(dir: string, env: Record<string, string | undefined>): string | undefined {
  const provider = env.LLM_PROVIDER?.trim();
  if (provider !== "openai" && provider !== "ollama") return undefined;
  const missing = CHAT_PROMPTS.filter((name) => !fs.statSync(path.join(dir, name), { throwIfNoEntry: false })?.isFile());
  if (!missing.length) return undefined;
  return `PROMPTS_DIR：使用大模型时需要提示词文件，${dir} 中缺少 ${missing.join("、")}（程序自带的在 ${path.join(PACKAGE_ROOT, "prompts")}，不设置即用它），如 PROMPTS_DIR=/opt/zwgk/prompts`;
}

/** One line per folder that cannot be used; knowledgeDirBad tells whether KNOWLEDGE_DIR is one of them. */
export function folderIssues(env: Record<string, string | undefined>): { issues: string[]; knowledgeDirBad: boolean } {
  const { dataDir, knowledgeDir, promptsDir } = foldersOf(env);
  const knowledge = knowledgeDirIssue(knowledgeDir);
  const issues = [dataDirIssue(dataDir), knowledge, promptsDirIssue(promptsDir, env)].filter((i): i is string => i !== undefined);
  return { issues, knowledgeDirBad: knowledge !== undefined };
}
