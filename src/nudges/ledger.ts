import { looksLikePinyin } from "../core/pinyin-input.js";
import type { InboundMessage, Reply } from "../core/types.js";
import type { Db } from "../store/db.js";
import { addDays, daysInMonth, formatDateCn, type IsoDate } from "./calendar.js";
import type { Deadline } from "./deadlines.js";
import { LedgerStore, type LedgerSession } from "./ledger-store.js";
import { nextDue, occurrences } from "./plan.js";
import type { ReminderStore } from "./reminder-store.js";
import type { SubscriptionStore } from "./subscription-store.js";
import { ledgerTitle, monthCn, previousMonth } from "./text.js";

/**
 * The monthly ledger conversation (工作台账, Guangdong 附件2): a unit answers 上月完成工作事项,
 * 本月工作计划, 联系人, 联系方式 one by one (and its name, if the subscription has none).
 * The state lives in SQLite, so a restart continues where the unit left off.
 */

type Step = "unit" | "done" | "plan" | "contact" | "phone";
const STEPS: readonly Step[] = ["unit", "done", "plan", "contact", "phone"];
const MAX_LEN: Record<Step, number> = { unit: 60, done: 2000, plan: 2000, contact: 40, phone: 60 };
const CANCEL = /^(取消|退出|算了|cancel)$/i;

/** The step a stored conversation is at (a step this version does not know restarts at 上月完成工作事项). */
function stepOf(session: LedgerSession): Step {
  return (STEPS as readonly string[]).includes(session.step) ? (session.step as Step) : "done";
}

/** The question asked at a step, in Chinese. */
export function ledgerQuestion(step: Step, month: string): string {
  const hint = "（直接回复本消息即可；发送“取消”放弃填报）";
  switch (step) {
    case "unit":
      return `请先填写本群所属基层单位名称（如：城关镇人民政府）${hint}`;
    case "done":
      return `（1/4）请填写上月（${monthCn(previousMonth(month))}）完成工作事项${hint}`;
    case "plan":
      return `（2/4）请填写本月（${monthCn(month)}）工作计划${hint}`;
    case "contact":
      return `（3/4）请填写联系人姓名${hint}`;
    case "phone":
      return `（4/4）请填写联系方式（电话号码）${hint}`;
  }
}

/**
 * The month ("YYYY-MM") of the ledger being collected at `today`: the month of the ledger
 * deadline's next due date (today included). The ledger of month M is due on M's 5th and holds
 * the previous month's progress and M's plan, so on 11-30 it is December's (November's progress,
 * December's plan, due 12-05) — the same occurrence /status shows. An earlier month is filled by
 * naming it (/ledger fill 2026-11).
 */
export function currentLedgerMonth(ledger: Deadline | undefined, today: IsoDate): string {
  const due = ledger ? nextDue(ledger, today) : undefined;
  return (due ?? today).slice(0, 7);
}

/** The due date of the ledger deadline's occurrence in `month`, if any. */
export function ledgerDue(ledger: Deadline | undefined, month: string): IsoDate | undefined {
  if (!ledger) return undefined;
  const first = `${month}-01`;
  return occurrences(ledger.schedule, first, addDays(first, daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7))) - 1))[0];
}

/**
 * Whether `msg` is an answer to the sender's ledger conversation (a cell of the 附件2 row):
 * the core then takes it as typed, not refused as pinyin input (a contact named "Zhang Wei").
 * In a group only a reply to the bot or a mention answers, as in handleNudgeCommand.
 */
export function awaitsLedgerAnswer(msg: InboundMessage, db: Db): boolean {
  if (msg.chatType === "group" && !msg.replyToBot && !msg.mentioned) return false;
  return new LedgerStore(db).ledgerSession(msg.chatId, msg.senderId) !== undefined;
}

/** The prose cells (上月完成工作事项, 本月工作计划): an answer there that reads as pinyin is kept, with a note. */
const PROSE_STEPS: ReadonlySet<Step> = new Set(["done", "plan"]);
const PINYIN_NOTE = "（这条回答看起来是拼音，已照原样记录；如需改成汉字，填完后发送 /ledger fill 重新填报。）";

/** A message ending in a question mark asks something: it is no cell of the ledger. */
const ASKS = /[？?]\s*$/;

/** Checks one answer; returns the cleaned value or a Chinese complaint. */
function checkAnswer(step: Step, text: string): { value: string } | { error: string } {
  const value = text.trim();
  if (!value) return { error: "回答不能为空，请重新填写。" };
  if (ASKS.test(value)) return { error: "这条消息像是在提问，没有记入台账。要提问请在填完台账后再发，或先发送“取消”放弃这次填报" };
  if (step === "contact" && !/\p{L}/u.test(value)) return { error: "联系人应填写姓名，不是数字或编号" };
  if (value.length > MAX_LEN[step]) return { error: `回答过长（最多 ${MAX_LEN[step]} 字），请精简后重新填写。` };
  const phone = step === "phone" ? phoneIssue(value) : undefined;
  if (phone) return { error: `${phone}，请重新填写。` };
  return { value };
}

/**
 * What is wrong with a phone number for the ledger, in Chinese, or undefined: a mobile number
 * (1…) has 11 digits, a landline with its area code (0…) 10–12; a local number at least 7.
 * Several numbers may be given, separated by any other character (、，/ 或).
 */
