/** `npm run bench`: runs every bench section in its own process (so each reports its own peak RSS). */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const sections = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && !f.startsWith("_"))
  .map((f) => f.replace(/\.ts$/, ""))
  .filter((s) => !only.length || only.includes(s))
  .sort();

console.log(`# zwgk-assistant bench — ${new Date().toISOString().slice(0, 10)}\n`);
console.log(`机器：${os.cpus()[0]?.model ?? "?"} × ${os.cpus().length}，内存 ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB，Node ${process.version}，${os.platform()} ${os.arch()}\n`);
for (const s of sections) {
  const started = performance.now();
  try {
    const out = execFileSync(process.execPath, ["--import", "tsx", path.join(dir, `${s}.ts`)], {
      cwd: path.dirname(dir),
      env: { ...process.env, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "inherit"],
      maxBuffer: 64 * 1024 * 1024,
    });
    console.log(out.toString("utf8").trimEnd());
  } catch (err) {
    console.log(`## ${s}\n\n运行失败：${(err as Error).message.split("\n")[0]}`);
    process.exitCode = 1;
  }
  console.log(`\n（${s}：${((performance.now() - started) / 1000).toFixed(1)} s）\n`);
}
