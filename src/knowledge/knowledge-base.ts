import fs from "node:fs";
import path from "node:path";
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { Config } from "../config.js";
import type { Logger } from "../log.js";
import { createChatModel, createRemoteEmbeddings } from "../llm/provider.js";
import { llmBudget } from "../llm/call.js";
import { toCitations } from "./answer.js";
import { numberByFirstUse } from "./citations.js";
import { LOW_CONFIDENCE } from "./confidence.js";
import { holdsKind } from "./answer-kinds.js";
import { extractiveAnswer } from "./extractive.js";
import { followUpNote, followUpText, keepsFollowUp, mayFollow, ownPart, saysOnlyUnknown } from "./follow-up.js";
import { KnowledgeIndex } from "./index.js";
import { columnNamer } from "./rankers.js";
import type { Retrieval } from "./retrieve.js";
import { readingNote } from "./query-understanding.js";
import { noteGuidelineNotHeld, noteReferenceOnly, noteTemplateSamples, noteTableNotHeld, tablesNotHeld } from "./reference-note.js";
import { asksIfDisclosed, fieldsAskedWhatDisclosed } from "./topic-rankers.js";
import { stripQuestionWords, tokenize } from "./tokenize.js";
import { heldPlaces, localScopes, markLocalScope, unaskedPlace, unheldProvince } from "./scope.js";
import type { AskOptions, AskResult, KnowledgeBase } from "./types.js";

/** Longest question accepted; longer text is cut (officials sometimes paste whole notices). */
const MAX_QUESTION = 500;
/** Confidence, at most, of an answer that lacks what its question asks for (a deadline): below LOW_CONFIDENCE. */
const WITHOUT_WHAT_ASKED = 0.45;

/**
 * Opens the knowledge base: loads (or rebuilds, when knowledge/ changed) the index under
 * DATA_DIR/index, and wires the optional LLM. Works with no model and no network.
 */
