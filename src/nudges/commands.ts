import type { InboundMessage, Reply } from "../core/types.js";
import type { Db } from "../store/db.js";
import { CalendarError, dateRangeIssue, formatDateCn, shanghaiNow, type IsoDate } from "./calendar.js";
import { parseCommand, type ParsedCommand } from "../core/intent.js";
import { senderLabel } from "../core/roles.js";
import { nudgeButtons } from "./buttons.js";
import { DEADLINE_ADD_SYNTAX, parseAckArgs, parseDateArg, parseDeadlineAdd, parseMonthArg, splitArgs } from "./command-parse.js";
import { deadlinesView, dueView, ledgerRosterView, ledgerUnsubscribedView, statusView } from "./command-views.js";
import { CHAT_DEADLINE_ID, describeSchedule, type Deadline } from "./deadlines.js";
import { ledgerWorkbook } from "./ledger-export.js";
import { LedgerStore } from "./ledger-store.js";
import { restoreFormerUnit } from "./former-unit.js";
import { parseUnitArg, subscriptionLevel } from "./unit-level.js";
import { resolveItem } from "./item-ref.js";
import { answerLedger, currentLedgerMonth, startLedger, type LedgerDeps } from "./ledger.js";
import { NumberingStore } from "./numbering-store.js";
import { nextDue } from "./plan.js";
import { LEDGER_DEADLINE_ID } from "./scheduler.js";
import { planSnooze } from "./snooze.js";
import { ReminderStore } from "./reminder-store.js";
import { SubscriptionStore } from "./subscription-store.js";
import { dateWithWeekday, dueNotes, monthCn, REMINDERS_OFF_NOTE } from "./text.js";

/** What the command handler needs. */
export interface NudgeCommandDeps {
  db: Db;
  /** Deadlines from knowledge/deadlines.yaml. */
  deadlines: readonly Deadline[];
  ledgerDeadlineId?: string;
  /** Clock for tests (msg.now wins). */
  now?: () => Date;
  /**
   * Telegram user ids and/or chat ids of the coordinators (协调人, NUDGE_COORDINATORS): a
   * message whose sender or chat is listed sees every unit in /status and /ledger; any other
   * sees only its own chat's entry.
   */
  coordinators?: readonly string[];
  /** False when this deployment sends no reminders (NUDGES_ENABLED=false); replies then say so. Default true. */
  remindersEnabled?: boolean;
}

/** Shown to non-coordinators under a view restricted to their own chat. */
export const COORDINATOR_NOTE = "（仅显示本群。各单位汇总情况仅限协调人查看，协调人名单由部署方在 NUDGE_COORDINATORS 中设置。）";

/** Whether the message comes from a coordinator (its sender or its chat is listed). */
export function isCoordinator(msg: Pick<InboundMessage, "senderId" | "chatId">, coordinators: readonly string[] | undefined): boolean {
  return !!coordinators && (coordinators.includes(msg.senderId) || coordinators.includes(msg.chatId));
}

/**
 * For the core's /cancel: ends the sender's ledger conversation in this chat. Returns the
 * Chinese confirmation, or null when there was no such conversation.
 */
export function cancelNudgeSession(msg: InboundMessage, deps: Pick<NudgeCommandDeps, "db" | "now">): Reply[] | null {
  const ledgers = new LedgerStore(deps.db);
  if (!ledgers.ledgerSession(msg.chatId, msg.senderId)) return null;
  const now = msg.now ?? deps.now?.() ?? new Date();
  ledgers.setLedgerSession(msg.chatId, msg.senderId, undefined, now.toISOString());
  return text("已取消工作台账填报，已填写的内容未保存。需要时发送 /ledger fill 重新开始。");
}

const ADMIN_ONLY = "只有群管理员可以使用这个命令。";
/** For members who are not admins: marking, postponing and reporting change the group's shared state. */
const adminOnly = (what: string) => `只有群管理员可以${what}。请联系本群管理员操作。`;

function text(t: string): Reply[] {
  return [{ text: t }];
}

/**
 * Handles the nudges commands, their buttons (NudgeButton) and answers in a running ledger
 * conversation. Returns null for anything else, so the caller can route it on.
 * @param parsed the command as the core parsed it (parsed from msg.text when not given).
 */
