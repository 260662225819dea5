import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { draftButtons, type DraftButton } from "../../src/core/drafting/buttons.js";
import { channelKeyboard, completeChoices, promptFor } from "../../src/core/drafting/steps.js";
import { DRAFT_ELEMENTS } from "../../src/core/drafting/values.js";
import { emptyRow } from "../../src/catalogue/index.js";
import type { InboundMessage } from "../../src/core/types.js";
import { nudgeButtons, type NudgeButton } from "../../src/nudges/buttons.js";
import { nudgeReplies } from "../../src/nudges/text.js";
import { bj, LEDGER, QUARTERLY } from "../nudges/helpers.js";
import { catalogueKnowledge, makeCoreWithNudges, realKnowledgeBase, tempDir, textOf, type CoreHarness } from "./helpers.js";

/**
 * Every command of every registered feature, with an argument that does not start with a
 * Latin letter (so it may be glued to the name). Adding a command without adding it here fails.
 */
const ARGS: Record<string, string> = {
  start: "２",
  help: "２",
  ask: "公开时限应该怎么写？",
  draft: "农村集体土地征收",
  done: "２",
  rows: "２",
  edit: "1",
  delete: "1",
  export: "２",
  check: "２",
  subscribe: "城关镇人民政府",
  unsubscribe: "２",
  deadlines: "２",
  ack: "２",
  snooze: "2",
  due: "2026-09-28 7",
  deadline: "删除 c1",
  status: "２",
  ledger: "导出",
  cancel: "２",
};

describe("features: one registration drives the menu, /help and routing; one parser for all", () => {
  let tmp: ReturnType<typeof tempDir>;
  let h: CoreHarness;
  const now = bj("2026-09-24", "10:00");

  beforeAll(async () => {
    tmp = tempDir("zwgk-features-");
    const kb = await realKnowledgeBase(tmp.dir);
    h = makeCoreWithNudges({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, nudges: { deadlines: [LEDGER, QUARTERLY], now: () => now } });
  });
  afterAll(() => {
    h?.close();
    tmp?.cleanup();
  });

  it("lists every registered command once in the menu and explains it in /help", async () => {
    const menu = h.core.commands().map((c) => c.command);
    expect(new Set(menu).size).toBe(menu.length);
    expect([...menu].sort()).toEqual(Object.keys(ARGS).sort());
    const help = textOf(await h.say("/help"));
    for (const name of menu.filter((n) => n !== "start" && n !== "help")) expect(help).toContain(`/${name}`);
    expect(help.indexOf("❓ 提问")).toBeLessThan(help.indexOf("📝 起草目录"));
    expect(help.indexOf("📝 起草目录")).toBeLessThan(help.indexOf("⏰ 截止提醒"));
  });

  /** The same command written four ways, each in a fresh chat: every reply must be the same. */
  it.each(Object.entries(ARGS))("/%s: glued, full-width and @bot forms route like the spaced form", async (name, args) => {
    const forms = [`/${name} ${args}`, `/${name}${args}`, `／${name}\u3000${args}`, `/${name}@zwgk_bot ${args}`];
    const replies: string[] = [];
    for (const [i, text] of forms.entries()) {
      const chatId = `${name}-${i}`;
      const out = textOf(await h.say(text, { chatId, now } as Partial<InboundMessage>));
      replies.push(out.replaceAll(chatId, "<chat>"));
    }
    expect(replies[0]).not.toContain("这个命令");
    for (const r of replies.slice(1)) expect(r).toBe(replies[0]);
  });

  it("the glued forms do what they say", async () => {
    const exported = await h.say("/ledger导出", { chatId: "glued", now });
    expect(exported[0]?.files?.[0]?.name).toMatch(/^工作台账-2026-\d\d\.xlsx$/);
    expect(textOf(await h.say("/snooze2", { chatId: "glued", now }))).toContain("例如 /snooze 2 1（第 1 项推迟 2 个工作日）或 /snooze 2 monthly-ledger");
    expect(textOf(await h.say("/snooze2 monthly-ledger", { chatId: "glued", now }))).toContain("💤 已推迟「基层政务公开事项标准目录编制工作台账」");
    expect(textOf(await h.say("/draft农村集体土地征收", { chatId: "glued" }))).toContain("开始起草第1条（农村集体土地征收领域）");
  });
});

describe("typed button data", () => {
  const draftValues: DraftButton[] = [
    { kind: "value", key: "timeLimit", index: 0 },
    { kind: "value", key: "level2", index: 17 },
    { kind: "channel", index: -1 },
    { kind: "channel", index: 12 },
    { kind: "channelsDone" },
    { kind: "extraction", adopt: true, nonce: "0123456789" },
    { kind: "extraction", adopt: false, nonce: "abcdef0123" },
    { kind: "pick" },
    ...DRAFT_ELEMENTS.map((key) => ({ kind: "element", key }) as const),
    { kind: "save" },
    { kind: "force", nonce: "0123456789" },
    { kind: "delete", seq: 3, nonce: "0123456789" },
    { kind: "keep" },
  ];
  const nudgeValues: NudgeButton[] = [
    { kind: "ack", deadlineId: "monthly-ledger", due: "2026-10-05" },
    { kind: "snooze", deadlineId: "c12", due: "2026-12-31", days: 1 },
    { kind: "ledger", month: "2026-10" },
  ];

  it.each([...draftValues.map((v) => [draftButtons, v] as const), ...nudgeValues.map((v) => [nudgeButtons, v] as const)])(
    "%#: pack → unpack gives the value back, within Telegram's 64 bytes",
    (codec, value) => {
      const data = (codec as typeof draftButtons).pack(value as DraftButton);
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(data.startsWith(`${codec.prefix}:`)).toBe(true);
      expect((codec as typeof draftButtons).unpack(data)).toEqual(value);
    },
  );

  it.each(["d:force", "d:v:nosuch:1", "d:v:timeLimit:x", "d:x:2:0123456789", "d:del:0:0123456789", "d:zz", "nudge:ack:x", "nudge:snooze:a:2026-13-01:1", "nudge:ledger:10", "x:save", ""])(
    "refuses malformed or foreign data %j",
    (data) => {
      expect(draftButtons.unpack(data) ?? nudgeButtons.unpack(data)).toBeNull();
    },
  );

  it("reads the nudge buttons sent before the snooze day count was part of the data", () => {
    expect(nudgeButtons.unpack("nudge:snooze:quarterly:2026-09-30")).toEqual({ kind: "snooze", deadlineId: "quarterly", due: "2026-09-30", days: 1 });
  });

  it("every button the bot draws unpacks with its feature's codec", () => {
    const k = catalogueKnowledge();
    const draft = { row: emptyRow(null) };
    const choices = [
      ...[...DRAFT_ELEMENTS, "pick" as const].flatMap((step) => promptFor(step, draft, "农村集体土地征收", k).choices ?? []),
      ...channelKeyboard("农村集体土地征收", k, ["政府网站", "其他"]),
      ...completeChoices(true),
    ].flat();
    expect(choices.length).toBeGreaterThan(20);
    for (const c of choices) expect(draftButtons.unpack(c.data), c.data).not.toBeNull();
    const nudge = nudgeReplies({ deadline: LEDGER, due: "2026-10-05", now: bj("2026-09-29", "09:00"), ledger: { month: "2026-10", reported: false } });
    const nudgeChoices = nudge.flatMap((r) => r.choices ?? []).flat();
    expect(nudgeChoices).toHaveLength(3);
    for (const c of nudgeChoices) expect(nudgeButtons.unpack(c.data), c.data).not.toBeNull();
  });
});
