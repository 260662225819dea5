/**
 * Row-level rules (R01, R04–R17) as a table of pure functions. Each returns at most one hit per
 * field; the caller turns hits into Findings.
 */
import { writtenChannels } from "../channels-cell.js";
import { canonicalChannel, findNationalList, looseChannelReading, type CatalogueKnowledge } from "../knowledge.js";
import { ELEMENTS, type ElementKey, type Row, type RuleId, type Severity } from "../schema.js";
import { compactKey, headerKey, similarity } from "../text.js";
import {
  citesArticle,
  citesSupersededRegulation,
  disclosurePeriod,
  hasConcretePeriod,
  isDisclosureRegulation,
  isLawOrRegulation,
  isNamedDocument,
  titleWithoutQuotes,
  workingDays,
  type Period,
} from "./analysis.js";
import { isPersonList } from "./data-rules.js";

/** What a row rule sees besides the row. */
export interface RowContext {
  knowledge: CatalogueKnowledge;
  /** Elements the catalogue has a column for; rules about absent columns do not fire. Default: all. */
  columns?: readonly ElementKey[];
  /** The catalogue's field (领域), used by R17. */
  field?: string | null;
}

export interface RuleHit {
  field: ElementKey;
  message: string;
  /** Overrides the rule's default severity (R08, R15). */
  severity?: Severity;
}

export interface RowRule {
  id: RuleId;
  /** Columns the rule needs; it does not fire when one of them is absent. */
  needs: ElementKey[];
  check: (row: Row, ctx: RowContext) => RuleHit[];
}

const quote = (items: string[]): string => items.map((i) => `“${i}”`).join("、");

function blankElements(row: Row): ElementKey[] {
  const blank: ElementKey[] = [];
  if (row.seq === null && row.seqText === undefined) blank.push("seq");
  for (const k of ["level1", "level2", "timeLimit", "subject"] as const) if (row[k].trim() === "") blank.push(k);
  for (const k of ["content", "basis", "channels"] as const) if (row[k].length === 0) blank.push(k);
  return blank;
}

/** Official 二级事项 closest to `name` when close but not the same (R17); null otherwise. */
export function closeOfficialName(name: string, official: string[]): string | null {
  const key = compactKey(name);
  if (key === "") return null;
  const keys = official.map(compactKey);
  // A refinement such as "企业投资项目核准（新增）" keeps the official name and is allowed.
  const stripped = key.replace(/\([^)]*\)$/, "");
  if (keys.includes(key) || keys.includes(stripped)) return null;
  let best: { name: string; score: number } | null = null;
  official.forEach((o, i) => {
    const score = similarity(stripped, keys[i] as string);
    if (score >= 0.6 && (!best || score > best.score)) best = { name: o, score };
  });
  return (best as { name: string } | null)?.name ?? null;
}

// the knowledge's lists, keyed once per list rather than once per row
const vagueKeyCache = new WeakMap<readonly string[], WeakMap<readonly string[], { vagueKeys: Set<string>; prefixKeys: string[] }>>();
function vagueKeysOf(vague: readonly string[], prefixes: readonly string[]): { vagueKeys: Set<string>; prefixKeys: string[] } {
  let byPrefixes = vagueKeyCache.get(vague);
  if (!byPrefixes) vagueKeyCache.set(vague, (byPrefixes = new WeakMap()));
  let keys = byPrefixes.get(prefixes);
  if (!keys) {
    keys = { vagueKeys: new Set(vague.map(compactKey)), prefixKeys: [...new Set(prefixes.map(compactKey))].filter(Boolean).sort((a, b) => b.length - a.length) };
    byPrefixes.set(prefixes, keys);
  }
  return keys;
}

/**
 * True when the 公开主体 names a whole class of agencies instead of one (R09): a vague name, or
 * 相关/有关/各 … 部门/单位/机构, also after a short administrative prefix (县相关部门, 县直各部门).
 * @param prefixes administrative prefixes such as 县, 县直, 乡镇 (knowledge vagueSubjects.prefixes)
 */
