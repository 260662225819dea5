import type { Chunk } from "./ingest.js";
import { charBigrams, splitSentences, tokenize } from "./tokenize.js";

/** One sentence of a passage that may be quoted as (part of) an answer. */
export interface Sentence {
  text: string;
  /** A table row shown with its column names. */
  row: boolean;
  /** A blank template's column names: it answers what the table's columns are, nothing else. */
  columns?: boolean;
  /** A document's title, the only content of a passage that lists documents: it names the issuer. */
  title?: boolean;
  /** A table row's item (the cells before its 公开内容: 一级/二级事项), as tokens. */
  item?: Set<string>;
  /** Index of the lead-in sentence ("…分别作出答复：") whose list this sentence is an item of. */
  intro?: number;
  /** A lead-in that opens a list: quoted only together with one of its items. */
  opens: boolean;
  /** The sentence without the caption put before it: what its kind is judged on. */
  own: string;
  /** The words of the heading the sentence stands under inside the passage (context, not text). */
  heading: Set<string>;
  /** That heading as written ("5. 公开时限的编写"). */
  headingText: string;
  tokens: Set<string>;
  bigrams: Set<string>;
}

type Draft = Omit<Sentence, "tokens" | "bigrams" | "heading" | "headingText" | "own" | "item"> & { own?: string; heading: string; item?: string };

/** A numbered row of a blank template ("| 5 |  | ... |"): a placeholder row, not column names. */
const SAMPLE_ROW = /^\d+$/;
/** Longest line read as a label (a slide's caption, a date line) rather than prose. */
const MAX_LABEL = 32;
/** Longest bullet read as a list entry to be joined with its siblings. */
const MAX_SHORT_ITEM = 40;

/** A document title quoted inside a passage: "…关于印发…的通知". */
const TITLE = /^[^。；;，,！？!?：:]{6,}(通知|意见|方案|指引|办法|规定|决定|函|细则|目录|》)$/;
const TITLE_WORD = /关于|印发/;
/** A document number on a line of its own: "国办发〔2019〕54号". */
const DOC_NUMBER = /^[\p{Script=Han}]{1,10}[〔［[(（]\d{4}[〕］\])）]\d+号$/u;
/** The addressees of a notice: "各试点有关州、市、县人民政府，省直有关单位：". */
const SALUTATION = /^各[^。；;]{1,80}[：:]$/;
/** An attachment, example or figure caption, or a bare link. */
const CAPTION = /^(附件|附表|示例|样例|图|表)\s*\d*[：:][^。；;，,]*$|^https?:\/\/\S+$/;
/** More caption lines than this in a row are a block of their own (a signature, a date block), not a caption. */
const MAX_CAPTIONS = 2;
/** A table-of-contents entry: "6. 财政部关于印发…的通知（财办发〔2019〕77号）……………（82）". */
const CONTENTS = /[…．.·]{3,}\s*[（(]?\d+[)）]?$/;
const BULLET = /^[-•●·▪■◆◇○*]\s*/;
/** Where a bullet list that lost its line breaks ("…制度- YNGK 002 …") is cut back into lines. */
const INLINE_BULLET = /(?<=[^\s-])(?=[-•●] \S)/;
/** The start of a list item: (一) （1） 1. 1、 一是 ① or a bullet. */
const ITEM = /^([(（][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．)）]|[一二三四五六七八九十]+是|[①-⑳]|[-•●·▪■◆◇○*])/;
const OPENS = /[：:]$/;
/** A bracketed note on a line of its own. */
const NOTE_LINE = /^[（(][^（）()]{1,80}[）)]$/;
const SENTENCE_PUNCT = /[。；;！？!?，,：:]/;

// Passages are immutable once loaded: their sentences and tokens are cut once, not per question.
const cache = new WeakMap<Chunk, Sentence[]>();

/**
 * The passage's answerable sentences: prose split at sentence ends, table rows with their
 * column names, short bullet lists joined into one list sentence, a slide's caption lines
 * ("GB/T 20000.1-2014的5.3条") kept with the sentence they caption, and list items tied to
 * their lead-in (the whole sentence ending in the colon, its clauses cut at ；included).
 * Headings, quoted document titles, document numbers and a notice's addressees are never
 * answer sentences.
 */
