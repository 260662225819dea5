import fs from "node:fs";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONSOLE_PROMPT, runConsole } from "../../../src/channels/console/console-channel.js";
import { CLEAN_ROW, makeCoreWithNudges, realKnowledgeBase, tempDir, type CoreHarness } from "../../core/helpers.js";
import { bj, LEDGER, QUARTERLY } from "../../nudges/helpers.js";

/**
 * The newcomer flow of issue 14, replayed at the console as a first-time official would type
 * it, checking every reply: draft, save, draft another field and cancel, rows, export, delete
 * with confirmation, snooze without arguments, subscribe, ledger fill then status.
 */
describe("console: a newcomer's first session", () => {
  let tmp: ReturnType<typeof tempDir>;
  let h: CoreHarness;

  beforeAll(async () => {
    tmp = tempDir("zwgk-newcomer-");
    const kb = await realKnowledgeBase(tmp.dir);
    const now = () => bj("2026-11-30", "10:00");
    h = makeCoreWithNudges({ dbFile: path.join(tmp.dir, "bot.sqlite"), kb, nudges: { deadlines: [LEDGER, QUARTERLY], now, coordinators: ["console"] } });
  });
  afterAll(() => {
    h?.close();
    tmp?.cleanup();
  });

  /** Runs the lines; returns what was shown before the first prompt and after each line. */
  async function session(lines: string[], o: { maxUploadBytes?: number } = {}): Promise<{ greeting: string; replies: string[]; raw: string }> {
    const input = new PassThrough();
    const output = new PassThrough();
    let raw = "";
    output.on("data", (c: Buffer) => (raw += c.toString("utf8")));
    const done = runConsole({ core: h.core, input, output, filesDir: path.join(tmp.dir, "files"), cwd: tmp.dir, ...o });
    input.end(`${lines.join("\n")}\n`);
    await done;
    const [greeting = "", ...replies] = raw.split(CONSOLE_PROMPT);
    return { greeting, replies: replies.slice(0, lines.length), raw };
  }

  it("greets briefly, prompts for input, and every reply of the flow is right", async () => {
    const lines = [
      "/draft 农村集体土地征收",
      CLEAN_ROW.split("\n").join("；"),
      "/done",
      "/draft 社会救助",
      "/cancel",
      "/rows",
      "/export",
      "/delete 1",
      "2",
      "/delete 1",
      "1",
      "/rows",
      "/snooze",
      "/subscribe 青山镇人民政府",
      "/ledger fill",
      "完成26个试点领域事项梳理",
      "在县政府门户网站发布目录",
      "王五",
      "0393-7221234",
      "/status",
    ];
    const { greeting, replies, raw } = await session(lines);
    expect(raw.startsWith("您好！我是政务公开目录助手")).toBe(true);
    expect(greeting).toContain("发送 /help 查看全部命令");
    expect(greeting.split("\n").filter(Boolean).length).toBeLessThanOrEqual(4); // brief, not the whole help
    expect(greeting).not.toContain("/draft [领域]");
    // A prompt before each typed line, and a last one waiting when the input ends.
    expect(raw.split(CONSOLE_PROMPT)).toHaveLength(lines.length + 2);
    expect(raw.endsWith(`\n\n${CONSOLE_PROMPT}`)).toBe(true);

    const [draft, row, done, other, cancel, rows, exported, askDelete, keep, askAgain, deleted, rowsAfter, snooze, ...nudges] = replies as string[];
    const [subscribed, ledgerStart, , , , ledgerSaved, status] = nudges as string[];
    expect(draft).toContain("开始起草第1条（农村集体土地征收领域）");
    expect(draft).toContain("请填写【一级事项】");
    expect(row).toContain("全部要素已填写");
    expect(row).toContain("校验未发现问题");
    expect(done).toContain("✅ 已保存为第1条：征地前期准备 / 拟征收土地告知");
    // One chat holds one field's catalogue: another field is refused, nothing is relabelled.
    expect(other).toContain("本聊天的目录是“农村集体土地征收”领域，已保存 1 条");
    expect(other).toContain("请在另一个群或与我私聊发送 /draft 社会救助");
    expect(cancel).toContain("当前没有进行中的操作。");
    // The cancelled draft left the catalogue exactly as it was: its field, title and rows.
    expect(rows).toContain("农村集体土地征收领域目录共 1 条");
    expect(rows).toContain("1. 征地前期准备 / 拟征收土地告知（县自然资源局，信息形成或变更之日起20个工作日内）");
    expect(h.store.getSetting("console", "field")).toBe("农村集体土地征收");
    expect(exported).toContain("已导出《农村集体土地征收领域基层政务公开标准目录》，共 1 条");
    expect(exported).toMatch(/📎 文件已保存：.+农村集体土地征收领域基层政务公开标准目录\.xlsx/);
    // /delete asks first, with numbered choices; 2 keeps the row, 1 deletes it.
    expect(askDelete).toContain("确定要删除第1条吗？");
    expect(askDelete).toContain("[1] 🗑 确认删除第1条");
    expect(askDelete).toContain("[2] ↩️ 不删除");
    expect(keep).toContain("好的，没有删除。");
    expect(askAgain).toContain("确定要删除第1条吗？");
    expect(deleted).toContain("已删除第1条：征地前期准备 / 拟征收土地告知");
    expect(rowsAfter).toContain("本聊天的目录还没有保存的事项");
    // /snooze without arguments explains /snooze, not /ack.
    expect(snooze).toContain("例如 /snooze 2 1（第 1 项推迟 2 个工作日）或 /snooze 2 monthly-ledger");
    expect(snooze).not.toContain("/ack");
    // On 11-30 the ledger filled is December's (November's progress, December's plan, due 12-05) — the one /status shows.
    expect(subscribed).toContain("单位层级：乡级（按单位名称判断）");
    expect(ledgerStart).toContain("开始填报2026年12月工作台账（2026年11月工作进展、2026年12月工作计划）（青山镇人民政府），2026年12月5日前报送");
    expect(ledgerSaved).toContain("✅ 已保存2026年12月工作台账");
    expect(ledgerSaved).toContain("2026年12月5日截止的工作台账提醒已标记为完成");
    expect(status).toMatch(/\[monthly-ledger\][^\n]*\n截止 2026年12月5日（周六）[^\n]*已完成 1\/1/);
    expect(status).toContain("✅ 青山镇人民政府");
  });

  it("refuses a file over the upload limit from its size, without reading it", async () => {
    const big = path.join(tmp.dir, "大表.xlsx");
    fs.writeFileSync(big, "");
    fs.truncateSync(big, 3 * 1024 ** 3); // 3 GB, sparse: nothing is written to disk
    const { replies } = await session([`/check ${big}`, "大表.xlsx", "/check不存在.xlsx"], { maxUploadBytes: 10 * 1024 * 1024 });
    for (const r of replies.slice(0, 2)) {
      expect(r).toContain("文件“大表.xlsx”有 3072.0 MB，超过了 10.0 MB 的上限，没有读取");
    }
    expect(replies[2]).toContain(`找不到文件：${path.join(tmp.dir, "不存在.xlsx")}`);
  });
});
