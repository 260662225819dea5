import type { Reply } from "../core/types.js";
import { nudgeButtons } from "./buttons.js";
import {
  calendarCoverage,
  dayInfo,
  formatDateCn,
  isCovered,
  lastWorkdayOnOrBefore,
  nonWorkdayLabel,
  shanghaiNow,
  weekdayName,
  workdaysUntil,
  type IsoDate,
} from "./calendar.js";
import type { Deadline } from "./deadlines.js";
import { ACK_EXAMPLE, ACK_SYNTAX, SNOOZE_EXAMPLE, SNOOZE_EXAMPLE_MEANS, SNOOZE_SYNTAX } from "./command-parse.js";
import { canPostpone } from "./snooze.js";

/** Notice used wherever dates lie past the published holiday schedules. */
export const UNCOVERED_NOTE = "节假日安排尚未公布，按周一至周五推算（元旦、春节、清明节、劳动节、端午节、中秋节、国庆节按法定日期推算，调休未计）";

/**
 * Said wherever reminders are promised when this deployment has them turned off
 * (NUDGES_ENABLED=false): what a chat sets is kept, but nothing is sent until they are on.
 */
export const REMINDERS_OFF_NOTE = "⚠️ 本系统管理员未开启截止提醒（NUDGES_ENABLED=false）：订阅、推迟等设置照常记录，但目前不会发送任何提醒，开启后才会发送。";

/** "2026年10月5日（周一）". */
export function dateWithWeekday(date: IsoDate): string {
  return `${formatDateCn(date)}（${weekdayName(date)}）`;
}

/** "YYYY-MM" → "2026年6月". */
export function monthCn(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
}

/** The month before "YYYY-MM". */
export function previousMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/**
 * The name of a month's ledger. The ledger of month M is due on M's 5th and reports the
 * previous month's progress and M's plan (粤府办通知 三、: “每月5日前将上一月份的工作进展情况及当月工作计划…上报”).
 */
export function ledgerTitle(month: string): string {
  return `${monthCn(month)}工作台账（${monthCn(previousMonth(month))}工作进展、${monthCn(month)}工作计划）`;
}

/** Working-day countdown from `today` to a due date, in Chinese. */
export function countdownText(today: IsoDate, due: IsoDate): string {
  if (today > due) return "已过截止日期";
  if (today === due) return "今天截止";
  const w0 = lastWorkdayOnOrBefore(due).date;
  if (today === w0) return "今天是截止前最后一个工作日";
  if (today > w0) return "截止前已无工作日";
  const { days } = workdaysUntil(today, due);
  return `还有 ${days} 个工作日（不含今天）`;
}

/** Notes on a due date: it falls on a holiday / weekend; the calendar data does not cover it. */
export function dueNotes(today: IsoDate, due: IsoDate): string[] {
  const notes: string[] = [];
  if (!dayInfo(due).workday) {
    const w0 = lastWorkdayOnOrBefore(due).date;
    notes.push(`截止日 ${formatDateCn(due)} 适逢${nonWorkdayLabel(due)}，请在${dateWithWeekday(w0)}前办结。`);
  }
  if (!isCovered(due) || !isCovered(today)) {
    const year = calendarCoverage().lastYear + 1;
    notes.push(`${year}年起${UNCOVERED_NOTE}，如有调整以国务院办公厅通知为准。`);
  }
  return notes;
}

/** What the scheduler sends for one occurrence in one chat. */
export interface NudgeMessage {
  deadline: Deadline;
  due: IsoDate;
  now: Date;
  /** Delivered late: the time it was due to be sent. */
  lateSince?: Date;
  /** Late because the chat's daily message quota was used up that day (else: the bot was down). */
  deferred?: boolean;
  /** Sent again after a /snooze. */
  afterSnooze?: boolean;
  /** Sent again after the bot stopped while sending it (it may have arrived). */
  resent?: boolean;
  /** The deadline is the monthly ledger: ask for it (month "YYYY-MM"); reported = already filled in. */
  ledger?: { month: string; reported: boolean };
}

/** Marks a nudge resent after the bot stopped while sending it (it may have arrived). */
export const RESENT_MARK = "（补发，如已收到请忽略）";

