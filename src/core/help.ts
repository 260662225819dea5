/** /help and the command menu, derived from the registered features (no second list). */
import type { CommandInfo, Feature } from "./feature.js";

const GROUP_NOTE = [
  "在群里，我只回应命令、@我 的消息和对我消息的回复；本群的草稿和目录只属于本群。",
  "👥 群内权限：查看、提问、起草新事项人人可用；修改或删除已保存的事项、更改目录领域、提醒的完成与推迟、订阅和台账填报需要群管理员；未保存的草稿只有起草人或管理员可以修改、保存或放弃。",
].join("\n");

/** The /help text: a header, then each feature's section (its title and its commands' help lines). */
export function helpText(features: readonly Feature[], o: { group: boolean }): string {
  const lines = ["📘 政务公开目录助手 — 帮助编制基层政务公开事项标准目录"];
  for (const f of features) {
    const entries = (f.commands ?? []).flatMap((c) => (c.help === undefined ? [] : [typeof c.help === "function" ? c.help(o) : c.help]));
    if (entries.length === 0) continue;
    lines.push("", ...(f.helpTitle ? [f.helpTitle] : []), ...entries);
  }
  if (o.group) lines.push("", GROUP_NOTE);
  return lines.join("\n");
}

/** Every command for a channel's menu (setMyCommands), in registration order; the first registration of a name wins. */
export function commandMenu(features: readonly Feature[]): CommandInfo[] {
  const seen = new Set<string>();
  return features
    .flatMap((f) => f.commands ?? [])
    .filter((c) => !seen.has(c.name) && seen.add(c.name))
    .map((c) => ({ command: c.name, description: c.description }));
}
