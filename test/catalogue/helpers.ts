/** Shared test helpers: the real knowledge folder and a clean row. */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadCatalogueKnowledge } from "../../src/catalogue/knowledge.js";
import type { Catalogue, Row } from "../../src/catalogue/schema.js";
import { ELEMENT_KEYS } from "../../src/catalogue/schema.js";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const KNOWLEDGE_DIR = path.join(ROOT, "knowledge");
export const knowledge = loadCatalogueKnowledge(KNOWLEDGE_DIR);

/** A row every rule accepts. */
export function cleanRow(patch: Partial<Row> = {}): Row {
  return {
    seq: 1,
    level1: "征地前期准备",
    level2: "拟征收土地告知",
    content: ["拟征收土地的用途", "位置", "补偿标准", "安置途径"],
    basis: ["《中华人民共和国土地管理法》", "《中华人民共和国政府信息公开条例》"],
    timeLimit: "信息形成或变更之日起20个工作日内",
    subject: "县自然资源和规划局",
    channels: ["政府网站", "征地信息公开平台", "社区/企事业单位/村公示栏（电子屏）"],
    audience: { kind: "全社会" },
    mode: "主动",
    levels: ["县级"],
    ...patch,
  };
}

/** A catalogue with all columns around the given rows. */
export function catalogueOf(rows: Row[], patch: Partial<Catalogue> = {}): Catalogue {
  return {
    title: "农村集体土地征收领域基层政务公开标准目录",
    field: "农村集体土地征收",
    columns: [...ELEMENT_KEYS],
    extraColumns: [],
    rows,
    ...patch,
  };
}
