/**
 * Bench: start-up as a user meets it. Cold `npm run --silent ask -- "…"` (a new process through
 * npm, as the README says, on the compiled dist/) against the floor a developer would write
 * (bench/ask-floor.mjs: MiniSearch + jieba over the same passages, indexed at start, one
 * question), paired and alternated, medians of RUNS; and the memory of the whole `npm start`
 * process tree (npm, sh, node) idle at the console. Needs a build (`npm run bench` builds first).
 */
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadKnowledge } from "../src/knowledge/ingest.js";

const RUNS = 7;
const QUESTION = "公开依据需要写到具体条款吗？";
const root = path.resolve(import.meta.dirname, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "startup-bench-"));
const env = { ...process.env, DATA_DIR: path.join(dir, "data"), LOG_LEVEL: "silent", LLM_PROVIDER: "none" };
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

function timed(cmd: string, args: string[]): number {
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: "utf8" });
  const ms = performance.now() - t;
  if (r.status !== 0 || !r.stdout.includes("出处")) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  return ms;
}

/** Resident memory (KiB) of a process and all its descendants, from /proc (Linux). */
function treeRss(pid: number): { total: number; parts: string[] } {
  const parts: string[] = [];
  let total = 0;
  const visit = (p: number) => {
    const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
    const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const name = /Name:\s+(\S+)/.exec(status)?.[1] ?? "?";
    total += rss;
    parts.push(`${name} ${Math.round(rss / 1024)} MB`);
    for (const task of fs.readdirSync(`/proc/${p}/task`)) {
      const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
      for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
    }
  };
  visit(pid);
  return { total, parts };
}

/**
 * Starts `npm start` at the console, waits until it is idle at its prompt, measures the tree, ends it.
 * The tree runs in its own process group and is killed on every way out (done, failure, timeout,
 * Ctrl-C, the bench killed): an orphaned `npm start` would spin on the shared machine.
 */
async function idleStart(): Promise<{ total: number; parts: string[] }> {
  const child = spawn(npm, ["start"], { cwd: root, env, stdio: ["pipe", "pipe", "pipe"], detached: true });
  const stop = () => {
    try {
      process.kill(-(child.pid as number), "SIGKILL");
    } catch {
      // already gone
    }
  };
  const interrupted = () => {
    stop();
    process.exit(130);
  };
  process.once("exit", stop);
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  try {
    let out = "";
    child.stdout.on("data", (c: Buffer) => (out += c.toString("utf8")));
    const deadline = Date.now() + 120_000;
    while (!out.includes("您好") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (!out.includes("您好")) throw new Error("npm start did not greet within 120 s");
    await new Promise((r) => setTimeout(r, 5000)); // idle: the first nudge tick and start-up garbage settle
    const m = treeRss(child.pid as number);
    child.stdin.end();
    await Promise.race([new Promise((r) => child.on("close", r)), new Promise((r) => setTimeout(r, 10_000))]);
    return m;
  } finally {
    stop();
    process.off("exit", stop);
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  }
}

const rows: string[][] = [];
try {
  const passages = path.join(dir, "passages.json");
  const k = loadKnowledge(path.join(root, "knowledge"));
  fs.writeFileSync(passages, JSON.stringify(k.chunks.map((c) => ({ title: c.title, section: c.section, text: c.text }))));
  timed(npm, ["run", "--silent", "ask", "--", QUESTION]); // builds the index under DATA_DIR once, as the first run after install does
  const project: number[] = [];
  const floor: number[] = [];
  const direct: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const pair = [() => project.push(timed(npm, ["run", "--silent", "ask", "--", QUESTION])), () => floor.push(timed(process.execPath, ["bench/ask-floor.mjs", passages, QUESTION]))];
    if (r % 2) pair.reverse();
    pair.forEach((f) => f());
    direct.push(timed(process.execPath, ["dist/cli/ask.js", QUESTION]));
  }
  const p = median(project);
  const f = median(floor);
  rows.push([`cold \`npm run --silent ask -- "${QUESTION}"\` vs floor \`node bench/ask-floor.mjs\` (${k.chunks.length} passages)`, `${p.toFixed(0)} ms`, `${f.toFixed(0)} ms`, `${(p / f).toFixed(2)}×`, `≤ 2× required; \`node dist/cli/ask.js\` without npm: ${median(direct).toFixed(0)} ms`]);
  if (process.platform === "linux") {
    const m = await idleStart();
    rows.push(["`npm start` idle at the console: RSS of the whole process tree", `${Math.round(m.total / 1024)} MB`, "250 MB budget", `${(m.total / 1024 / 250).toFixed(2)}×`, m.parts.join(" + ")]);
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}

process.stdout.write(
  [
    "## Start-up",
    "",
    `Through npm as the README says, on the compiled dist/ (knowledge index already built under DATA_DIR, as after the first run). Medians of ${RUNS} paired, alternated runs.`,
    "",
    "| what | project | floor / budget | ratio | notes |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
  ].join("\n"),
);
