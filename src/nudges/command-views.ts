import { appliesTo, subscriptionLevel } from "./unit-level.js";
import {
  addWorkdays,
  dayInfo,
  fromDayNumber,
  isCovered,
  toDayNumber,
  type IsoDate,
} from "./calendar.js";
import { ACK_EXAMPLE, ACK_SYNTAX, SNOOZE_EXAMPLE, SNOOZE_EXAMPLE_MEANS, SNOOZE_SYNTAX } from "./command-parse.js";
import { basisText, describeSchedule, type Deadline } from "./deadlines.js";
import type { LedgerEntry } from "./ledger-store.js";
import type { NumberedItem } from "./numbering-store.js";
import { nextDue } from "./plan.js";
import { occurrenceKey, type ReminderStore } from "./reminder-store.js";
import type { ChatUnit, Subscription, SubscriptionStore } from "./subscription-store.js";
import { countdownText, dateWithWeekday, dueNotes, monthCn, REMINDERS_OFF_NOTE, UNCOVERED_NOTE } from "./text.js";

/** The next occurrence of each deadline (due ≥ today), soonest first. */
export function upcoming(deadlines: readonly Deadline[], today: IsoDate): { deadline: Deadline; due: IsoDate }[] {
  const out: { deadline: Deadline; due: IsoDate }[] = [];
  for (const d of deadlines) {
    const due = nextDue(d, today);
    if (due) out.push({ deadline: d, due });
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.deadline.id < b.deadline.id ? -1 : 1));
}

/** "依据：…（广东）" and, when the date is the assistant's default, the note saying so. */
function basisLines(d: Deadline): string[] {
  return [`依据：${basisText(d)}`, ...(d.dateNote ? [d.dateNote] : [])];
}

/** The unit's name, or a placeholder with the chat id. */
export function unitLabel(sub: Pick<Subscription, "chatId" | "unitName"> | undefined, chatId: string): string {
  return sub?.unitName ?? `群 ${chatId}（未登记单位名称）`;
}

/**
 * /deadlines: upcoming occurrences with a working-day countdown and this chat's state, numbered;
 * `items` are the numbered occurrences in order (what /ack 2 then means).
 * @param remindersOn false when this deployment sends no reminders: the list then says so instead of promising them.
 */
export function deadlinesView(
  subStore: SubscriptionStore,
  store: ReminderStore,
  chatId: string,
  all: readonly Deadline[],
  muted: ReadonlySet<string>,
  today: IsoDate,
  remindersOn = true,
): { text: string; items: NumberedItem[] } {
  const sub = subStore.subscription(chatId);
  const acks = store.acks(today);
  const snoozes = store.snoozes(today);
  // the level the chat told us holds after /unsubscribe too
  const unit = subStore.unit(chatId);
  const level = subscriptionLevel(unit);
  const items = upcoming(all.filter((d) => appliesTo(d, level)), today).slice(0, 30);
  if (!items.length) return { text: remindersOn ? "目前没有待办的截止事项。" : `目前没有待办的截止事项。\n${REMINDERS_OFF_NOTE}`, items: [] };
  const lines = [`📅 近期截止事项（今天 ${dateWithWeekday(today)}，按工作日倒数${level ? `；本群为${level}单位，只列适用于${level}的事项` : ""}）：`];
  items.forEach(({ deadline: d, due }, i) => {
    const key = occurrenceKey(chatId, d.id, due);
    const state = acks.has(key)
      ? " ✅本群已完成"
      : muted.has(d.id)
        ? " 🔕已停止提醒"
        : snoozes.get(key)
          ? ` 💤推迟至${snoozes.get(key)?.until.slice(5)}`
          : "";
    lines.push(`${i + 1}. [${d.id}] ${d.title}（${describeSchedule(d.schedule)}）${state}`);
    lines.push(`   截止 ${dateWithWeekday(due)}，${countdownText(today, due)}`);
    lines.push(...basisLines(d).map((l) => `   ${l}`));
    for (const n of dueNotes(today, due)) lines.push(`   ${n}`);
  });
  lines.push(
    sub
      ? `完成后发送 ${ACK_SYNTAX}（如 ${ACK_EXAMPLE}）；推迟提醒发送 ${SNOOZE_SYNTAX}（如 ${SNOOZE_EXAMPLE}：${SNOOZE_EXAMPLE_MEANS}）。序号按本次列出的顺序，也可写方括号中的事项编号。`
      : unit?.unitName
        ? `本群已取消订阅提醒：管理员发送 /subscribe 即可恢复（沿用单位名称“${unit.unitName}”${level ? `和层级（${level}）` : ""}）。`
        : `本群尚未订阅提醒：管理员发送 /subscribe 单位名称 即可${remindersOn ? "按期收到提醒" : "订阅"}。`,
  );
  if (!remindersOn) lines.push(REMINDERS_OFF_NOTE);
  return { text: lines.join("\n"), items: items.map(({ deadline, due }) => ({ deadlineId: deadline.id, due })) };
}

/**
 * /status: for the current occurrence of each deadline, which subscribed units have
 * acknowledged it — every unit for a coordinator, or only chat `onlyChatId` when given.
 */
