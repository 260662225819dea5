import { statement, type Db } from "../store/db.js";
import type { IsoDate } from "./calendar.js";

/** One numbered item as shown: the occurrence of a deadline. */
export interface NumberedItem {
  deadlineId: string;
  due: IsoDate;
}

/** The numbers a chat was last shown: item n is `items[n - 1]`. */
export interface Numbering {
  items: NumberedItem[];
  /** A merged reminder, or a list (/deadlines, /subscribe). */
  shownIn: "reminder" | "list";
  /** When it was shown (ISO instant). */
  shownAt: string;
}

/** The numbering of one chat's latest numbered reminder or list (the table of migration 006). */
export class NumberingStore {
  constructor(readonly db: Db) {}

  /** Records what a chat was just shown, replacing its earlier numbering. */
  show(chatId: string, numbering: Numbering): void {
    statement(
      this.db,
      `INSERT INTO nudge_item_numbers (chat_id, items, shown_in, shown_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (chat_id) DO UPDATE SET items = excluded.items, shown_in = excluded.shown_in, shown_at = excluded.shown_at`,
    ).run(chatId, JSON.stringify(numbering.items.map((i) => [i.deadlineId, i.due])), numbering.shownIn, numbering.shownAt);
  }

  /** Records several chats' numberings in one transaction (a tick's merged reminders). */
  showAll(shown: readonly { chatId: string; numbering: Numbering }[]): void {
    if (!shown.length) return;
    this.db.transaction(() => {
      for (const s of shown) this.show(s.chatId, s.numbering);
    })();
  }

  /** The chat's latest numbering, if it was ever shown one. */
  numbering(chatId: string): Numbering | undefined {
    const r = statement(this.db, "SELECT items, shown_in, shown_at FROM nudge_item_numbers WHERE chat_id = ?").get(chatId) as
      | { items: string; shown_in: Numbering["shownIn"]; shown_at: string }
      | undefined;
    if (!r) return undefined;
    const items = (JSON.parse(r.items) as [string, string][]).map(([deadlineId, due]) => ({ deadlineId, due }));
    return { items, shownIn: r.shown_in, shownAt: r.shown_at };
  }
}
