import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatStore } from "../../src/store/chat-store.js";
import type { Db } from "../../src/store/db.js";
import { moveNudgesChat } from "../../src/nudges/migration.js";
import { migrateChat } from "../../src/store/migrate-chat.js";
import { openTempStore } from "./helpers.js";

const OLD = "-500";
const NEW = "-1001234567890";
const AT = "2026-03-02T01:00:00.000Z";

/** Every table with a chat_id column, from the live schema (so a new table is not missed). */
function chatTables(db: Db): string[] {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[];
  return tables
    .map((t) => t.name)
    .filter((name) => (db.prepare(`PRAGMA table_info(${name})`).all() as { name: string }[]).some((c) => c.name === "chat_id"))
    .sort();
}

function countsFor(db: Db, chatId: string): Record<string, number> {
  return Object.fromEntries(
    chatTables(db).map((t) => [t, (db.prepare(`SELECT COUNT(*) AS n FROM ${t} WHERE chat_id = ?`).get(chatId) as { n: number }).n]),
  );
}

/** Puts one row (or more) under `chatId` in every chat-keyed table. */
function seedChat(db: Db, store: ChatStore, chatId: string, tag: string): void {
  store.addRow(chatId, { n: `${tag}1` });
  store.addRow(chatId, { n: `${tag}2` });
  store.setDraft(chatId, { row: { level1: `${tag}-draft` } });
  store.setConversation(chatId, { awaiting: `${tag}-workbook` });
  store.setSetting(chatId, "field", `${tag}-field`);
  const run = (sql: string, ...args: unknown[]) => db.prepare(sql).run(...args);
  run("INSERT INTO nudge_subscriptions (chat_id, unit_name, subscribed_by, subscribed_at) VALUES (?, ?, 'u1', ?)", chatId, `${tag}-unit`, AT);
  run("INSERT INTO nudge_mutes (chat_id, deadline_id) VALUES (?, 'monthly-report')", chatId);
  run("INSERT INTO nudge_chat_deadlines (chat_id, deadline, created_by, created_at) VALUES (?, ?, 'u1', ?)", chatId, JSON.stringify({ title: `${tag}-own` }), AT);
  run(
    `INSERT INTO nudge_deliveries (deadline_id, due, remind_offset, chat_id, send_on, status, claimed_at)
     VALUES ('monthly-report', '2026-03-05', 3, ?, '2026-03-02', 'sent', ?)`,
    chatId,
    AT,
  );
  run("INSERT INTO nudge_acks (chat_id, deadline_id, due, acked_by, acked_at) VALUES (?, 'monthly-report', '2026-03-05', ?, ?)", chatId, `${tag}-acker`, AT);
  run(
    "INSERT INTO nudge_snoozes (chat_id, deadline_id, due, until, snoozed_by, snoozed_at) VALUES (?, 'annual', '2026-12-31', '2026-12-20', 'u1', ?)",
    chatId,
    AT,
  );
  run(
    `INSERT INTO nudge_ledger_entries (chat_id, month, unit_name, done, plan, contact, phone, reported_by, reported_at)
     VALUES (?, '2026-02', ?, '完成目录编制', '开展自查', '王主任', '0731-1234567', 'u1', ?)`,
    chatId,
    `${tag}-unit`,
    AT,
  );
  run("INSERT INTO nudge_ledger_sessions (chat_id, user_id, month, step, draft, updated_at) VALUES (?, 'u1', '2026-03', 'done', '{}', ?)", chatId, AT);
  run("INSERT INTO nudge_proactive_sends (chat_id, day, sent) VALUES (?, '2026-03-02', 1)", chatId);
  run("INSERT INTO nudge_item_numbers (chat_id, items, shown_in, shown_at) VALUES (?, '[[\"monthly-report\",\"2026-03-05\"]]', 'reminder', ?)", chatId, AT);
  run("INSERT INTO channel_chats (chat_id, channel, chat_type, target, first_seen, last_seen) VALUES (?, 'telegram', 'group', ?, ?, ?)", chatId, chatId, AT, AT);
  store.setLastQuestion(chatId, "u1", `${tag}-question`, new Date(AT));
}

