/** The nudges' buttons (under each reminder): one typed value per button, packed as "nudge:…". */
import { colonCodec, wholeNumber } from "../core/feature.js";
import { isIsoDate, type IsoDate } from "./calendar.js";

export type NudgeButton =
  /** 已完成: the occurrence of deadline `deadlineId` due on `due` is done. */
  | { kind: "ack"; deadlineId: string; due: IsoDate }
  /** 推迟: remind again `days` working days later. */
  | { kind: "snooze"; deadlineId: string; due: IsoDate; days: number }
  /** 填报台账 for month "YYYY-MM". */
  | { kind: "ledger"; month: string };

export const nudgeButtons = colonCodec<NudgeButton>(
  "nudge",
  (b) => (b.kind === "ledger" ? ["ledger", b.month] : b.kind === "ack" ? ["ack", b.deadlineId, b.due] : ["snooze", b.deadlineId, b.due, b.days]),
  ([action, a, b, c]) => {
    if (action === "ledger") return a && /^\d{4}-\d{2}$/.test(a) ? { kind: "ledger", month: a } : null;
    if (!a || !b || !isIsoDate(b)) return null;
    if (action === "ack") return { kind: "ack", deadlineId: a, due: b };
    // Buttons sent before the day count was added to the data mean one working day.
    const days = c === undefined ? 1 : wholeNumber(c);
    return action === "snooze" && days !== null ? { kind: "snooze", deadlineId: a, due: b, days } : null;
  },
);
