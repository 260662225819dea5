/**
 * Drafts, with an LLM, the questions each passage of a knowledge document answers, in the
 * knowledge/questions/ format, for a person to review. Nothing here writes into knowledge/.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import YAML from "yaml";
import { askModel } from "../llm/call.js";
import { activeMarkupIn, contactsIn, stripHtml, UnsafeOutputError } from "../llm/guard.js";
import { chunkDocument } from "./chunk.js";
import { type Chunk, parseDocument } from "./ingest.js";

/** Passages shorter than this (heading included) have nothing worth asking. */
const MIN_PASSAGE = 30;
/** Longest passage text sent to the model. */
const MAX_PASSAGE = 1500;
/** Longest reply read, and the bounds on each drafted question. */
const MAX_REPLY = 2000;
const QUESTION_CHARS = { min: 4, max: 40 };
const MAX_QUESTIONS = 8;
/** The anchor that tells apart passages sharing one section string (QUESTIONS-FORMAT.md). */
const ANCHOR_CHARS = { min: 6, max: 20 };

/** The drafted questions of one passage; `failed` says why there are none. */
export interface PassageDraft {
  section: string;
  anchor?: string;
  questions: string[];
  failed?: string;
}

/**
 * Drafts questions for every substantive passage of a knowledge Markdown document (as chunked
 * for the index), one model call each, bounded by `timeoutMs`. A passage whose call fails or
 * whose reply is unusable gets no questions and a reason.
 */
export async function suggestQuestions(o: {
  model: BaseChatModel;
  prompt: string;
  content: string;
  fileName: string;
  timeoutMs: number;
  onPassage?: (done: number, total: number) => void;
}): Promise<{ doc: string; passages: PassageDraft[] }> {
  const { meta, sections } = parseDocument(o.content, o.fileName);
  const chunks = chunkDocument(meta, sections);
  const passages: PassageDraft[] = [];
  for (const [i, chunk] of chunks.entries()) {
    o.onPassage?.(i + 1, chunks.length);
    if (chunk.text.length < MIN_PASSAGE) continue; // a heading or a signature line: nothing to ask
    const anchor = anchorFor(chunk, chunks);
    const draft: PassageDraft = { section: chunk.section, ...(anchor ? { anchor } : {}), questions: [] };
    passages.push(draft);
    if (anchor === null) {
      draft.failed = "无法与同一标题下的其他段落区分";
      continue;
    }
    const system = o.prompt.replaceAll("{{title}}", meta.title).replaceAll("{{section}}", chunk.section || "正文");
    try {
      const reply = await askModel(o.model, { system, user: chunk.text.slice(0, MAX_PASSAGE) }, { timeoutMs: o.timeoutMs });
      draft.questions = readQuestions(reply);
    } catch (err) {
      draft.failed = err instanceof Error ? err.message : String(err);
    }
  }
  return { doc: meta.id, passages };
}

/**
 * The questions in a model's reply: one a line, numbering and quotes removed, each a short
 * line of Chinese without links, phone numbers or e-mail addresses. Throws UnsafeOutputError
 * on an oversize reply or one holding active markup.
 */
export function readQuestions(reply: string): string[] {
  if (reply.length > MAX_REPLY) throw new UnsafeOutputError(`模型输出过长（${reply.length} 字）`);
  const markup = activeMarkupIn(reply);
  if (markup.length) throw new UnsafeOutputError(`模型输出含有标记：${markup.join("、")}`);
  const text = stripHtml(reply);
  const out: string[] = [];
  for (const raw of text.split("\n")) {
    const q = raw
      .trim()
      .replace(/^(?:[-*•·]|\d{1,2}[.、．)）]|[（(]\d{1,2}[)）])\s*/, "")
      .replace(/^["“'‘「]+|["”'’」]+$/g, "")
      .trim();
    if (q.length < QUESTION_CHARS.min || q.length > QUESTION_CHARS.max || !/\p{Script=Han}/u.test(q)) continue;
    if (/^无[。.]?$/.test(q) || /[:：]$/.test(q) || contactsIn(q).length) continue;
    if (!out.includes(q)) out.push(q);
  }
  return out.slice(0, MAX_QUESTIONS);
}

/**
 * A short verbatim phrase that only this passage holds among the passages sharing its section
 * string; undefined when the section string alone names it, null when no phrase tells it apart.
 */
export function anchorFor(chunk: Chunk, chunks: readonly Chunk[]): string | undefined | null {
  const siblings = chunks.filter((c) => c !== chunk && c.section === chunk.section);
  if (!siblings.length) return undefined;
  const segments = chunk.text.split(/[\n|]/).map((s) => s.trim()).filter((s) => s.length >= ANCHOR_CHARS.min);
  for (const len of [12, ANCHOR_CHARS.max, ANCHOR_CHARS.min]) {
    for (const seg of segments) {
      for (let at = 0; at + ANCHOR_CHARS.min <= seg.length; at++) {
        const phrase = seg.slice(at, at + len).trim();
        if (phrase.length >= ANCHOR_CHARS.min && !siblings.some((s) => s.text.includes(phrase))) return phrase;
      }
    }
  }
  return null;
}

/** The drafts as a knowledge/questions YAML file, headed by a note that they await review. */
export function draftsToYaml(d: { doc: string; passages: PassageDraft[] }, note: string): string {
  const passages = d.passages.map((p) => ({ section: p.section, ...(p.anchor ? { anchor: p.anchor } : {}), questions: p.questions }));
  const doc = new YAML.Document({ doc: d.doc, passages });
  doc.commentBefore = note;
  const list = doc.get("passages") as YAML.YAMLSeq;
  d.passages.forEach((p, i) => {
    const item = list.items[i] as YAML.YAMLMap;
    if (p.failed) item.commentBefore = ` 未能起草（${p.failed.replace(/\s+/g, " ").slice(0, 80)}），请人工编写`;
    else if (!p.questions.length) item.commentBefore = " 本段无可问内容（或模型未给出合格问题），请人工确认";
  });
  return doc.toString({ lineWidth: 0 });
}