export function sentencesOf(chunk: Chunk): Sentence[] {
  let s = cache.get(chunk);
  if (!s) {
    const headings = new Map<string, Set<string>>();
    const headingTokens = (h: string) => headings.get(h) ?? headings.set(h, new Set(tokenize(h))).get(h)!;
    s = passageSentences(chunk).map(({ item, ...x }) => ({
      ...x,
      own: x.own ?? x.text,
      heading: headingTokens(x.heading),
      headingText: x.heading,
      tokens: new Set(tokenize(x.row ? x.own! : x.text)),
      ...(item === undefined ? {} : { item: new Set(tokenize(item)) }),
      bigrams: new Set(charBigrams(x.row ? x.own! : x.text)),
    }));
    cache.set(chunk, s);
  }
  return s;
}

function passageSentences(chunk: Chunk): Draft[] {
  // headings name the passage; they are not answer sentences (merged sections join theirs with —)
  const headings = new Set(chunk.section.split(/ > |—/));
  const out: Draft[] = [];
  const titles: Draft[] = [];
  let header: string[] | undefined;
  let labels: string[] = [];
  let bullets: string[] = [];
  let intro: number | undefined;
  // the words of the passage's place (its FAQ question, section, or the document when it has no section)
  let heading = chunk.question ?? (chunk.section || chunk.title);
  const push = (d: Omit<Draft, "opens" | "heading"> & { opens?: boolean }) => out.push({ opens: false, heading, ...d });
  const flushBullets = () => {
    if (!bullets.length) return;
    // one bullet alone ("● 标准的定义") captions what follows; several are a list
    if (bullets.length === 1) {
      labels.push(bullets[0]!.replace(/[？?]$/, ""));
      bullets = [];
      return;
    }
    const lead = labels.length ? `${labels.join("，")}：` : "";
    push({ text: `${lead}${bullets.join("、")}。`, row: false, ...(lead || intro === undefined ? {} : { intro }) });
    bullets = [];
    labels = [];
  };
  // a blank template (a table with no filled row) answers "which columns": its column names
  let table: { caption: string; names: string[]; filled: boolean } | undefined;
  const closeTable = () => {
    const names = [...new Set(table?.names.filter(Boolean))];
    if (table && !table.filled && names.length) push({ text: `${table.caption || "表格"}栏目：${names.join("、")}。`, row: false, columns: true });
    table = undefined;
  };
  const endBlock = () => {
    closeTable();
    flushBullets();
    labels = [];
    intro = undefined;
  };
  const lines = chunk.text
    .split("\n")
    .flatMap((l) => (BULLET.test(l.trim()) ? l.split(INLINE_BULLET) : [l]))
    .map((l) => l.trim());
  lines.forEach((line, i) => {
    if (!line) return;
    // a short numbered line is a slide's sub-heading ("1. 序号的编写"), unless it is a sentence or an item with its note ("4. 户籍管理领域。（责任单位：…）")
    if (headings.has(line) || line === chunk.question || /^[\d一二三四五六七八九十]+[.、．]\s*[^\s。；;：:，,]{1,20}$/.test(line)) {
      if (line !== chunk.question) heading = line;
      return endBlock();
    }
    if (line.startsWith("|")) {
      if (!table) {
        flushBullets();
        table = { caption: labels.join("，"), names: [], filled: false };
        labels = [];
        intro = undefined;
      }
      if (isRule(line)) return;
      if (lines[i + 1] !== undefined && isRule(lines[i + 1]!)) {
        header = cells(line);
        table.names.push(...header);
        return;
      }
      const values = cells(line);
      if (isMostlyFilled(values) && !(isRule(lines[i - 1] ?? "") && isLabels(values))) {
        // a row is matched on what its cells say, not on its column names (公开时限, 公开主体
        // are in every sample row): a sample row answers only a question about its own item
        push({ text: labelledRow(values, header), row: true, own: values.filter((v) => !CHECKS.test(v)).join("，"), item: itemOf(values, header) });
        table.filled = true;
      } else if (!SAMPLE_ROW.test(values[0] ?? "")) table.names.push(...values);
      return;
    }
    closeTable();
    const title = TITLE.test(line) && TITLE_WORD.test(line);
    if (title) titles.push({ text: line, row: false, title: true, opens: false, heading });
    if (CONTENTS.test(line) || DOC_NUMBER.test(line) || SALUTATION.test(line) || CAPTION.test(line) || title) return endBlock();
    // a note on a line of its own ("（责任单位：…）", "（要求：2020年10月底前完成）") belongs to the sentence before it
    const last = out[out.length - 1];
    if (NOTE_LINE.test(line) && last && !last.row && !labels.length && !bullets.length) {
      out[out.length - 1] = { ...last, text: `${last.text}${line}` };
      return;
    }
    const body = line.replace(BULLET, "");
    if (body !== line && body.length <= MAX_SHORT_ITEM && !/[。；;，,]/.test(body.slice(0, -1))) {
      bullets.push(body.replace(/[，,；;。]$/, ""));
      return;
    }
    flushBullets();
    if (body.length <= MAX_LABEL && !SENTENCE_PUNCT.test(body)) {
      labels.push(body);
      return;
    }
    const item = intro !== undefined && ITEM.test(line);
    const parts = item ? wholeItem(splitSentences(body)) : leadIns(splitSentences(body));
    const own = parts[0]!;
    if (labels.length > MAX_CAPTIONS) push({ text: labels.join("，"), row: false });
    else if (labels.length) parts[0] = `${labels.join("，")}：${own}`;
    labels = [];
    if (!item) intro = undefined;
    const of = intro;
    for (const text of parts) {
      push({ text, row: false, ...(item ? { intro: of } : {}), ...(text === parts[0] ? { own } : {}) });
      if (OPENS.test(text)) intro = out.length - 1;
    }
  });
  closeTable();
  flushBullets();
  if (labels.length) push({ text: labels.join("，"), row: false });
  // a passage that only names documents (a list of the ministries' guidelines) answers with their titles
  if (!out.length) out.push(...titles);
  // a lead-in is quoted with one of its items; a lead-in with no items is no answer at all
  const opened = new Set(out.flatMap((d) => (d.intro === undefined ? [] : [d.intro])));
  return out.map((d, i) => (OPENS.test(d.text) && !d.row ? { ...d, opens: true, ...(opened.has(i) ? {} : { text: "" }) } : d));
}

