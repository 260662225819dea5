/** Workbooks in and out of a chat: /export of the chat's catalogue, and checking an uploaded one. */
import {
  CatalogueFileError,
  ELEMENT_KEYS,
  checkWorkbookIsolated,
  type CheckResult,
  validateCatalogue,
  writeCatalogue,
  type Catalogue,
  type CatalogueKnowledge,
  unlistedFieldNote,
  unlistedFieldNotes,
  joinedLinesNote,
} from "../catalogue/index.js";
import type { Logger } from "../log.js";
import type { ChatStore } from "../store/chat-store.js";
import { countText, formatFindings } from "./drafting/findings.js";
import { safeFileName } from "./file-name.js";
import { chatField, loadRows } from "./state.js";
import type { ChatFile, Reply } from "./types.js";

export interface WorkbookDeps {
  store: ChatStore;
  knowledge: CatalogueKnowledge;
  maxUploadBytes: number;
  logger: Logger;
}

/** The catalogue's title for a field: "XX领域基层政务公开标准目录". */
export function catalogueTitle(field: string | null): string {
  return field ? `${field}领域基层政务公开标准目录` : "基层政务公开标准目录";
}

/** The chat's saved rows as a catalogue (all 14 columns). */
export function chatCatalogue(store: ChatStore, chatId: string): Catalogue {
  const field = chatField(store, chatId);
  return { title: catalogueTitle(field), field, columns: [...ELEMENT_KEYS], extraColumns: [], rows: loadRows(store, chatId) };
}

/** /export: the chat's catalogue as the template workbook, with the validator's summary. */
export async function exportCatalogue(deps: WorkbookDeps, chatId: string): Promise<Reply[]> {
  const catalogue = chatCatalogue(deps.store, chatId);
  if (catalogue.rows.length === 0) return [{ text: "本聊天的目录还没有保存的事项，没有可导出的内容。发送 /draft 开始起草。" }];
  const data = await writeCatalogue(catalogue, { knowledge: deps.knowledge });
  const findings = validateCatalogue(catalogue, deps.knowledge);
  const block = findings.length ? `\n${formatFindings(findings, { limit: 10, withSeq: true })}` : "";
  const unlisted = unlistedFieldNote(catalogue.field, deps.knowledge);
  return [
    {
      text: `已导出《${catalogue.title}》，共 ${catalogue.rows.length} 条。\n校验结果：${countText(findings)}${block}${unlisted ? `\n\n${unlisted}` : ""}`,
      files: [{ name: `${safeFileName(catalogue.title ?? "目录")}.xlsx`, data }],
    },
  ];
}

/**
 * Checks an uploaded workbook: refuses what is not an .xlsx (or too big) with a clear reason,
 * otherwise replies with a summary and the annotated report workbook.
 */
export async function checkWorkbook(deps: WorkbookDeps, chatId: string, file: ChatFile): Promise<Reply[]> {
  const name = file.name || "未命名文件";
  if (!/\.xlsx?$/i.test(name) && !/\.xlsm$/i.test(name)) {
    return [{ text: `只能检查 Excel 工作簿（.xlsx）。您发送的“${name}”不是 .xlsx 文件，请在 Excel/WPS 中“另存为 .xlsx”后再发送。` }];
  }
  if (file.data.length > deps.maxUploadBytes) {
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    return [{ text: `文件“${name}”有 ${mb(file.data.length)} MB，超过了 ${mb(deps.maxUploadBytes)} MB 的上限。请删去无关的工作表或图片后再发送。` }];
  }
  let result: CheckResult;
  try {
    // Read, validated and reported off the main thread; the workbook's own field (title, 领域
    // column, sections) is used, never the chat's drafting field, so chat and CLI agree.
    result = await checkWorkbookIsolated(file.data, { knowledge: deps.knowledge, limits: { maxBytes: deps.maxUploadBytes }, report: true });
  } catch (err) {
    if (err instanceof CatalogueFileError) return [{ text: `${err.code === "no-items" ? "已检查" : "无法读取"}“${name}”：${err.message}` }];
    deps.logger.error({ err, file: name }, "workbook could not be read");
    return [{ text: `无法读取“${name}”：文件可能已损坏，或不是目录表格。请检查后重新发送。` }];
  }
  const { catalogue, notes, findings } = result;
  const report = result.report as Buffer;
  const base = safeFileName(name.replace(/\.\w+$/, ""));
  const lines = [
    `已检查“${name}”：${catalogue.title ?? "（表格没有标题）"}，共 ${catalogue.rows.length} 项事项${joinedLinesNote(catalogue)}。`,
    `结果：${countText(findings)}。`,
  ];
  if (findings.length) lines.push("", formatFindings(findings, { limit: 12, withSeq: true }));
  if (notes.length) lines.push("", `读取说明：${notes.slice(0, 3).map((n) => n.message).join("；")}`);
  const unlisted = unlistedFieldNotes(catalogue, deps.knowledge);
  if (unlisted.length) lines.push("", ...unlisted);
  lines.push("", "附件是批注版报告：每个问题批注在对应单元格上（按严重程度着色），另有“问题清单”工作表。");
  return [{ text: lines.join("\n"), files: [{ name: `${base}-检查报告.xlsx`, data: report }] }];
}