export function phoneIssue(value: string): string | undefined {
  const numbers = value
    .normalize("NFKC")
    .split(/[^\d\s()+-]+/)
    .map((part) => part.replace(/\D/g, "").replace(/^86(?=1\d{10}$)/, ""))
    .filter((digits) => digits.length > 0);
  if (!numbers.some((d) => d.length >= 7)) return "联系方式应为电话号码（至少 7 位数字）";
  for (const d of numbers) {
    if (d.startsWith("1") && d.length !== 11 && d.length >= 7) return `手机号码应为 11 位数字，“${d}”是 ${d.length} 位`;
    if (d.startsWith("0") && (d.length < 10 || d.length > 12)) return `带区号的固定电话应为 10–12 位数字（如 0393-7221234），“${d}”是 ${d.length} 位`;
  }
  return undefined;
}

/**
 * What a chat shows when it starts again (after a restart) while a ledger conversation in it is
 * unfinished: which ledger, and the question its next answer goes to — before any draft, since
 * the ledger takes the sender's next message.
 */
export function resumeLedger(ledgers: LedgerStore, chatId: string): Reply | null {
  const sessions = ledgers.ledgerSessionsIn(chatId);
  const s = sessions[0];
  if (!s) return null;
  const step = stepOf(s);
  const others = sessions.length > 1 ? `（本群还有 ${sessions.length - 1} 位同事的台账填报没有完成，各自回复即可）` : "";
  return { text: `上次的${ledgerTitle(s.month)}填报还没有完成，接下来的回答会记入台账${others}：\n${ledgerQuestion(step, s.month)}` };
}

/** Dependencies of the ledger conversation. */
export interface LedgerDeps {
  subs: SubscriptionStore;
  reminders: ReminderStore;
  ledgers: LedgerStore;
  /** The ledger deadline, if shipped; saving an entry acknowledges that month's occurrence. */
  ledgerDeadline?: Deadline;
}

/** Starts (or restarts) the ledger conversation of `userId` in `chatId` for `month`. */
export function startLedger(deps: LedgerDeps, chatId: string, userId: string, month: string, now: Date): Reply[] {
  const sub = deps.subs.subscription(chatId);
  if (!sub) return [{ text: "本群尚未订阅截止提醒，请管理员先发送 /subscribe 单位名称，再填报工作台账。" }];
  const step: Step = sub.unitName ? "done" : "unit";
  deps.ledgers.setLedgerSession(chatId, userId, { month, step, draft: sub.unitName ? { unitName: sub.unitName } : {} }, now.toISOString());
  const already = deps.ledgers.reportedChats(month).has(chatId);
  const due = ledgerDue(deps.ledgerDeadline, month);
  const unit = sub.unitName ? `（${sub.unitName}）` : "";
  const intro = `开始填报${ledgerTitle(month)}${unit}${due ? `，${formatDateCn(due)}前报送` : ""}${already ? "，将覆盖本单位已填报的内容" : ""}。`;
  return [{ text: `${intro}\n${ledgerQuestion(step, month)}` }];
}

/** Handles one answer in a ledger conversation; returns the next question or the summary. */
export function answerLedger(deps: LedgerDeps, session: LedgerSession, text: string, reporter: string, now: Date): Reply[] {
  const { chatId, userId, month } = session;
  const at = now.toISOString();
  if (CANCEL.test(text.trim())) {
    deps.ledgers.setLedgerSession(chatId, userId, undefined, at);
    return [{ text: "已取消本次台账填报，已填写的内容未保存。需要时发送 /ledger fill 重新开始。" }];
  }
  const step = stepOf(session);
  const checked = checkAnswer(step, text);
  if ("error" in checked) return [{ text: `${checked.error}\n${ledgerQuestion(step, month)}` }];
  const key = step === "unit" ? "unitName" : step;
  const draft = { ...session.draft, [key]: checked.value };
  const next = STEPS[STEPS.indexOf(step) + 1];
  if (next) {
    deps.ledgers.setLedgerSession(chatId, userId, { month, step: next, draft }, at);
    const note = PROSE_STEPS.has(step) && looksLikePinyin(checked.value) ? `${PINYIN_NOTE}\n` : "";
    return [{ text: `${note}${ledgerQuestion(next, month)}` }];
  }
  const entry = {
    chatId,
    month,
    unitName: draft.unitName ?? "",
    done: draft.done ?? "",
    plan: draft.plan ?? "",
    contact: draft.contact ?? "",
    phone: draft.phone ?? "",
    reportedBy: reporter,
    reportedAt: at,
  };
  const acked = deps.reminders.transaction(() => {
    deps.ledgers.saveLedgerEntry(entry);
    deps.ledgers.setLedgerSession(chatId, userId, undefined, at);
    if (!deps.subs.subscription(chatId)?.unitName) deps.subs.setUnitName(chatId, entry.unitName);
    const due = ledgerDue(deps.ledgerDeadline, month);
    if (due && deps.ledgerDeadline) deps.reminders.ack(chatId, deps.ledgerDeadline.id, due, reporter, at);
    return due;
  });
  const summary = [
    `✅ 已保存${ledgerTitle(month)}：`,
    `基层单位：${entry.unitName}`,
    `上月完成工作事项：${entry.done}`,
    `本月工作计划：${entry.plan}`,
    `联系人：${entry.contact}`,
    `联系方式：${entry.phone}`,
  ];
  if (acked) summary.push(`${formatDateCn(acked)}截止的工作台账提醒已标记为完成（/status 中显示为已完成）。`);
  summary.push("如需修改，发送 /ledger fill 重新填报。");
  return [{ text: summary.join("\n") }];
}