function lateNote(m: NudgeMessage): string {
  if (m.resent) return RESENT_MARK.slice(1, -1);
  if (!m.lateSince) return m.afterSnooze ? "推迟后再次提醒" : "";
  const { date, time } = shanghaiNow(m.lateSince);
  return m.deferred ? `顺延：原定 ${date.slice(5)} ${time} 发送，当日提醒条数已达平台上限` : `迟发：原定 ${date.slice(5)} ${time} 发送，系统停机后补发`;
}

function itemLines(m: NudgeMessage): string[] {
  const today = shanghaiNow(m.now).date;
  const lines = [
    `事项：${m.deadline.title}`,
    `截止日期：${dateWithWeekday(m.due)}，${countdownText(today, m.due)}`,
    `依据：${m.deadline.source}${m.deadline.region ? `（${m.deadline.region}）` : ""}`,
    ...(m.deadline.dateNote ? [m.deadline.dateNote] : []),
    ...dueNotes(today, m.due),
  ];
  if (m.ledger) {
    lines.push(
      m.ledger.reported
        ? `本单位${monthCn(m.ledger.month)}工作台账已填报；如需修改请发送 /ledger fill。`
        : `请填报${ledgerTitle(m.ledger.month)}：点“填报台账”或发送 /ledger fill，按提示依次回答 上月完成工作事项、本月工作计划、联系人、联系方式（填报后自动标记为已完成）。`,
    );
  }
  return lines;
}

function ledgerButton(m: NudgeMessage): { label: string; data: string }[][] {
  return m.ledger ? [[{ label: "📝 填报台账", data: nudgeButtons.pack({ kind: "ledger", month: m.ledger.month }) }]] : [];
}

/** The Chinese nudge text with its buttons (one occurrence). */
export function nudgeReplies(m: NudgeMessage): Reply[] {
  const note = lateNote(m);
  const head = `⏰ 截止提醒${note ? `（${note}）` : ""}`;
  const buttons = [
    [
      { label: "✅ 已完成", data: nudgeButtons.pack({ kind: "ack", deadlineId: m.deadline.id, due: m.due }) },
      ...(canPostpone(m.due, m.now) ? [{ label: "⏰ 推迟1个工作日", data: nudgeButtons.pack({ kind: "snooze", deadlineId: m.deadline.id, due: m.due, days: 1 }) }] : []),
    ],
    ...ledgerButton(m),
  ];
  const lines = [head, ...itemLines(m), `办结后请点“已完成”或发送 /ack${canPostpone(m.due, m.now) ? "；需要推迟请发送 /snooze 工作日数（如 /snooze 2）" : ""}。`];
  return [{ text: lines.join("\n"), choices: buttons }];
}

/**
 * Everything due for one chat in one message: one occurrence reads as nudgeReplies; several
 * are numbered, each with its own buttons and notes (late, deferred, resent after a crash).
 */
export function nudgeDigest(messages: readonly NudgeMessage[]): Reply[] {
  if (messages.length === 1) return nudgeReplies(messages[0] as NudgeMessage);
  const lines = [`⏰ 截止提醒（共 ${messages.length} 项）`];
  const buttons: { label: string; data: string }[][] = [];
  messages.forEach((m, i) => {
    const note = lateNote(m);
    const [first, ...rest] = itemLines(m);
    lines.push("", `${i + 1}. ${first}${note ? `（${note}）` : ""}`, ...rest.map((l) => `   ${l}`), `   事项编号：${m.deadline.id}`);
    buttons.push([
      { label: `✅ ${i + 1} 已完成`, data: nudgeButtons.pack({ kind: "ack", deadlineId: m.deadline.id, due: m.due }) },
      ...(canPostpone(m.due, m.now) ? [{ label: `⏰ ${i + 1} 推迟1个工作日`, data: nudgeButtons.pack({ kind: "snooze", deadlineId: m.deadline.id, due: m.due, days: 1 }) }] : []),
    ]);
    buttons.push(...ledgerButton(m));
  });
  const postpone = messages.some((m) => canPostpone(m.due, m.now)) ? `；需要推迟请发送 ${SNOOZE_SYNTAX}（如 ${SNOOZE_EXAMPLE}：${SNOOZE_EXAMPLE_MEANS}）` : "";
  lines.push("", `办结后请点对应的“已完成”或发送 ${ACK_SYNTAX}（如 ${ACK_EXAMPLE}）${postpone}。`);
  return [{ text: lines.join("\n"), choices: buttons }];
}