export function statusView(
  subStore: SubscriptionStore,
  store: ReminderStore,
  deadlines: readonly Deadline[],
  mutes: Map<string, Set<string>>,
  today: IsoDate,
  onlyChatId?: string,
): string {
  const subs = subStore.subscriptions().filter((s) => onlyChatId === undefined || s.chatId === onlyChatId);
  if (!subs.length) return onlyChatId === undefined ? "还没有群订阅截止提醒。" : "本群尚未订阅截止提醒。";
  const acks = store.acks(today);
  const lines = [onlyChatId === undefined ? "📋 各单位完成情况（当前一期）：" : "📋 本群完成情况（当前一期）："];
  for (const { deadline: d, due } of upcoming(deadlines, today)) {
    const targets = subs.filter((s) => !mutes.get(s.chatId)?.has(d.id) && appliesTo(d, subscriptionLevel(s)));
    if (!targets.length) continue;
    const done = targets.filter((s) => acks.has(occurrenceKey(s.chatId, d.id, due)));
    lines.push("", `[${d.id}] ${d.title}`, `截止 ${dateWithWeekday(due)}，${countdownText(today, due)}；已完成 ${done.length}/${targets.length}`, ...basisLines(d));
    for (const s of targets) {
      const a = acks.get(occurrenceKey(s.chatId, d.id, due));
      lines.push(a ? `  ✅ ${unitLabel(s, s.chatId)}（${a.by}）` : `  ⏳ ${unitLabel(s, s.chatId)}`);
    }
  }
  return lines.length > 1 ? lines.join("\n") : "订阅的群目前没有待办事项。";
}

/** /ledger: who has reported the month's ledger. */
export function ledgerRosterView(month: string, entries: readonly LedgerEntry[], subs: readonly Subscription[]): string {
  const reported = new Map(entries.map((e) => [e.chatId, e]));
  if (reported.size === 0 && subs.length === 0) return `还没有群订阅截止提醒，${monthCn(month)}工作台账没有要汇总的单位。各单位的群管理员发送 /subscribe 单位名称 订阅后，即可发送 /ledger fill 填报。`;
  const lines = [`📝 ${monthCn(month)}工作台账填报情况：已填报 ${entries.length}/${new Set([...subs.map((s) => s.chatId), ...reported.keys()]).size}`];
  for (const e of entries) lines.push(`  ✅ ${e.unitName}（${e.contact} ${e.phone}，${e.reportedBy}）`);
  for (const s of subs) if (!reported.has(s.chatId)) lines.push(`  ⏳ ${unitLabel(s, s.chatId)}`);
  lines.push("填报：/ledger fill　导出：/ledger export（管理员）");
  return lines.join("\n");
}

/**
 * /ledger in a chat that is not subscribed (never, or since /unsubscribe): there is no roster to
 * show, so say why and how to subscribe again, and what the chat reported this month if anything.
 * @param unit what the chat told us about its unit (kept after /unsubscribe), if anything.
 * @param own the chat's own entry for the month, if it reported before unsubscribing.
 */
export function ledgerUnsubscribedView(month: string, unit: ChatUnit | undefined, own: LedgerEntry | undefined): string {
  const lines = unit
    ? [
        `本群已取消订阅截止提醒，不在${monthCn(month)}工作台账的汇总名单中，也不会收到台账提醒。`,
        `需要时请群管理员发送 /subscribe 重新订阅${unit.unitName ? `（沿用单位名称“${unit.unitName}”）` : "（可写上单位名称：/subscribe 单位名称）"}，之后发送 /ledger fill 填报。`,
      ]
    : [`本群尚未订阅截止提醒，还没有要填报的工作台账。请群管理员发送 /subscribe 单位名称 订阅，之后发送 /ledger fill 填报。`];
  if (own) lines.push(`本群此前已填报${monthCn(month)}工作台账：${own.unitName}（${own.contact} ${own.phone}，${own.reportedBy}）。`);
  return lines.join("\n");
}

/** /due: "自…之日起 N 个工作日内", with the holidays skipped and 调休 workdays counted. */
export function dueView(from: IsoDate, n: number): string {
  const r = addWorkdays(from, n);
  const lines = [`自 ${dateWithWeekday(from)} 起 ${n} 个工作日内（起始日不计入）：`, `截止日为 ${dateWithWeekday(r.due)}。`];
  const holidays = new Map<string, IsoDate[]>();
  const adjusted: IsoDate[] = [];
  for (let d = toDayNumber(from) + 1; d <= toDayNumber(r.due); d++) {
    const day = fromDayNumber(d);
    const info = dayInfo(day);
    if (info.holiday) holidays.set(info.holiday, [...(holidays.get(info.holiday) ?? []), day]);
    if (info.adjustedWorkday) adjusted.push(day);
  }
  for (const [name, days] of holidays) {
    const first = days[0] as string;
    const last = days.at(-1) as string;
    lines.push(`已跳过${name}假期 ${first.slice(5)}${days.length > 1 ? `—${last.slice(5)}` : ""}（${days.length} 天）。`);
  }
  for (const day of adjusted) lines.push(`${dateWithWeekday(day)}为${dayInfo(day).adjustedWorkday}调休上班日，计入工作日。`);
  if (!r.covered) {
    const first = [...Array(toDayNumber(r.due) - toDayNumber(from)).keys()]
      .map((i) => fromDayNumber(toDayNumber(from) + 1 + i))
      .find((d) => !isCovered(d));
    lines.push(`⚠️ 注意：${first ? first.slice(0, 4) + "年" : ""}${UNCOVERED_NOTE}，请以国务院办公厅通知为准。`);
  }
  return lines.join("\n");
}