/** Clauses cut at ；that end in a colon are one lead-in: the list belongs to the whole sentence. */
function leadIns(parts: string[]): string[] {
  const out: string[] = [];
  for (let part of parts) {
    if (OPENS.test(part)) while (out.length && /[；;]$/.test(out.at(-1)!)) part = `${out.pop()}${part}`;
    out.push(part);
  }
  return out;
}

/** Longest list item kept whole across its ；(one case of a list may have two sub-cases). */
const MAX_ITEM = 200;

/**
 * A list item's clauses cut at ；are one case ("(五)…不属于本行政机关负责公开的，告知申请人并说明
 * 理由；能够确定负责公开该政府信息的行政机关的，告知…名称、联系方式；"): its second half is how
 * the first is done, and quoted alone it loses what it is about. Kept whole up to MAX_ITEM.
 */
function wholeItem(parts: string[]): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (last !== undefined && /[；;]$/.test(last) && last.length + part.length <= MAX_ITEM) out[out.length - 1] = `${last}${part}`;
    else out.push(part);
  }
  return out;
}

const isRule = (line: string) => /^\|[\s:|-]+\|?$/.test(line);
const cells = (row: string) => row.replace(/^\||\|$/g, "").split("|").map((c) => c.replace(/<br\s*\/?>/g, "、").trim());

/** A table row (its cells) worth quoting: at least half of its cells hold text (not a sub-header or blank template row). */
function isMostlyFilled(c: string[]): boolean {
  return c.filter(Boolean).length * 2 >= c.length;
}

/** A cell that only ticks (√, ☑ …) or leaves blank (☐): no words of its own. */
const CHECKS = /^[\s√✓☑☐_]*$/;

/** The second line of a two-level header right after the rule: short labels only (一级事项 | 二级事项 | 全社会 | 特定群体). */
function isLabels(row: string[]): boolean {
  return row.every((c) => c.length <= 4 && !SENTENCE_PUNCT.test(c) && !/\d/.test(c));
}

/** A catalogue row's item: its cells before the 公开内容 column (without a header, its first two cells), numbers left out. */
function itemOf(values: string[], header: string[] | undefined): string {
  const content = header?.findIndex((h) => h.includes("内容")) ?? -1;
  return values
    .slice(0, content > 0 ? content : 2)
    .filter((v) => !/^\d*$/.test(v))
    .join("，");
}

/** "公开时限：…；公开主体：…" — a row reads as an answer only with its column names. */
function labelledRow(values: string[], header: string[] | undefined): string {
  const parts = values.flatMap((v, i) => {
    if (!v || /^(序号|\d+)$/.test(header?.[i] ?? "") || (i === 0 && /^\d+$/.test(v))) return [];
    const name = header?.[i];
    return [name ? `${name}：${v}` : v];
  });
  return `${parts.join("；")}。`;
}
