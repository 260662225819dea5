import { shanghaiNow, type IsoDate } from "./calendar.js";
import { ACK_EXAMPLE, SNOOZE_EXAMPLE, SNOOZE_EXAMPLE_MEANS, type ItemRef } from "./command-parse.js";
import type { Deadline } from "./deadlines.js";
import type { Numbering, NumberingStore } from "./numbering-store.js";
import { nextDue } from "./plan.js";
import type { ReminderStore } from "./reminder-store.js";

/** What resolveItem needs of the chat. */
export interface ItemContext {
  chatId: string;
  today: IsoDate;
  findDeadline: (id: string) => Deadline | undefined;
  reminders: ReminderStore;
  numbers: NumberingStore;
}

/** An occurrence /ack or /snooze acts on; `via` says which list a number (序号) was read from. */
export type ResolvedItem = { deadline: Deadline; due: IsoDate; via?: string } | { error: string };

/** "本群 9月24日 09:00 的截止提醒" / "本群 9月24日 10:15 列出的近期截止事项". */
function shownLabel(n: Numbering): string {
  const { date, time } = shanghaiNow(new Date(n.shownAt));
  return `本群 ${Number(date.slice(5, 7))}月${Number(date.slice(8))}日 ${time} ${n.shownIn === "reminder" ? "的截止提醒" : "列出的近期截止事项"}`;
}

/**
 * The occurrence an /ack or /snooze means: a number is item n of the chat's latest numbered
 * reminder or list, at the due date shown there; an id is that deadline's next occurrence;
 * nothing is the latest reminder the chat has not acknowledged.
 */
export function resolveItem(ref: ItemRef, command: "ack" | "snooze", c: ItemContext): ResolvedItem {
  if (ref.kind === "number") {
    const numbering = c.numbers.numbering(c.chatId);
    if (!numbering) {
      return { error: `本群还没有带序号的提醒或清单。请发送 /deadlines 列出近期事项后按序号操作，或写事项编号，如 /${command} monthly-ledger。` };
    }
    const item = numbering.items[ref.n - 1];
    const where = shownLabel(numbering);
    if (!item) return { error: `${where}只列了 ${numbering.items.length} 项，没有序号 ${ref.n}。请发送 /deadlines 重新列出后再按序号操作。` };
    const d = c.findDeadline(item.deadlineId);
    if (!d) return { error: `${where}中的第 ${ref.n} 项已不存在（可能已被删除）。请发送 /deadlines 重新列出。` };
    return { deadline: d, due: item.due, via: `序号 ${ref.n} 指${where}中的第 ${ref.n} 项。` };
  }
  if (ref.kind === "id") {
    const d = c.findDeadline(ref.id);
    if (!d) return { error: `没有编号为“${ref.id}”的事项，发送 /deadlines 查看序号和编号。` };
    const due = nextDue(d, c.today);
    return due ? { deadline: d, due } : { error: `「${d.title}」已没有后续截止日期。` };
  }
  for (const r of c.reminders.sentTo(c.chatId, c.today)) {
    const d = c.findDeadline(r.deadlineId);
    if (d && !c.reminders.isAcked(c.chatId, d.id, r.due)) return { deadline: d, due: r.due };
  }
  const usage = command === "ack" ? `${ACK_EXAMPLE} 或 /ack monthly-ledger` : `${SNOOZE_EXAMPLE}（${SNOOZE_EXAMPLE_MEANS}）或 /snooze 2 monthly-ledger`;
  return { error: `没有待处理的提醒。请写明序号或事项编号，例如 ${usage}（序号和编号见 /deadlines）。` };
}