export async function openKnowledgeBase(options: {
  config: Pick<Config, "knowledgeDir" | "dataDir" | "promptsDir" | "llm" | "embeddings">;
  logger?: Logger;
  /** Overrides the configured model (tests). */
  model?: BaseChatModel;
}): Promise<KnowledgeBase & { index: KnowledgeIndex }> {
  const { config, logger } = options;
  const remote = await createRemoteEmbeddings(config);
  const e = config.embeddings;
  const index = await KnowledgeIndex.open({
    knowledgeDir: config.knowledgeDir,
    indexDir: path.join(config.dataDir, "index"),
    remote: remote && e.provider !== "local" ? { client: remote, key: `${e.provider}:${e.baseUrl ?? ""}:${e.model}` } : undefined,
    logger,
  });
  const model = options.model ?? (await createChatModel(config));
  const readPrompt = (name: string) => fs.readFileSync(path.join(config.promptsDir, name), "utf8");
  const prompt = model ? readPrompt("answer.md") : "";
  const llm = config.llm.provider === "none" ? undefined : config.llm;
  // the model's steps load only with a model: a cold `ask` without one never reads them
  const steps = model && { model, ...(await import("./llm-assist.js")), ...(await import("./llm-answer.js")) };
  const assist = steps
    ? steps.createLlmAssist({
        model: steps.model,
        rewritePrompt: llm?.rewrite === false ? undefined : readPrompt("rewrite.md"),
        rerankPrompt: llm?.rerank === false ? undefined : readPrompt("rerank.md"),
        logger,
      })
    : undefined;
  const timeoutMs = llm?.timeoutMs ?? 20_000;
  const coverageText = describeCoverage(index);
  const scopes = localScopes(index.knowledge.docs);
  const held = heldPlaces(index.knowledge.docs);
  const referenceDocs = new Set(index.knowledge.docs.filter((d) => d.references).map((d) => d.id));
  const notHeld = tablesNotHeld(index.knowledge.docs);
  const fieldNames = index.knowledge.language.fields;
  const columnsNamed = columnNamer(index.knowledge.language.concepts);

  return {
    index,
    coverage: () => coverageText,
    async ask(rawQuestion: string, askOptions: AskOptions = {}): Promise<AskResult> {
      const question = rawQuestion.trim().slice(0, MAX_QUESTION);
      const top = Math.max(1, Math.min(askOptions.top ?? 3, 20));
      // The model's steps (rewrite, rerank, answer) share one budget: never slower than LLM_TIMEOUT_MS.
      const budget = llmBudget(timeoutMs);
      const pool = assist ? Math.max(top, steps?.RERANK_POOL ?? 0) : top;
      const searchPool = (q: string) => index.search(q, pool);
      // a follow-up (要多久, 那公开主体呢) is read with the question asked just before, when that is what it is about
      const previous = askOptions.previous?.trim();
      let asked = question;
      let context = question;
      let found: Retrieval | undefined;
      if (previous) {
        found = await searchPool(question);
        if (mayFollow(question, found)) {
          const own = ownPart(question) === question ? found : await searchPool(ownPart(question));
          const before = index.read(previous);
          const read = followUpText({ reading: before, terms: tokenize(stripQuestionWords(before.text)) }, question, own.reading, saysOnlyUnknown(own));
          const combined = await searchPool(read.text);
          // a chain of follow-ups stays on the question they follow, unless one asks it anew about another thing
          if (keepsFollowUp(question, own, combined)) [asked, found, context] = [read.text, combined, read.asks === "previous question" ? read.text : previous];
        }
      }
      const followUp = asked === question ? undefined : previous;
      const r = assist ? await assist.retrieve(asked, searchPool, budget, askOptions.signal) : (found ?? (await searchPool(question)));
      if (assist) r.hits = r.hits.slice(0, top);
      const normalizedQuestion = r.reading.text;
      if (r.abstain) {
        return {
          question,
          answer: `现有政务公开文件中没有找到能回答这个问题的内容。${coverageText}`,
          abstained: true,
          mode: "extractive",
          citations: [],
          confidence: 0,
          normalizedQuestion,
          ...(followUp ? { followUp } : {}),
        };
      }
      // the question as typed and as read: either may name a place (平潭, 清丰)
      const named = `${asked}\n${normalizedQuestion}`;
      // a question naming a place asks for its rule: another locality's own rule is no answer to it
      const place = unaskedPlace(scopes, named);
      const asksPlace = [...scopes.values()].some((s) => s.names.some((n) => named.includes(n)));
      const hits = asksPlace ? r.hits.filter((h) => !place(h.chunk.doc)) : r.hits;
      const ranked = toCitations(hits);
      const column = r.reading.columns.length > 0;
      const fields = fieldsAskedWhatDisclosed(named, fieldNames);
      // whether something of a field is disclosed (涉农补贴要公开到户吗) is the field guideline's matter too
      const fieldsAsked = fields.length || !asksIfDisclosed(r.reading) ? fields : fieldNames.filter((f) => named.includes(f));
      const offline = extractiveAnswer(r.terms, hits, r.idf, { kind: r.reading.kind, question: r.reading.text, related: r.related, column, local: place, fieldItems: fields.length > 0, fill: r.reading.howToFill, columns: r.reading.columns, columnsNamed, meant: r.reading.meant });
      // 征地公示要贴多少天: passages about 征地公示 hold no number of days; the answer says so first
      const confidence = offline && holdsKind(r.reading.kind, offline, { question: r.reading.text, column }) ? r.confidence : Math.min(r.confidence, WITHOUT_WHAT_ASKED);
      // sources numbered 1..n in order of first use, each locality's own rule marked as such
      const shown = (answer: string) => {
        const numbered = numberByFirstUse(answer, ranked);
        const local = markLocalScope(numbered.answer, numbered.citations, scopes, named);
        // each note reads the answer's first line for its lead, so at most one of them speaks
        const guideline = noteGuidelineNotHeld(noteTemplateSamples(local), numbered.citations, ranked, referenceDocs, fieldsAsked);
        const marked = noteTableNotHeld(noteReferenceOnly(guideline, numbered.citations, referenceDocs, r.reading.kind === "who"), numbered.citations, notHeld);
        const elsewhere = unheldProvince(named, held);
        const notes = [followUp && followUpNote(asked), readingNote(r.reading), elsewhere && `现有文件里没有${elsewhere.province}自己的文件（只有国家文件和${elsewhere.held.join("、")}的文件）。`];
        return { answer: frame(marked, confidence, notes.filter(Boolean).join("\n") || undefined), citations: numbered.citations };
      };
      const { answer, citations } = shown(offline);
      const extractive: AskResult = { question, answer, abstained: false, mode: "extractive", citations, confidence, normalizedQuestion, context, ...(followUp ? { followUp } : {}) };
      if (!steps) return extractive;
      try {
        const answer = await steps.llmAnswer({ model: steps.model, prompt, question: asked, citations: ranked, timeoutMs: budget.left(), signal: askOptions.signal });
        return { ...extractive, ...shown(answer), mode: "llm" };
      } catch (err) {
        logger?.warn({ err: err instanceof Error ? err.message : String(err) }, "LLM answer unusable, answering extractively");
        return extractive;
      }
    },
  };
}

/**
 * The answer as shown: how the question was read (when a typo was corrected) and, for a
 * low-confidence answer, a plain statement first that no passage answers it directly (and only
 * that, pointing to the sources, when no passage has a sentence to quote).
 */
function frame(answer: string, confidence: number, note: string | undefined): string {
  const lead = !answer ? "没有找到直接回答这个问题的条文，相关的文件见下方出处。" : confidence < LOW_CONFIDENCE ? "没有找到直接回答这个问题的条文，最接近的是：\n" : "";
  return `${note ? `${note}\n` : ""}${lead}${answer}`;
}

function describeCoverage(index: KnowledgeIndex): string {
  const kinds: Record<string, string> = {
    faq: "编制答疑",
    guideline: "国务院部门领域指引",
    notice: "各地工作通知",
    regulation: "政府信息公开条例",
    training: "培训材料",
  };
  const present = [...new Set(index.knowledge.docs.map((d) => kinds[d.kind]))].filter(Boolean);
  return `本助手只能回答基层政务公开标准化规范化工作的问题（标准目录怎么编、各要素怎么填、时间节点等），依据现有 ${index.knowledge.docs.length} 份文件：${present.join("、")}。`;
}
