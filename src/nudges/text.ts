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

/** Notice used wherever dates lie past the published holiday schedules. */
export const UNCOVERED_NOTE = "节假日安排尚未公布，按周一至周五推算";

/** "2026年10月5日（周一）". */
export function dateWithWeekday(date: IsoDate): string {
  return `${formatDateCn(date)}（${weekdayName(date)}）`;
}

/** "YYYY-MM" → "2026年6月". */
export function monthCn(month: string): string {
  return `${Number(month.slice(0, 4))}年${Number(month.slice(5, 7))}月`;
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
  /** Delivered late, after downtime: the time it was due to be sent. */
  lateSince?: Date;
  /** Sent again after a /snooze. */
  afterSnooze?: boolean;
  /** The deadline is the monthly ledger: ask for it (month "YYYY-MM"); reported = already filled in. */
  ledger?: { month: string; reported: boolean };
}

/** The Chinese nudge text with its buttons. */
export function nudgeReplies(m: NudgeMessage): Reply[] {
  const today = shanghaiNow(m.now).date;
  const head = m.lateSince
    ? `⏰ 截止提醒（迟发：原定 ${shanghaiNow(m.lateSince).date.slice(5)} ${shanghaiNow(m.lateSince).time} 发送，系统停机后补发）`
    : m.afterSnooze
      ? "⏰ 截止提醒（推迟后再次提醒）"
      : "⏰ 截止提醒";
  const lines = [
    head,
    `事项：${m.deadline.title}`,
    `截止日期：${dateWithWeekday(m.due)}，${countdownText(today, m.due)}`,
    `依据：${m.deadline.source}`,
    ...dueNotes(today, m.due),
  ];
  const buttons = [
    [
      { label: "✅ 已完成", data: nudgeButtons.pack({ kind: "ack", deadlineId: m.deadline.id, due: m.due }) },
      { label: "⏰ 推迟1个工作日", data: nudgeButtons.pack({ kind: "snooze", deadlineId: m.deadline.id, due: m.due, days: 1 }) },
    ],
  ];
  if (m.ledger) {
    lines.push(
      m.ledger.reported
        ? `本单位${monthCn(m.ledger.month)}工作台账已填报；如需修改请发送 /ledger fill。`
        : `请填报${monthCn(m.ledger.month)}工作台账：点“填报台账”或发送 /ledger fill，按提示依次回答 上月完成工作事项、本月工作计划、联系人、联系方式（填报后自动标记为已完成）。`,
    );
    buttons.push([{ label: "📝 填报台账", data: nudgeButtons.pack({ kind: "ledger", month: m.ledger.month }) }]);
  }
  lines.push("办结后请点“已完成”或发送 /ack；需要推迟请发送 /snooze 工作日数。");
  return [{ text: lines.join("\n"), choices: buttons }];
}