describe("migrateChat", () => {
  let db: Db;
  let store: ChatStore;
  let close: () => void;

  beforeEach(() => {
    ({ db, store, close } = openTempStore("zwgk-migrate-chat-"));
  });
  afterEach(() => close());

  it("moves every chat-keyed row from the old id to the new one, leaving other chats alone", () => {
    seedChat(db, store, OLD, "old");
    store.addRow("-777", { n: "bystander" });
    const before = countsFor(db, OLD);
    expect(Object.values(before).every((n) => n > 0)).toBe(true); // the seed covers every table

    const result = migrateChat(db, OLD, NEW, [moveNudgesChat]);

    expect(countsFor(db, OLD)).toEqual(Object.fromEntries(Object.keys(before).map((t) => [t, 0])));
    expect(countsFor(db, NEW)).toEqual(before);
    expect(result.moved).toEqual(before);
    expect(result.dropped).toEqual({});
    expect(store.listRows(NEW).map((r) => [r.seq, r.row])).toEqual([
      [1, { n: "old1" }],
      [2, { n: "old2" }],
    ]);
    expect(store.getDraft(NEW)).toEqual({ row: { level1: "old-draft" } });
    expect(store.getConversation(NEW)).toEqual({ awaiting: "old-workbook" });
    expect(store.getSetting(NEW, "field")).toBe("old-field");
    expect(store.lastQuestion(NEW, "u1")?.question).toBe("old-question");
    const sub = db.prepare("SELECT unit_name FROM nudge_subscriptions WHERE chat_id = ?").get(NEW) as { unit_name: string };
    expect(sub.unit_name).toBe("old-unit");
    const delivery = db.prepare("SELECT status FROM nudge_deliveries WHERE chat_id = ?").get(NEW) as { status: string };
    expect(delivery.status).toBe("sent");
    const ledger = db.prepare("SELECT done FROM nudge_ledger_entries WHERE chat_id = ? AND month = '2026-02'").get(NEW) as { done: string };
    expect(ledger.done).toBe("完成目录编制");
    // The chat-added deadline keeps its seq, so its id (c<seq>) in acks and deliveries stays valid.
    const own = db.prepare("SELECT seq FROM nudge_chat_deadlines WHERE chat_id = ?").all(NEW) as { seq: number }[];
    expect(own).toEqual([{ seq: 1 }]);
    expect(store.listRows("-777").map((r) => r.row)).toEqual([{ n: "bystander" }]);
  });

  it("is idempotent: a second run (Telegram's second message) changes nothing", () => {
    seedChat(db, store, OLD, "old");
    migrateChat(db, OLD, NEW, [moveNudgesChat]);
    const dump = () => chatTables(db).map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all());
    const after = dump();
    expect(migrateChat(db, OLD, NEW, [moveNudgesChat])).toEqual({ moved: {}, dropped: {} });
    expect(dump()).toEqual(after);
    expect(migrateChat(db, NEW, NEW, [moveNudgesChat])).toEqual({ moved: {}, dropped: {} });
    expect(dump()).toEqual(after);
  });

  it("on key clashes keeps the new chat's row, and keeps all catalogue rows (old ones appended)", () => {
    seedChat(db, store, OLD, "old");
    store.addRow(NEW, { n: "new1" });
    store.setDraft(NEW, { row: { level1: "new-draft" } });
    store.setSetting(NEW, "unit", "县政务公开办");
    db.prepare("INSERT INTO nudge_subscriptions (chat_id, unit_name, subscribed_by, subscribed_at) VALUES (?, 'new-unit', 'u2', ?)").run(NEW, AT);

    const result = migrateChat(db, OLD, NEW, [moveNudgesChat]);

    expect(store.listRows(NEW).map((r) => r.row)).toEqual([{ n: "new1" }, { n: "old1" }, { n: "old2" }]);
    expect(store.getDraft(NEW)).toEqual({ row: { level1: "new-draft" } });
    expect(store.getSetting(NEW, "field")).toBe("old-field");
    expect(store.getSetting(NEW, "unit")).toBe("县政务公开办");
    const sub = db.prepare("SELECT unit_name FROM nudge_subscriptions WHERE chat_id = ?").all(NEW);
    expect(sub).toEqual([{ unit_name: "new-unit" }]);
    expect(result.dropped).toEqual({ drafts: 1, nudge_subscriptions: 1 });
    expect(Object.values(countsFor(db, OLD)).every((n) => n === 0)).toBe(true);
  });

  it("rolls back entirely when a step fails", () => {
    seedChat(db, store, OLD, "old");
    db.exec(`CREATE TRIGGER fail_ledger BEFORE UPDATE ON nudge_ledger_sessions BEGIN SELECT RAISE(ABORT, 'boom'); END`);
    const before = countsFor(db, OLD);
    expect(() => migrateChat(db, OLD, NEW, [moveNudgesChat])).toThrow(/boom/);
    expect(countsFor(db, OLD)).toEqual(before);
    expect(Object.values(countsFor(db, NEW)).every((n) => n === 0)).toBe(true);
  });
});
