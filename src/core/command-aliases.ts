/**
 * Chinese names for the commands: a clerk types "/导出" or "/帮助" as readily as "/export". The
 * longest name a typed one starts with wins ("/取消订阅" is /unsubscribe, "/取消" /cancel), and
 * what follows it is the argument ("/起草征地" is /draft 征地). Only commands a deployment has
 * are reached; the rest of the table is unused there.
 */
import { readingOf } from "../knowledge/pinyin-reading.js";

const ALIASES: Record<string, readonly string[]> = {
  help: ["帮助", "说明", "菜单"],
  start: ["开始"],
  cancel: ["取消"],
  ask: ["提问"],
  draft: ["起草", "草稿", "新建"],
  done: ["保存", "完成"],
  rows: ["目录", "查看", "列表"],
  edit: ["修改", "编辑"],
  delete: ["删除"],
  export: ["导出"],
  check: ["检查", "校验"],
  subscribe: ["订阅"],
  unsubscribe: ["退订", "取消订阅"],
  deadlines: ["截止", "待办"],
  deadline: ["截止事项"],
  ack: ["已办", "办完"],
  snooze: ["推迟", "延后"],
  due: ["推算"],
  status: ["状态"],
  ledger: ["台账"],
};

const BY_LENGTH = Object.entries(ALIASES)
  .flatMap(([command, names]) => names.map((name) => ({ name, command })))
  .sort((a, b) => b.name.length - a.name.length);

/**
 * The command a Chinese command name stands for, with the argument glued to it ("起草征地" →
 * draft + 征地, then `args`); undefined when the name starts with none of the Chinese names.
 */
export function chineseCommand(name: string, args: string): { name: string; args: string } | undefined {
  const hit = BY_LENGTH.find((a) => name.startsWith(a.name));
  return hit && { name: hit.command, args: `${name.slice(hit.name.length)} ${args}`.trim() };
}

let byPinyin: Map<string, { name: string; command: string }> | undefined;

/**
 * The Chinese command name a Latin one spells in pinyin ("/qicao" typed with the input method
 * off is /起草), for a hint; undefined when it spells none.
 */
export function pinyinCommand(name: string): { name: string; command: string } | undefined {
  if (!/^[a-z]{4,}$/i.test(name)) return undefined;
  byPinyin ??= new Map(BY_LENGTH.map((a) => [readingOf(a.name).join(""), a]));
  return byPinyin.get(name.toLowerCase());
}

/**
 * The command a mistyped one was meant to be (/draftt, /dradt, /hlep): the one known command one
 * letter away (added, dropped, changed or two swapped); undefined when none or several are.
 */
export function nearCommand(name: string, known: Iterable<string>): string | undefined {
  const typed = name.toLowerCase();
  if (typed.length < 3) return undefined;
  const near = [...known].filter((k) => k !== typed && oneEditApart(typed, k));
  return near.length === 1 ? near[0] : undefined;
}

function oneEditApart(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1) || (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2));
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
