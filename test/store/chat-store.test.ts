import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ChatStore } from "../../src/store/chat-store.js";
import { openDb, type Db } from "../../src/store/db.js";
import { migrations } from "../../src/store/migrations/index.js";
import { openTempStore } from "./helpers.js";

describe("ChatStore", () => {
  let file: string;
  let db: Db;
  let store: ChatStore;
  let close: () => void;

  beforeEach(() => {
    ({ file, db, store, close } = openTempStore("zwgk-store-"));
  });
  afterEach(() => close());

  it("applies the core migration once, in id order, in WAL mode", () => {
    const ids = migrations.map((m) => m.id);
    expect(ids).toContain("001-core");
    expect([...ids].sort()).toEqual(ids);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
    db = openDb(file); // reopening does not re-run it
    store = new ChatStore(db);
    const applied = db.prepare("SELECT id FROM schema_migrations WHERE id = '001-core'").all();
    expect(applied).toHaveLength(1);
  });

  it("numbers rows 1..n per chat and keeps chats apart", () => {
    expect(store.addRow("a", { n: "a1" })).toBe(1);
    expect(store.addRow("b", { n: "b1" })).toBe(1);
    expect(store.addRow("a", { n: "a2" })).toBe(2);
    expect(store.addRow("a", { n: "a3" })).toBe(3);
    expect(store.listRows("a").map((r) => [r.seq, r.row])).toEqual([
      [1, { n: "a1" }],
      [2, { n: "a2" }],
      [3, { n: "a3" }],
    ]);
    expect(store.listRows("b").map((r) => r.row)).toEqual([{ n: "b1" }]);
    expect(store.listRows("c")).toEqual([]);
  });

  it("replaces and deletes by seq; later rows move up", () => {
    ["x1", "x2", "x3"].forEach((n) => store.addRow("a", { n }));
    store.addRow("b", { n: "other" });
    expect(store.replaceRow("a", 2, { n: "x2'" })).toBe(true);
    expect(store.deleteRow("a", 1)).toBe(true);
    expect(store.listRows("a").map((r) => [r.seq, r.row])).toEqual([
      [1, { n: "x2'" }],
      [2, { n: "x3" }],
    ]);
    expect(store.deleteRow("a", 5)).toBe(false);
    expect(store.replaceRow("a", 0, {})).toBe(false);
    expect(store.countRows("b")).toBe(1);
    expect(store.addRow("a", { n: "x4" })).toBe(3);
  });

  it("stores conversation state, drafts and settings per chat, and survives reopening", () => {
    store.setConversation("a", { awaiting: "workbook" });
    store.setDraft("a", { row: { level1: "征地前期准备" }, step: "level2" });
    store.setSetting("a", "field", "农村集体土地征收");
    store.setSetting("b", "field", "城乡规划");
    db.close();
    db = openDb(file);
    store = new ChatStore(db);
    expect(store.getConversation("a")).toEqual({ awaiting: "workbook" });
    expect(store.getDraft("a")).toEqual({ row: { level1: "征地前期准备" }, step: "level2" });
    expect(store.getDraft("b")).toBeUndefined();
    expect(store.getSetting("a", "field")).toBe("农村集体土地征收");
    expect(store.getSetting("b", "field")).toBe("城乡规划");
    store.setDraft("a", undefined);
    store.setConversation("a", undefined);
    store.setSetting("a", "field", undefined);
    expect(store.getDraft("a")).toBeUndefined();
    expect(store.getConversation("a")).toBeUndefined();
    expect(store.getSetting("a", "field")).toBeUndefined();
  });

  it("reads a damaged JSON record as missing instead of throwing", () => {
    db.prepare("INSERT INTO drafts (chat_id, draft, updated_at) VALUES ('z', '{not json', 'x')").run();
    expect(store.getDraft("z")).toBeUndefined();
  });

  it("replaceAllRows swaps the chat's catalogue in one transaction", () => {
    store.addRow("a", { n: 1 });
    store.replaceAllRows("a", [{ n: "new1" }, { n: "new2" }]);
    expect(store.listRows("a").map((r) => r.row)).toEqual([{ n: "new1" }, { n: "new2" }]);
  });
});
