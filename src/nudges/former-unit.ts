import type { LedgerStore } from "./ledger-store.js";
import type { ReminderStore } from "./reminder-store.js";
import type { SubscriptionStore } from "./subscription-store.js";
import { monthCn } from "./text.js";

/** What a /subscribe found of a subscription that an older version erased. */
export interface FormerUnit {
  /** The unit name restored, from the chat's latest ledger entry (undefined when none holds one). */
  unitName?: string;
  /** The Chinese note telling the chat what was restored and what was not. */
  note: string;
}

/**
 * Before migration 004, /unsubscribe deleted the chat's subscription row, so its unit name and
 * stated level were lost; the chat's ledger entries and reminder history stayed. Called for a
 * /subscribe without a unit name in a chat that has no subscription row: if the chat's ledger
 * holds a unit name (the latest month's), it is recorded again; the stated level cannot be
 * recovered (it then follows from the name). Returns undefined for a chat that never took part
 * (no ledger entry, no reminder history): nothing is invented.
 */
export function restoreFormerUnit(stores: { subs: SubscriptionStore; ledgers: LedgerStore; reminders: ReminderStore }, chatId: string): FormerUnit | undefined {
  const latest = stores.ledgers.latestUnit(chatId);
  if (latest) {
    stores.subs.setUnitName(chatId, latest.unitName);
    return {
      unitName: latest.unitName,
      note: `本群此前订阅过，取消订阅时登记的单位名称未能保留（旧版本取消订阅会删除登记），已按本群${monthCn(latest.month)}工作台账中填报的单位名称恢复。当时如注明过单位层级（县级/乡级），请重新注明。`,
    };
  }
  if (!stores.reminders.hasHistory(chatId)) return undefined;
  return { note: "本群此前订阅过，但取消订阅时登记的单位名称未能保留（旧版本取消订阅会删除登记），本群也没有填报过工作台账可供恢复。" };
}
