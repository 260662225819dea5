/**
 * `npm run questions -- suggest knowledge/docs/X.md [--out 文件]`: with an LLM configured, drafts
 * the questions each passage of a document answers, in the knowledge/questions/ format, for a
 * person to review. Writes to stdout (or a new file); never into the question index itself.
 */
import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, withDotEnv } from "../config.js";
import { draftsToYaml, suggestQuestions } from "../knowledge/suggest-questions.js";
import { createChatModel } from "../llm/provider.js";

const USAGE = "用法：npm run --silent questions -- suggest knowledge/docs/文件.md [--out 待审核文件.yaml]";

const NO_LLM =
  "未配置大模型（LLM_PROVIDER=none），无法自动起草问题。\n" +
  "请设置 LLM_PROVIDER、LLM_BASE_URL、LLM_MODEL 后重试（见 .env.example），" +
  "或参照 knowledge/questions/ 中已有的文件手工编写该文件的问题。";

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== "suggest") {
    process.stderr.write(`${command ? `未知子命令：${command}\n` : ""}${USAGE}\n`);
    return 2;
  }
  let file: string | undefined;
  let out: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === "--out") out = rest[++i];
    else if (a.startsWith("--")) {
      process.stderr.write(`未知参数：${a}\n${USAGE}\n`);
      return 2;
    } else file = a;
  }
  if (!file || (rest.includes("--out") && !out)) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    process.stderr.write(`找不到文件：${file}\n`);
    return 2;
  }
  if (out && fs.existsSync(out)) {
    process.stderr.write(`文件已存在：${out}（为免覆盖已审核的问题，请换一个文件名）\n`);
    return 2;
  }
  const config = loadConfig(withDotEnv(process.env));
  const model = await createChatModel(config);
  if (!model || config.llm.provider === "none") {
    process.stderr.write(`${NO_LLM}\n`);
    return 1;
  }
  const drafts = await suggestQuestions({
    model,
    prompt: fs.readFileSync(path.join(config.promptsDir, "suggest-questions.md"), "utf8"),
    content: fs.readFileSync(file, "utf8"),
    fileName: path.basename(file),
    timeoutMs: config.llm.timeoutMs,
    onPassage: (done, total) => process.stderr.write(`\r起草中 ${done}/${total} 段`),
  });
  process.stderr.write("\n");
  const note =
    ` 由大模型（${config.llm.model}）起草，未经审核。请逐条核对：问题确由该段落回答、像基层工作人员的问法；` +
    `删改后再保存为 knowledge/questions/${drafts.doc}.yaml。`;
  const yaml = draftsToYaml(drafts, note);
  if (out) fs.writeFileSync(out, yaml, { flag: "wx" });
  else process.stdout.write(yaml);
  const failed = drafts.passages.filter((p) => p.failed).length;
  const count = drafts.passages.reduce((n, p) => n + p.questions.length, 0);
  process.stderr.write(`共 ${drafts.passages.length} 段，起草 ${count} 个问题${failed ? `，${failed} 段未能起草（见文件中的注释）` : ""}${out ? `，已写入 ${out}` : ""}。\n`);
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const msg = err instanceof ConfigError ? err.message : `出错了：${err instanceof Error ? err.message : String(err)}`;
    process.stderr.write(`${msg}\n`);
    process.exit(2);
  },
);
