/** The core's chat commands, their descriptions (setMyCommands) and the /help text. */

/** A command with its short Chinese description. */
export interface CommandInfo {
  command: string;
  description: string;
}

/** Commands handled by the core itself, in menu order. */
export const CORE_COMMANDS: readonly CommandInfo[] = [
  { command: "start", description: "开始使用，查看说明" },
  { command: "help", description: "查看全部命令" },
  { command: "ask", description: "提问：/ask 问题" },
  { command: "draft", description: "起草目录事项：/draft [领域]" },
  { command: "done", description: "保存正在起草的事项" },
  { command: "rows", description: "查看本聊天已保存的目录" },
  { command: "edit", description: "修改第N条：/edit N" },
  { command: "delete", description: "删除第N条：/delete N" },
  { command: "export", description: "导出目录 Excel 表格" },
  { command: "check", description: "检查一份目录表格（随后发送 .xlsx）" },
  { command: "cancel", description: "取消当前操作" },
];

/** The /help text: questions, drafting, files, plus any extension's section. */
export function helpText(o: { group: boolean; extensionHelp: string[] }): string {
  const lines = [
    "📘 政务公开目录助手 — 帮助编制基层政务公开事项标准目录",
    "",
    "❓ 提问",
    o.group
      ? "/ask 问题 — 在群里提问（也可以 @我 或回复我的消息）"
      : "直接发送问题即可，如“公开依据需要写到具体条款吗？”；也可以用 /ask 问题",
    "",
    "📝 起草目录",
    "/draft [领域] — 起草一个二级事项，如 /draft 农村集体土地征收；按提示逐项回答，或一次发送“公开时限：…；公开主体：…”",
    "/done — 保存（有错误不能保存，有警告需确认一次）",
    "/rows — 查看已保存的事项 · /edit N — 修改第N条 · /delete N — 删除第N条",
    "/export — 导出本聊天的目录（Excel 模板格式）",
    "/check — 检查一份目录表格：随后发送 .xlsx 文件，返回批注版报告（私聊中直接发送文件也可以）",
    "/cancel — 取消当前操作",
  ];
  if (o.group) lines.push("", "在群里，我只回应命令、@我 的消息和对我消息的回复；本群的草稿和目录只属于本群。");
  for (const h of o.extensionHelp) lines.push("", h);
  return lines.join("\n");
}
