import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/config.js";
import type { InboundMessage } from "../../src/core/types.js";
import { handleNudgeCommand } from "../../src/nudges/commands.js";
import { loadDeadlines } from "../../src/nudges/deadlines.js";
import { createTick } from "../../src/nudges/scheduler.js";
import { appliesTo, inferUnitLevel, parseUnitArg } from "../../src/nudges/unit-level.js";
import { bj, recordingOutbox, silentLogger, useTempDb } from "./helpers.js";

describe("unit levels", () => {
  it.each([
    ["青山镇人民政府", "乡级"],
    ["城关镇", "乡级"],
    ["红星乡人民政府", "乡级"],
    ["某市某区东湖街道办事处", "乡级"],
    ["和平社区居民委员会", "乡级"],
    ["清丰县人民政府", "县级"],
    ["清丰县城乡建设局", "县级"],
    ["南山区政务服务数据管理局", "县级"],
    ["嘉鱼县乡村振兴局", "县级"],
    ["某某市人民政府办公室", "县级"],
    ["政务公开工作群", undefined],
    [undefined, undefined],
  ])("%s → %s", (name, level) => {
    expect(inferUnitLevel(name)).toBe(level);
  });

  it("reads a level stated after the unit name", () => {
    expect(parseUnitArg("青山镇人民政府 乡级")).toEqual({ name: "青山镇人民政府", level: "乡级" });
    expect(parseUnitArg("城区办事处（县级）")).toEqual({ name: "城区办事处", level: "县级" });
    expect(parseUnitArg("青山镇人民政府")).toEqual({ name: "青山镇人民政府" });
    expect(parseUnitArg("城关镇 镇级")).toEqual({ name: "城关镇", level: "乡级" });
    // a level no 基层 unit has is said so, never kept as part of the name
    expect(parseUnitArg("城关镇 省级").error).toContain("只能是县级或乡级");
    expect(parseUnitArg("城关镇 省级").name).toBe("城关镇");
  });

  it("a deadline without a level binds both; a unit of unknown level gets every deadline", () => {
    expect(appliesTo({}, "乡级")).toBe(true);
    expect(appliesTo({ level: "县级" }, "乡级")).toBe(false);
    expect(appliesTo({ level: "县级" }, undefined)).toBe(true);
  });
});

describe("shipped deadlines by level", () => {
  const deadlines = loadDeadlines(path.join(PACKAGE_ROOT, "knowledge", "deadlines.yaml"));
  const t = useTempDb();
  const say = async (chatId: string, text: string, now = bj("2026-01-05", "10:00")) => {
    const msg: InboundMessage = { chatId, chatType: "group", senderId: "u1", senderName: "张三", text, mentioned: false, replyToBot: false, isAdmin: true, now };
    return ((await handleNudgeCommand(msg, { db: t.db, deadlines })) ?? []).map((r) => r.text).join("\n");
  };

  it("a township is not given county-level duties, in /subscribe, /deadlines, /status and the nudges", async () => {
    const sub = await say("-1", "/subscribe 青山镇人民政府");
    expect(sub).toContain("单位层级：乡级（按单位名称判断）");
    expect(sub).not.toContain("县级以上人民政府部门提交");
    expect(await say("-1", "/deadlines")).not.toContain("县级以上");
    expect(await say("-2", "/subscribe 清丰县人民政府")).toContain("县级以上人民政府部门提交上一年度政府信息公开工作年度报告");
    expect(await say("-3", "/subscribe 青山镇人民政府 县级")).toContain("单位层级：县级（登记时注明）");
    const status = await say("-1", "/status");
    expect(status).not.toContain("县级以上");

    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines, outbox: box.outbox, logger: silentLogger });
    // 2026-01-16 09:00: dept-annual-report (due 01-31 → W0 01-30) offset 10.
    const sent = await tick(bj("2026-01-16", "09:00"));
    expect(sent.filter((s) => s.deadline === "dept-annual-report").map((s) => s.chatId).sort()).toEqual(["-2", "-3"]);
  });

  // trial 2 finding 10: /unsubscribe stops the reminders, it does not erase what the chat told us
  it.each([
    ["/deadlines after /unsubscribe", ["/unsubscribe"], "/deadlines"],
    ["/subscribe again without a name", ["/unsubscribe"], "/subscribe"],
    ["/subscribe again, then /deadlines", ["/unsubscribe", "/subscribe"], "/deadlines"],
  ])("a stated level holds: %s", async (_case, before, last) => {
    await say("-7", "/subscribe 城区办事处 乡级");
    for (const text of before) await say("-7", text);
    const reply = await say("-7", last);
    expect(reply).toContain("本群为乡级单位");
    expect(reply).not.toContain("县级以上");
  });

  it("a resubscribed chat keeps its unit name and level; a level alone updates it", async () => {
    await say("-8", "/subscribe 城区办事处 乡级");
    expect(await say("-8", "/unsubscribe")).toContain("已取消订阅");
    expect(await say("-8", "/deadlines")).toContain("本群已取消订阅提醒：管理员发送 /subscribe 即可恢复（沿用单位名称“城区办事处”和层级（乡级））");
    const again = await say("-8", "/subscribe");
    expect(again).toContain("已订阅截止提醒");
    expect(again).toContain("单位名称：城区办事处");
    expect(again).toContain("单位层级：乡级（登记时注明）");
    // one locality's deadlines are reminded everywhere: the reply says how to stop one that does not apply
    expect(again).toMatch(/标注了地方的事项（[^）]*广东[^）]*）出自当地的通知，本地不适用的发送 \/unsubscribe 编号 停止这一项的提醒/);
    expect(await say("-8", "/subscribe 县级")).toContain("单位层级：县级（登记时注明）");
  });

  it("an unsubscribed chat gets no nudges and is not listed in /status", async () => {
    await say("-9", "/subscribe 清丰县人民政府");
    await say("-10", "/subscribe 南山区政务服务数据管理局");
    await say("-9", "/unsubscribe");
    expect(await say("-10", "/status")).toContain("本群完成情况");
    const box = recordingOutbox();
    const tick = createTick({ db: t.db, deadlines, outbox: box.outbox, logger: silentLogger });
    const sent = await tick(bj("2026-01-16", "09:00"));
    expect([...new Set(sent.map((s) => s.chatId))]).toEqual(["-10"]);
  });
});