export async function handleNudgeCommand(msg: InboundMessage, deps: NudgeCommandDeps, parsed?: ParsedCommand | null): Promise<Reply[] | null> {
  const now = msg.now ?? deps.now?.() ?? new Date();
  const today = shanghaiNow(now).date;
  const subs = new SubscriptionStore(deps.db);
  const store = new ReminderStore(deps.db);
  const ledgers = new LedgerStore(deps.db);
  const ledgerId = deps.ledgerDeadlineId ?? LEDGER_DEADLINE_ID;
  const ledgerDeps: LedgerDeps = { subs, reminders: store, ledgers, ledgerDeadline: deps.deadlines.find((d) => d.id === ledgerId) };
  const who = senderLabel(msg);
  const chatId = msg.chatId;
  const own = () => subs.chatDeadlines(chatId).map((c) => c.deadline);
  const all = () => [...deps.deadlines, ...own()];
  const findDeadline = (id: string) => all().find((d) => d.id === id);
  const coordinator = isCoordinator(msg, deps.coordinators);
  const scoped = (t: string) => (coordinator ? t : `${t}\n${COORDINATOR_NOTE}`);
  const remindersOn = deps.remindersEnabled ?? true;
  /** A reply promising a reminder, with the notice that none is sent when reminders are off. */
  const promising = (t: string) => text(remindersOn ? t : `${t}\n${REMINDERS_OFF_NOTE}`);
  /** /deadlines; `offNote` false where the reply already says that reminders are off. */
  const listView = (offNote = true) => {
    const view = deadlinesView(subs, store, chatId, all(), subs.mutes().get(chatId) ?? new Set(), today, remindersOn || !offNote);
    // the numbers just shown are what /ack 2 and /snooze 1 2 mean from now on
    if (view.items.length) new NumberingStore(deps.db).show(chatId, { items: view.items, shownIn: "list", shownAt: now.toISOString() });
    return view.text;
  };

  if (msg.choice !== undefined) {
    if (!msg.choice.startsWith(`${nudgeButtons.prefix}:`)) return null;
    const button = nudgeButtons.unpack(msg.choice);
    if (!button) return text("这个按钮已失效。发送 /deadlines 查看近期事项。");
    if (!msg.isAdmin) return text(adminOnly(button.kind === "ledger" ? "填报工作台账" : button.kind === "ack" ? "标记本群事项已完成" : "推迟本群的提醒"));
    if (button.kind === "ledger") return startLedger(ledgerDeps, chatId, msg.senderId, button.month, now);
    const d = findDeadline(button.deadlineId);
    if (!d) return text("这条提醒对应的事项已不存在。");
    return button.kind === "ack" ? ack(d, button.due) : snooze(d, button.due, button.days);
  }

  const cmd = parsed === undefined ? parseCommand(msg.text) : parsed;
  if (!cmd) {
    // In a group only replies to the bot (or mentions) answer the ledger, not side talk.
    if (msg.chatType === "group" && !msg.replyToBot && !msg.mentioned) return null;
    const session = ledgers.ledgerSession(chatId, msg.senderId);
    if (!session) return null;
    const answer = (msg.text ?? "").replace(/^\s*@\w+[\s\u3000]*/, "");
    if (!answer.trim()) return text("请用文字回答台账问题，或发送“取消”放弃填报。");
    return answerLedger(ledgerDeps, session, answer, who, now);
  }
  const args = splitArgs(cmd.args);
  switch (cmd.name) {
    case "subscribe":
    case "unsubscribe":
      return subscription(cmd.name === "subscribe", cmd.args);
    case "deadlines":
      return text(listView());
    case "ack":
    case "snooze": {
      if (!msg.isAdmin) return text(adminOnly(cmd.name === "ack" ? "标记本群事项已完成" : "推迟本群的提醒"));
      const read = parseAckArgs(cmd.name, args);
      if ("error" in read) return text(read.error);
      const n = read.days;
      if (cmd.name === "snooze" && (n < 1 || n > 30)) return text("推迟天数应为 1–30 个工作日，例如 /snooze 2。");
      const occ = resolveItem(read.ref, cmd.name, { chatId, today, findDeadline, reminders: store, numbers: new NumberingStore(deps.db) });
      if ("error" in occ) return text(occ.error);
      const replies = cmd.name === "ack" ? ack(occ.deadline, occ.due) : snooze(occ.deadline, occ.due, n);
      return occ.via ? replies.map((r) => ({ ...r, text: `${r.text}\n${occ.via}` })) : replies;
    }
    case "due": {
      const from = args[0] ? parseDateArg(args[0], today) : undefined;
      const n = args[1] !== undefined && /^\d+$/.test(args[1]) ? Number(args[1]) : NaN;
      if (!from || !Number.isInteger(n) || n > 1000 || args.length !== 2) {
        return text("用法：/due 起始日期 工作日数，例如 /due 2026-09-28 7 或 /due 9月28日 7（不写年份为今年；起始日不计入，工作日数 0–1000）。");
      }
      try {
        return text(dueView(from, n));
      } catch (err) {
        if (err instanceof CalendarError) return text(err.message);
        throw err;
      }
    }
    case "deadline":
      return deadlineCommand(args, cmd.args);
    case "status":
      return text(scoped(statusView(subs, store, all(), subs.mutes(), today, coordinator ? undefined : chatId)));
    case "ledger":
      return ledger(args);
    default:
      return null;
  }

  /** One locality's deadlines (广东's monthly ledger) are reminded everywhere: how to stop one that does not apply here. */
  function localNote(): string[] {
    const local = deps.deadlines.filter((d) => d.region);
    if (!local.length) return [];
    const places = [...new Set(local.map((d) => d.region))].join("、");
    return [`标注了地方的事项（${places}）出自当地的通知，本地不适用的发送 /unsubscribe 编号 停止这一项的提醒（编号是下表方括号中的，如 /unsubscribe ${local[0]!.id}）。`];
  }

  function subscription(on: boolean, arg: string): Reply[] {
    if (!msg.isAdmin) return text(`只有群管理员可以${on ? "订阅" : "取消订阅"}截止提醒。请联系本群管理员操作。`);
    const d = arg ? findDeadline(arg) : undefined;
    if (d) {
      if (!subs.subscription(chatId)) return text("本群尚未订阅截止提醒，请先发送 /subscribe。");
      subs.setMuted(chatId, d.id, !on);
      return on ? promising(`已恢复「${d.title}」的提醒。`) : text(`已停止本群「${d.title}」的提醒；发送 /subscribe ${d.id} 可恢复。`);
    }
    if (!on) {
      if (arg) return text(`没有编号为“${arg}”的事项，发送 /deadlines 查看编号。`);
      return text(subs.unsubscribe(chatId, now.toISOString()) ? "已取消订阅，本群不再收到截止提醒。" : "本群没有订阅截止提醒。");
    }
    const stated = parseUnitArg(arg);
    if (stated.error) return text(stated.error);
    if (stated.name.length > 60) return text("单位名称过长（最多 60 字）。");
    const known = subs.unit(chatId) !== undefined;
    const { created, former } = store.transaction(() => {
      const fresh = subs.subscribe(chatId, who, now.toISOString(), stated.name || undefined, stated.level);
      // a chat whose row an older /unsubscribe erased: restore what its ledger holds
      return { created: fresh, former: !known && !stated.name ? restoreFormerUnit({ subs, ledgers, reminders: store }, chatId) : undefined };
    });
    const sub = subs.subscription(chatId);
    const unit = sub?.unitName;
    const level = subscriptionLevel(sub);
    const head = remindersOn
      ? `${former ? "✅ 已恢复订阅截止提醒" : "✅ 已订阅截止提醒"}：各事项截止前按工作日提前提醒（北京时间）。`
      : `${former ? "已恢复本群订阅" : "已记录本群订阅"}，但本系统管理员未开启截止提醒（NUDGES_ENABLED=false）：目前不会发送任何提醒，开启后才会按工作日提前提醒。`;
    return text(
      [
        former ? `${head}${former.note}` : created ? head : "本群已订阅截止提醒。" + (arg ? "单位名称已更新。" : "") + (remindersOn ? "" : `\n${REMINDERS_OFF_NOTE}`),
        unit ? `单位名称：${unit}` : "尚未登记单位名称：发送 /subscribe 单位名称 登记（台账按此名称汇总）。",
        level
          ? `单位层级：${level}（${sub?.unitLevel ? "登记时注明" : "按单位名称判断"}），只提醒适用于${level}的事项；如有误，发送 /subscribe 单位名称 ${level === "县级" ? "乡级" : "县级"} 更正。`
          : "单位层级未知：县级、乡级事项都会提醒；可发送 /subscribe 单位名称 县级（或 乡级）注明。",
        ...localNote(),
        "",
        listView(false),
      ].join("\n"),
    );
  }

  function ack(d: Deadline, due: IsoDate): Reply[] {
    if (due < today) return text(`「${d.title}」（截止 ${formatDateCn(due)}）已过截止日期。`);
    const fresh = store.ack(chatId, d.id, due, who, now.toISOString());
    return text(
      fresh
        ? `✅ 已记录：本群已完成「${d.title}」（截止 ${dateWithWeekday(due)}），本期不再提醒。`
        : `本群此前已标记完成「${d.title}」（截止 ${dateWithWeekday(due)}）。`,
    );
  }

  function snooze(d: Deadline, due: IsoDate, n: number): Reply[] {
    if (!Number.isInteger(n) || n < 1 || n > 30) return text("推迟天数应为 1–30 个工作日。");
    if (store.isAcked(chatId, d.id, due)) return text(`本群已完成「${d.title}」，本期不再提醒。`);
    const set = store.snoozeOf(chatId, d.id, due);
    const plan = planSnooze(d, due, n, now, { received: store.reminded(chatId, d.id, due), snooze: set && { until: set.until, reminded: set.state !== "waiting" && set.state !== "retry" } });
    if (plan.kind === "too-late") return text(`今天已是「${d.title}」截止前最后一个工作日（截止 ${dateWithWeekday(due)}），无法再推迟。`);
    if (plan.kind === "keep") {
      const next = `${dateWithWeekday(plan.next.sendOn)} ${plan.next.time}`;
      return promising(
        `「${d.title}」的下一次提醒${plan.snoozed ? `已推迟到 ${next}` : `本来就在 ${next}`}，晚于推迟 ${n} 个工作日后的 ${dateWithWeekday(plan.until)}。推迟不会让提醒提前，提醒时间保持不变。截止 ${dateWithWeekday(due)}。`,
      );
    }
    store.snooze(chatId, d.id, due, plan.until, who, now.toISOString());
    const note = plan.clamped ? "（推迟后将超过截止前最后一个工作日，改为当天提醒）" : "";
    return promising(`💤 已推迟「${d.title}」的提醒：将于 ${dateWithWeekday(plan.until)} ${d.time} 再次提醒${note}。截止 ${dateWithWeekday(due)}。`);
  }

  function deadlineCommand(a: string[], raw: string): Reply[] {
    const sub = a.shift()?.toLowerCase();
    if (sub === undefined || sub === "list") return text(listView());
    if (!msg.isAdmin) return text(ADMIN_ONLY);
    if (sub === "add" || sub === "添加") {
      const source = `群内添加（${who}，${formatDateCn(today)}）`;
      const r = parseDeadlineAdd(raw.replace(/^\S+[\s\u3000]*/, ""), source);
      if ("error" in r) return text(r.error);
      const tooFar = "date" in r.spec.schedule ? dateRangeIssue(r.spec.schedule.date) : undefined;
      if (tooFar) return text(`未添加：${tooFar}`);
      const d = subs.addChatDeadline(chatId, r.spec, who, now.toISOString());
      const due = nextDue(d, today);
      return promising(
        [
          `已添加本群事项 ${d.id}：${d.title}`,
          `时间：${describeSchedule(d.schedule)}；提前 ${d.remind.join("、")} 个工作日 ${d.time} 提醒`,
          due ? `下次截止：${dateWithWeekday(due)}` : "该日期已过，不会再提醒。",
          ...(due ? dueNotes(today, due) : []),
          subs.subscription(chatId) ? "" : "本群尚未订阅，发送 /subscribe 后才会收到提醒。",
        ].filter(Boolean).join("\n"),
      );
    }
    if (sub === "del" || sub === "rm" || sub === "remove" || sub === "删除") {
      const id = a[0] ?? "";
      const removed = CHAT_DEADLINE_ID.test(id) && subs.removeChatDeadline(chatId, id);
      return text(removed ? `已删除本群事项 ${id}。` : `本群没有编号为“${id}”的自建事项（随系统提供的事项可用 /unsubscribe 编号 停止提醒）。`);
    }
    return text(`用法：\n${DEADLINE_ADD_SYNTAX}\n/deadline del 编号`);
  }

  async function ledger(a: string[]): Promise<Reply[]> {
    const sub = a[0]?.toLowerCase();
    if (sub === "cancel" || sub === "取消") {
      ledgers.setLedgerSession(chatId, msg.senderId, undefined, now.toISOString());
      return text("已取消台账填报。");
    }
    const monthArg = sub === "fill" || sub === "export" || sub === "填报" || sub === "导出" ? a[1] : a[0];
    const month = monthArg ? parseMonthArg(monthArg) : currentLedgerMonth(ledgerDeps.ledgerDeadline, today);
    if (!month) return text("月份格式应为 2026-06 或 2026年6月。");
    if ((sub === "fill" || sub === "填报") && !msg.isAdmin) return text(adminOnly("填报工作台账"));
    if (sub === "fill" || sub === "填报") return startLedger(ledgerDeps, chatId, msg.senderId, month, now);
    if (sub === "export" || sub === "导出") {
      if (!msg.isAdmin) return text("只有群管理员可以导出工作台账。");
      const { entries, subs } = visibleLedger(month);
      const file = await ledgerWorkbook(month, entries, subs, today);
      return [{ text: scoped(`${monthCn(month)}工作台账（附件2格式），已填报 ${entries.length} 个单位。`), files: [file] }];
    }
    const { entries, subs: shown } = visibleLedger(month);
    if (!coordinator && !subs.subscription(chatId)) return text(scoped(ledgerUnsubscribedView(month, subs.unit(chatId), entries[0])));
    return text(scoped(ledgerRosterView(month, entries, shown)));
  }

  /** The ledger entries and subscriptions this message may see: all for a coordinator, else its chat's. */
  function visibleLedger(month: string) {
    const mine = <T extends { chatId: string }>(rows: T[]) => (coordinator ? rows : rows.filter((r) => r.chatId === chatId));
    return { entries: mine(ledgers.ledgerEntries(month)), subs: mine(subs.subscriptions()) };
  }
}
