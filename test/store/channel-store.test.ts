import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ChannelStore } from "../../src/store/channel-store.js";
import { openDb } from "../../src/store/db.js";
import { migrations } from "../../src/store/migrations/index.js";
import { tempDir } from "../core/helpers.js";

const chat = { chatId: "dingtalk:cid1", channel: "dingtalk", chatType: "group" as const, target: "cid1", user: "u1" };

describe("ChannelStore message states", () => {
  it("receive → pending until marked handled; takeIn (at most once) records a message as handled at once", () => {
    const tmp = tempDir("zwgk-channel-store-");
    const db = openDb(path.join(tmp.dir, "bot.sqlite"));
    try {
      const store = new ChannelStore(db);
      expect(store.receive("m1", chat)).toBe("new");
      expect(store.chat("dingtalk:cid1")).toMatchObject({ target: "cid1", lastUser: "u1" });
      expect(store.receive("m1", chat)).toBe("pending");
      store.markHandled("dingtalk", "m1");
      expect(store.receive("m1", chat)).toBe("handled");
      expect(store.takeIn("w1", { ...chat, channel: "wecom", chatId: "wecom:g" })).toBe(true);
      expect(store.takeIn("w1", { ...chat, channel: "wecom", chatId: "wecom:g" })).toBe(false);
      expect(store.receive("w1", { ...chat, channel: "wecom", chatId: "wecom:g" })).toBe("handled");
    } finally {
      db.close();
      tmp.cleanup();
    }
  });

  it("migration 005 counts the messages taken in before it as handled (they were handled at once)", () => {
    const tmp = tempDir("zwgk-channel-store-");
    const file = path.join(tmp.dir, "bot.sqlite");
    try {
      // a database of the previous version: migrations up to 004 applied, one message taken in
      const before = migrations.filter((m) => m.id < "005");
      const old = new Database(file);
      old.exec("CREATE TABLE schema_migrations (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)");
      for (const m of before) {
        old.exec(m.sql);
        old.prepare("INSERT INTO schema_migrations (id, applied_at) VALUES (?, ?)").run(m.id, new Date().toISOString());
      }
      old.prepare("INSERT INTO channel_seen_messages (channel, message_id, seen_at) VALUES ('dingtalk', 'old', ?)").run(new Date().toISOString());
      old.close();
      const db = openDb(file);
      expect(new ChannelStore(db).receive("old", chat)).toBe("handled");
      db.close();
    } finally {
      tmp.cleanup();
    }
  });
});
