import fs from "node:fs";
import { afterAll, beforeAll } from "vitest";
import os from "node:os";
import path from "node:path";
import { loadCatalogueKnowledge, type Catalogue, type Row } from "../../src/catalogue/index.js";
import { loadConfig, PACKAGE_ROOT } from "../../src/config.js";
import { createBotCore, type BotCore, type Feature } from "../../src/core/bot-core.js";
import type { RowExtractor } from "../../src/core/drafting/llm-extract.js";
import type { InboundMessage, Reply } from "../../src/core/types.js";
import { loadFields } from "../../src/knowledge/fields.js";
import { openKnowledgeBase } from "../../src/knowledge/knowledge-base.js";
import type { KnowledgeBase } from "../../src/knowledge/types.js";
import { createLogger } from "../../src/log.js";
import { ChatStore } from "../../src/store/chat-store.js";
import { nudgesFeature, type NudgeCommandDeps } from "../../src/nudges/index.js";
import { openDb, type Db } from "../../src/store/db.js";

export const logger = createLogger("silent");
export const knowledgeDir = path.join(PACKAGE_ROOT, "knowledge");
export const catalogueKnowledge = () => loadCatalogueKnowledge(knowledgeDir);

/** A temp dir removed by the returned cleanup. */
export function tempDir(prefix = "zwgk-core-"): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens the real knowledge base with its index in `dataDir`. */
export async function realKnowledgeBase(dataDir: string): Promise<KnowledgeBase> {
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  return openKnowledgeBase({ config, logger });
}

export interface CoreHarness {
  core: BotCore;
  db: Db;
  store: ChatStore;
  dbFile: string;
  /** Sends a message as a private user of chat `chatId` (default "p1"). */
  say(text: string, o?: Partial<InboundMessage>): Promise<Reply[]>;
  press(data: string, o?: Partial<InboundMessage>): Promise<Reply[]>;
  send(o: Partial<InboundMessage>): Promise<Reply[]>;
  close(): void;
}

/** A core over a real SQLite file and the given knowledge base. */
export function makeCore(o: {
  dbFile: string;
  kb: KnowledgeBase;
  extractor?: RowExtractor;
  features?: Feature[];
  maxUploadBytes?: number;
  adminUserIds?: string[];
}): CoreHarness {
  const db = openDb(o.dbFile, (o.features ?? []).flatMap((f) => f.migrations ?? []));
  const store = new ChatStore(db);
  const core = createBotCore({
    store,
    knowledgeBase: o.kb,
    catalogue: catalogueKnowledge(),
    fields: loadFields(knowledgeDir),
    logger,
    maxUploadBytes: o.maxUploadBytes ?? 10 * 1024 * 1024,
    extractor: o.extractor,
    features: o.features,
    adminUserIds: o.adminUserIds,
  });
  const base: InboundMessage = { chatId: "p1", chatType: "private", senderId: "u1", mentioned: false, replyToBot: false, isAdmin: true };
  const send = (m: Partial<InboundMessage>) => core.handle({ ...base, ...m });
  return {
    core,
    db,
    store,
    dbFile: o.dbFile,
    send,
    say: (text, m = {}) => send({ ...m, text }),
    press: (data, m = {}) => send({ ...m, choice: data }),
    close: () => db.close(),
  };
}

/** A core with the nudges feature wired as in main.ts, over the harness's own database. */
export function makeCoreWithNudges(o: Omit<Parameters<typeof makeCore>[0], "features"> & { nudges: Omit<NudgeCommandDeps, "db"> }): CoreHarness {
  const holder: { h?: CoreHarness } = {};
  const h = makeCore({ ...o, features: [nudgesFeature(() => ({ ...o.nudges, db: (holder.h as CoreHarness).db }))] });
  holder.h = h;
  return h;
}

/** All reply texts joined. */
export function textOf(replies: Reply[]): string {
  return replies.map((r) => r.text).join("\n---\n");
}

/** The data of the button labelled `label` (exact or containing), or throws. */
export function buttonData(replies: Reply[], label: string): string {
  for (const r of replies) {
    for (const row of r.choices ?? []) {
      for (const c of row) if (c.label === label || c.label.includes(label)) return c.data;
    }
  }
  throw new Error(`no button "${label}" in:\n${textOf(replies)}`);
}

/** A complete, clean labelled row (no error, no warning in 农村集体土地征收). */
export const CLEAN_ROW = [
  "一级事项：征地前期准备",
  "二级事项：拟征收土地告知",
  "公开内容：拟征收土地的范围、征收目的、开展土地现状调查的安排",
  "公开依据：《中华人民共和国土地管理法》、《中华人民共和国土地管理法实施条例》",
  "公开时限：信息形成或变更之日起20个工作日内",
  "公开主体：县自然资源局",
  "公开渠道：政府网站、征地信息公开平台、社区/企事业单位/村公示栏（电子屏）",
  "公开对象：全社会",
  "公开方式：主动",
  "公开层级：县级、乡级",
].join("\n");

/** A one-row 农村集体土地征收 catalogue whose 公开时限 trips R07; `row` overrides elements. */
export function sampleCatalogue(row: Partial<Row> = {}): Catalogue {
  return {
    title: "农村集体土地征收领域基层政务公开标准目录",
    field: "农村集体土地征收",
    columns: [],
    extraColumns: [],
    rows: [
      {
        seq: 1, level1: "征地前期准备", level2: "拟征收土地告知", content: ["征收范围"], basis: ["《中华人民共和国土地管理法》"],
        timeLimit: "及时公开", subject: "县自然资源局", channels: ["政府网站"], audience: { kind: "全社会" }, mode: "主动", levels: ["县级"],
        ...row,
      } as Row,
    ],
  };
}

/**
 * A core on the real knowledge base and a temporary SQLite file, opened before the describe block
 * it is called in and closed after it; read `h`, `kb` and `dir` inside the tests.
 */
export function coreSuite(options: Omit<Parameters<typeof makeCore>[0], "dbFile" | "kb"> = {}): { readonly h: CoreHarness; readonly kb: KnowledgeBase; readonly dir: string } {
  const state: { h?: CoreHarness; kb?: KnowledgeBase; tmp?: ReturnType<typeof tempDir> } = {};
  beforeAll(async () => {
    state.tmp = tempDir();
    state.kb = await realKnowledgeBase(state.tmp.dir);
    state.h = makeCore({ ...options, dbFile: path.join(state.tmp.dir, "bot.sqlite"), kb: state.kb });
  });
  afterAll(() => {
    state.h?.close();
    state.tmp?.cleanup();
  });
  return {
    get h() {
      return state.h as CoreHarness;
    },
    get kb() {
      return state.kb as KnowledgeBase;
    },
    get dir() {
      return (state.tmp as ReturnType<typeof tempDir>).dir;
    },
  };
}
