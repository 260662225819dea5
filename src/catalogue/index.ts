/**
 * Public interface of the catalogue module — what the bot and the CLI call.
 *
 *   const knowledge = loadCatalogueKnowledge(config.knowledgeDir);
 *   const { catalogue, notes } = await readCatalogue(buffer, { knowledge, limits: { maxBytes: config.maxUploadBytes } });
 *   const findings = validateCatalogue(catalogue, knowledge);          // R01–R25
 *   const report = await writeReport(catalogue, findings, { knowledge }); // annotated .xlsx
 *   const xlsx = await writeCatalogue(catalogue, { knowledge });          // template .xlsx
 *   validateRow(row, { knowledge, columns, field })                       // one row while drafting
 *
 * readCatalogue throws CatalogueFileError (one-line Chinese `message`) for refused/unreadable files.
 */
export * from "./schema.js";
export { loadCatalogueKnowledge, describeElements, findNationalList, canonicalChannel, sortChannels, CatalogueKnowledgeError } from "./knowledge.js";
export type { CatalogueKnowledge, ElementDescription, NationalList, SourceRef, ValueVocabulary } from "./knowledge.js";
export { validateRow, validateCatalogue, countFindings } from "./validate.js";
export { fieldNameReading } from "./rules/field-rules.js";
export type { RowContext } from "./validate.js";
export { readCatalogue } from "./excel-read.js";
export type { ReadOptions, ReadResult, ImportNote } from "./excel-read.js";
export { writeCatalogue, CATALOGUE_SHEET } from "./excel-write.js";
export type { WriteOptions } from "./excel-write.js";
export { writeReport, FINDINGS_SHEET, SEVERITY_LABEL } from "./report.js";
export type { ReportOptions } from "./report.js";
export { guardUpload, inspectUpload, DEFAULT_UPLOAD_LIMITS } from "./upload-guard.js";
export { readCatalogueIsolated, checkWorkbookIsolated, DEFAULT_ISOLATION } from "./read-isolated.js";
export type { IsolationLimits, CheckResult } from "./read-isolated.js";
export type { UploadLimits } from "./upload-guard.js";
export { CatalogueFileError } from "./errors.js";
export type { CatalogueFileErrorCode } from "./errors.js";
export { RULES, WHOLE_CATALOGUE_RULES } from "./rules/meta.js";
export type { RuleMeta } from "./rules/meta.js";
export { fieldFromTitle, guessField } from "./rules/catalogue-rules.js";
export { parseChannelCell, formatChannelCell, writtenChannels } from "./channels-cell.js";
export { splitList, joinList, compactKey } from "./text.js";
export { buildJsonReport, formatTextReport, joinedLinesNote, unlistedFieldNote, unlistedFieldNotes } from "./output.js";
export type { JsonReport } from "./output.js";