export function isVagueSubject(subject: string, vague: string[], prefixes: readonly string[] = []): boolean {
  const parts = subject.split(/[、，,；;\s]+/).map(compactKey).filter(Boolean);
  const { vagueKeys, prefixKeys } = vagueKeysOf(vague, prefixes);
  const vagueCore = (p: string): boolean => vagueKeys.has(p) || /^(各|相关|有关|各相关|各有关|其他)[^、]{0,4}(部门|单位|机构)$/.test(p);
  return parts.some((p) => vagueCore(p) || prefixKeys.some((x) => p.startsWith(x) && p.length > x.length && vagueCore(p.slice(x.length))));
}

/** The row's channels mapped to the vocabulary (门户网站 → 政府网站, 其它（ ） → 其他 …; spec §3). */
function channelsOf(row: Row, knowledge: CatalogueKnowledge): string[] {
  return row.channels.map((c) => canonicalChannel(c, knowledge)).filter((c) => c !== "");
}

/** The channels of a cell read loosely as an option, once each, in cell order. */
function looseReadings(cell: string, knowledge: CatalogueKnowledge): { written: string; channel: string }[] {
  const out = new Map<string, { written: string; channel: string }>();
  for (const name of writtenChannels(cell, knowledge)) {
    const reading = looseChannelReading(name, knowledge);
    if (reading && !out.has(reading.written)) out.set(reading.written, reading);
  }
  return [...out.values()];
}

/** True when a 特定群体 group is itself a placeholder (特定群体, 特定群众, 特定对象 …). */
function isPlaceholderGroup(group: string, knowledge: CatalogueKnowledge): boolean {
  const k = compactKey(group);
  return knowledge.audience.lookup.get(k) === "特定群体" || knowledge.audience.lookup.get(headerKey(group)) === "特定群体";
}

/**
 * What a message adds when crosses (×, x) in an element's tick columns were read as not ticked
 * ("" when there were none). Said only where the element came out unmarked (R01 for channel
 * columns, R14–R16): beside a √ in the same group a cross plainly means 否.
 */
function crossNote(row: Row, key: NonNullable<Row["crossed"]>[number]["key"]): string {
  const cells = (row.crossed ?? []).filter((c) => c.key === key);
  if (cells.length === 0) return "";
  const columns = [...new Set(cells.map((c) => `“${c.column}”`))].join("、");
  const marks = [...new Set(cells.map((c) => `“${c.mark}”`))].join("、");
  return `${columns}栏填的${marks}按未勾选读取（中文表格中“×”一般表示“否”，也有人用它打勾）；如要勾选，请改为“√”。`;
}

/** "120个工作日" looks like a slip for "20个工作日": the hint, or "". */
function likelySlip(p: Period): string {
  const rest = p.amount % 100;
  if (p.unit !== "working-day" || p.amount < 100 || rest === 0 || rest > 20) return "";
  return `“${p.text}”是否为“${rest}个工作日”的笔误？`;
}

