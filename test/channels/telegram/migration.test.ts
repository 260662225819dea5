import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTelegram, type TelegramChannel } from "../../../src/channels/telegram/start-telegram.js";
import { migrateChat } from "../../../src/store/migrate-chat.js";
import { logger, makeCore, realKnowledgeBase, sampleCatalogue, tempDir, type CoreHarness } from "../../core/helpers.js";
import { startFakeBotApi, type FakeBotApi, type FakeChat, type FakeUser } from "./fake-bot-api.js";

describe("Telegram group upgraded to a supergroup (fake Bot API)", () => {
  let tmp: ReturnType<typeof tempDir>;
  let api: FakeBotApi;
  let h: CoreHarness;
  let channel: TelegramChannel;
  const migrations: [string, string][] = [];

  const alice: FakeUser = { id: 101, is_bot: false, first_name: "张科员" };
  const oldGroup: FakeChat = { id: -500, type: "group", title: "县政务公开工作群" };
  const newGroup: FakeChat = { id: -1001234567890, type: "supergroup", title: "县政务公开工作群" };

  beforeAll(async () => {
    tmp = tempDir("zwgk-tg-migrate-");
    api = await startFakeBotApi();
    const kb = await realKnowledgeBase(tmp.dir);
    h = makeCore({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb });
    channel = await startTelegram({
      core: h.core,
      logger,
      token: api.token,
      apiRoot: api.apiRoot,
      maxUploadBytes: 2 * 1024 * 1024,
      onChatMigrated: (from, to) => {
        migrations.push([from, to]);
        migrateChat(h.db, from, to);
      },
    });
  });
  afterAll(async () => {
    await channel?.stop();
    await api?.stop();
    h?.close();
    tmp?.cleanup();
  });

  it("after the migration messages, /rows in the new chat lists the rows saved under the old id", async () => {
    const [first] = sampleCatalogue().rows;
    const [second] = sampleCatalogue({ level2: "征地补偿安置方案公告" }).rows;
    h.store.addRow(String(oldGroup.id), first);
    h.store.addRow(String(oldGroup.id), second);

    const now = Math.floor(Date.now() / 1000);
    // What Telegram sends on an upgrade: a service message in each chat, naming the other.
    api.injectUpdate({ message: { message_id: 9001, date: now, chat: oldGroup, from: alice, migrate_to_chat_id: newGroup.id } });
    api.injectUpdate({ message: { message_id: 1, date: now, chat: newGroup, from: alice, migrate_from_chat_id: oldGroup.id } });

    // Updates of one chat are handled in order, so /rows in the new chat runs after its migration message.
    const mark = api.mark();
    api.sendText({ chat: newGroup, from: alice, text: "/rows@zwgk_test_bot" });
    const listed = await api.waitFor((r) => r.chatId === newGroup.id, { after: mark });
    expect(listed.text).toContain("目录共 2 条");
    expect(listed.text).toContain("1. 征地前期准备 / 拟征收土地告知");
    expect(listed.text).toContain("2. 征地前期准备 / 征地补偿安置方案公告");

    await expect.poll(() => migrations.length).toBe(2);
    expect(migrations).toEqual([
      [String(oldGroup.id), String(newGroup.id)],
      [String(oldGroup.id), String(newGroup.id)],
    ]);
    expect(h.store.countRows(String(oldGroup.id))).toBe(0);
    expect(h.store.countRows(String(newGroup.id))).toBe(2);
    // The service messages themselves get no reply.
    expect(api.sent.filter((r) => r.chatId === oldGroup.id)).toEqual([]);
    expect(api.sent.slice(mark).filter((r) => r.chatId === newGroup.id)).toHaveLength(1);
  });
});
