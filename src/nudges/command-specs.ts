import { DEADLINE_ADD_SYNTAX, SNOOZE_EXAMPLE, SNOOZE_EXAMPLE_MEANS } from "./command-parse.js";

/** A nudges command: name, menu description and /help line(s); the handler is handleNudgeCommand (commands.ts). */
export interface NudgeCommandSpec {
  name: string;
  description: string;
  help: string;
}

/** The nudges feature's commands, in menu and /help order. Adding one: an entry here and a case in handleNudgeCommand. */
export const NUDGE_COMMANDS: readonly NudgeCommandSpec[] = [
  {
    name: "subscribe",
    description: "订阅本群的截止提醒（群管理员）",
    help: "/subscribe [单位名称] [县级|乡级] — 订阅本群提醒，可同时登记单位名称和层级（不写层级时按名称判断：镇、乡、街道为乡级，县、区、市为县级）（群管理员）\n/subscribe 事项编号 · /unsubscribe 事项编号 — 恢复 / 停止某一事项的提醒（群管理员）",
  },
  { name: "unsubscribe", description: "取消订阅截止提醒（群管理员）", help: "/unsubscribe — 取消订阅，不再提醒；登记的单位名称和层级保留（群管理员）" },
  { name: "deadlines", description: "查看近期截止事项（按工作日倒数）", help: "/deadlines — 近期截止事项及剩余工作日" },
  {
    name: "ack",
    description: "标记本期事项已完成，不再提醒",
    help: "/ack [序号或事项编号] — 本群已完成本期事项，不再提醒。序号是本群最近一条合并提醒或 /deadlines 清单中的 1、2、3……（如 /ack 2），事项编号如 /ack monthly-ledger；都不写时指最近一条提醒（群管理员）",
  },
  {
    name: "snooze",
    description: "推迟提醒 N 个工作日",
    help: `/snooze [工作日数] [序号或事项编号] — 推迟若干个工作日再提醒（不写为 1），如 ${SNOOZE_EXAMPLE}：${SNOOZE_EXAMPLE_MEANS}；不写序号时指最近一条提醒（最迟到截止前最后一个工作日；还没提醒过且第一次提醒本来就更晚时不变；群管理员）`,
  },
  { name: "due", description: "计算自某日起 N 个工作日的截止日", help: "/due 2026-09-28 7（或 /due 9月28日 7）— 自该日起 7 个工作日内的截止日（起始日不计入）" },
  {
    name: "deadline",
    description: "添加或删除本群的截止事项（群管理员）",
    help: `${DEADLINE_ADD_SYNTAX}（群管理员）\n/deadline del 编号 — 删除本群添加的事项（群管理员）`,
  },
  { name: "status", description: "各单位本期完成情况（协调人视图）", help: "/status — 本期是否已完成（协调人可查看全部单位，其他群只显示本群）" },
  {
    name: "ledger",
    description: "月度工作台账：填报、查看、导出",
    help: "/ledger — 本月工作台账填报情况；/ledger fill — 填报（上月完成工作事项、本月工作计划、联系人、联系方式；群管理员）；/ledger export — 导出附件2格式表格（管理员；全部单位仅限协调人）",
  },
];

/** Title of the nudges' /help section. */
export const NUDGE_HELP_TITLE = "⏰ 截止提醒（按国务院节假日安排的工作日计算，北京时间）";

/** Title of the nudges' /help section when this deployment sends no reminders (NUDGES_ENABLED=false). */
export const NUDGE_HELP_TITLE_OFF = "⏰ 截止提醒（本系统管理员未开启提醒：可以查看事项、订阅和标记完成，但不会发送提醒）";