export const ROW_RULES: RowRule[] = [
  {
    id: "R01",
    needs: [],
    check: (row, ctx) =>
      blankElements(row)
        .filter((k) => !ctx.columns || ctx.columns.includes(k))
        .map((k) => {
          const label = ELEMENTS.find((e) => e.key === k)?.label ?? k;
          return { field: k, message: `“${label}”为空。请填写${label}${k === "channels" ? "（至少勾选一项公开渠道）" : ""}。${k === "channels" ? crossNote(row, "channels") : ""}` };
        }),
  },
  {
    id: "R04",
    needs: ["basis"],
    check: (row) => {
      const hits = row.basis.filter(citesArticle);
      return hits.length === 0 ? [] : [{ field: "basis", message: `公开依据${quote(hits)}列出了具体条款。公开依据只写法规政策文件名称，请删去“第X条/款/项”。` }];
    },
  },
  {
    id: "R05",
    needs: ["basis"],
    check: (row, ctx) => {
      const hits = row.basis.filter((b) => !isNamedDocument(b));
      if (hits.length === 0) return [];
      // A cell that names a law or regulation but lacks 《》 is told to add them, not called unnamed.
      const titled = hits.map((b) => ({ written: b, title: titleWithoutQuotes(b, ctx.knowledge.rules.documents) }));
      const unquoted = titled.filter((t): t is { written: string; title: string } => t.title !== null);
      const unnamed = titled.filter((t) => t.title === null).map((t) => t.written);
      const messages: string[] = [];
      if (unquoted.length) {
        messages.push(`公开依据${quote(unquoted.map((t) => t.written))}写了法规政策文件的名称，但没有加书名号。请写成${unquoted.map((t) => `《${t.title}》`).join("、")}。`);
      }
      if (unnamed.length) {
        messages.push(`公开依据${quote(unnamed)}不是具名的法规政策文件。请写出文件全称并加书名号（如《中华人民共和国政府信息公开条例》），或注明文号（如国办发〔2019〕54号）。`);
      }
      return [{ field: "basis", message: messages.join("") }];
    },
  },
  {
    id: "R06",
    needs: ["basis"],
    check: (row, ctx) =>
      row.basis.some((b) => citesSupersededRegulation(b, ctx.knowledge.rules.documents))
        ? [{ field: "basis", message: "公开依据引用的是2007年公布的《中华人民共和国政府信息公开条例》（国务院令第492号），该条例已于2019年修订。请改为《中华人民共和国政府信息公开条例》（国务院令第711号，2019年5月15日起施行）。" }]
        : [],
  },
  {
    id: "R07",
    needs: ["timeLimit"],
    check: (row) =>
      row.timeLimit.trim() !== "" && !hasConcretePeriod(row.timeLimit)
        ? [{ field: "timeLimit", message: `公开时限“${row.timeLimit.trim()}”没有写明具体期限。请写明法定公开时限，如“信息形成或变更之日起20个工作日内”。` }]
        : [],
  },
  {
    id: "R08",
    needs: ["timeLimit", "mode"],
    check: (row, ctx) => {
      if (row.mode !== "主动" && row.mode !== "both") return [];
      const first = disclosurePeriod(row.timeLimit);
      if (!first || workingDays(first) <= 20) return [];
      // Error only when the basis is known; without a 公开依据 column or with a blank basis another law may apply.
      const noBasisColumn = ctx.columns !== undefined && !ctx.columns.includes("basis");
      const basisBlank = row.basis.every((b) => b.trim() === "");
      const docs = ctx.knowledge.rules.documents;
      const otherLaw = row.basis.some((b) => !isDisclosureRegulation(b, docs) && isLawOrRegulation(b, docs));
      const said = `公开方式为“主动”的事项，公开时限“${first.text}”超过了《中华人民共和国政府信息公开条例》规定的20个工作日。${likelySlip(first)}`;
      const shorten = "请改为“信息形成或变更之日起20个工作日内”或更短";
      const warning = (check: string) => [{ field: "timeLimit" as const, severity: "warning" as const, message: `${said}${check}${shorten}。` }];
      if (otherLaw) return warning("请核对公开依据中所列的法律法规：如果它对公开期限另有规定，可以保留；如果没有，");
      if (noBasisColumn) return warning("本目录没有公开依据栏，无法判断是否有法律法规另行规定了期限：如果有，可以保留；如果没有，");
      if (basisBlank) return warning("公开依据为空，无法判断是否有法律法规另行规定了期限：如果有，请在公开依据中写明该法律法规；如果没有，");
      return [{ field: "timeLimit", severity: "error", message: `${said}${shorten}。` }];
    },
  },
  {
    id: "R09",
    needs: ["subject"],
    check: (row, ctx) =>
      row.subject.trim() !== "" && isVagueSubject(row.subject, ctx.knowledge.vagueSubjects, ctx.knowledge.vagueSubjectPrefixes)
        ? [{ field: "subject", message: `公开主体“${row.subject.trim()}”表述模糊。请按“谁制作、谁公开”写明具体机关名称，如“县发展改革局”。` }]
        : [],
  },
  {
    id: "R10",
    needs: ["channels"],
    check: (row, ctx) => {
      const unknown = channelsOf(row, ctx.knowledge).filter((c) => c !== "其他" && !c.startsWith("其他：") && !ctx.knowledge.channelNames.includes(c));
      // A local variant of an option (片区公示栏 → the 公示栏 option) is read as that option: said (info), not done silently.
      const loose = row.original?.channels ? looseReadings(row.original.channels, ctx.knowledge) : [];
      const notes = loose.map((r) => `公开渠道“${r.written}”按模板选项“${r.channel}”读取，如不是该渠道，请写成“其他：${r.written}”。`).join("");
      if (unknown.length > 0) return [{ field: "channels", message: `公开渠道${quote(unknown)}不在模板选项中。请从模板选项中选择（如政府网站、两微一端、政务服务中心），特殊渠道请写成“其他：渠道名称”。${notes}` }];
      return notes ? [{ field: "channels", severity: "info", message: notes }] : [];
    },
  },
  {
    id: "R11",
    needs: ["channels"],
    check: (row, ctx) =>
      channelsOf(row, ctx.knowledge).includes("其他")
        ? [{ field: "channels", message: "勾选了“其他”但没有写明具体渠道。请写成“其他：渠道名称”，或取消勾选。" }]
        : [],
  },
  {
    id: "R12",
    needs: ["channels"],
    check: (row, ctx) =>
      // Lists of named persons belong on the narrowest channel (R22 speaks there), not the website.
      row.channels.length > 0 && !channelsOf(row, ctx.knowledge).includes("政府网站") && !isPersonList(row, ctx.knowledge)
        ? [{ field: "channels", message: "公开渠道中没有“政府网站”。县政府门户网站是信息发布第一平台，请勾选“政府网站”。" }]
        : [],
  },
  {
    id: "R13",
    needs: ["audience"],
    check: (row, ctx) =>
      row.audience.kind === "特定群体" && (!row.audience.group?.trim() || isPlaceholderGroup(row.audience.group, ctx.knowledge))
        ? [{ field: "audience", message: "公开对象为特定群体，但没有写明具体群体。请在“特定群体”栏写明，如“被征地农民”“项目单位”。" }]
        : [],
  },
  {
    id: "R14",
    needs: ["audience"],
    check: (row) =>
      row.audience.kind === "both"
        ? [{ field: "audience", message: "公开对象同时标注了全社会和特定群体。请只选其一：面向所有人选“全社会”，只面向部分人选“特定群体”并写明群体。" }]
        : row.audience.kind === "none"
          ? [{ field: "audience", message: `公开对象未标注。请在“全社会”或“特定群体”中选一项（特定群体须写明具体群体）。${crossNote(row, "audience")}` }]
          : [],
  },
  {
    id: "R15",
    needs: ["mode"],
    check: (row) =>
      row.mode === "none"
        ? [{ field: "mode", severity: "error", message: `公开方式未标注。请标注“主动”或“依申请”。${crossNote(row, "mode")}` }]
        : row.mode === "both"
          ? [{ field: "mode", severity: "warning", message: "公开方式同时标注了主动和依申请。请确认：属于主动公开范围的只标“主动”，仅依申请提供的只标“依申请”。" }]
          : [],
  },
  {
    id: "R16",
    needs: ["levels"],
    check: (row) =>
      row.levels.length === 0 ? [{ field: "levels", message: `公开层级未标注。请标注“县级”“乡级”或两者。${crossNote(row, "levels")}` }] : [],
  },
  {
    id: "R17",
    needs: ["level2"],
    check: (row, ctx) => {
      const list = findNationalList(row.field ?? ctx.field ?? null, ctx.knowledge);
      if (!list) return [];
      const official = closeOfficialName(row.level2, list.level2);
      return official
        ? [{ field: "level2", message: `二级事项“${row.level2.trim()}”与国家标准指引的表述“${official}”相近但不一致。请改用“${official}”（见${list.guideline}）；如确为细分事项，请写成“${official}（细分内容）”。` }]
        : [];
    },
  },
];
