/**
 * Extraction of row fields from free prose with an LLM, through structured output (zod).
 * The result is only a proposal: the conversation shows it for confirmation before it touches
 * the draft. Any failure (timeout, refusal, malformed output) is reported as an ExtractionError
 * so the caller can fall back to the labelled-text parser.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { z } from "zod";
import type { CatalogueKnowledge, ElementKey } from "../../catalogue/index.js";
import { LlmTimeoutError, withLlmTimeout } from "../../llm/call.js";
import { guardLlmText } from "../../llm/guard.js";
import type { Logger } from "../../log.js";

/** What the LLM may return: every element optional, in plain strings and lists. */
export const extractionSchema = z.object({
  level1: z.string().optional().describe("一级事项"),
  level2: z.string().optional().describe("二级事项"),
  content: z.array(z.string()).optional().describe("公开内容（要素），每项一个"),
  basis: z.array(z.string()).optional().describe("公开依据：法律法规或政策文件名称，每份一个"),
  timeLimit: z.string().optional().describe("公开时限"),
  subject: z.string().optional().describe("公开主体"),
  channels: z.array(z.string()).optional().describe("公开渠道和载体，每个一个"),
  audience: z.string().optional().describe("公开对象：全社会 或 特定群体"),
  audienceGroup: z.string().optional().describe("公开对象为特定群体时的具体群体"),
  mode: z.string().optional().describe("公开方式：主动 或 依申请"),
  levels: z.array(z.string()).optional().describe("公开层级：县级、乡级"),
});
export type Extraction = z.infer<typeof extractionSchema>;

/** Extracts row fields from prose; throws ExtractionError on any failure. */
export type RowExtractor = (text: string) => Promise<Extraction>;

/** The LLM could not give a usable extraction. `reason` is a short Chinese phrase for the official. */
export class ExtractionError extends Error {
  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`extraction failed: ${reason}`, options);
    this.name = "ExtractionError";
  }
}

/** Longest prose sent to the model. */
const MAX_INPUT = 2000;

/**
 * Creates an extractor over a chat model.
 * @param o.prompt the system prompt (prompts/extract-row.md); `{{channels}}` is replaced by the vocabulary.
 * @param o.timeoutMs hard bound on one extraction.
 * @param o.method structured-output method (config LLM_STRUCTURED_METHOD).
 */
export function createLlmExtractor(o: {
  model: BaseChatModel;
  prompt: string;
  knowledge: CatalogueKnowledge;
  timeoutMs: number;
  method: "functionCalling" | "jsonSchema" | "jsonMode";
  logger?: Logger;
}): RowExtractor {
  const system = o.prompt.replace("{{channels}}", o.knowledge.channelNames.join("、"));
  const runnable = o.model.withStructuredOutput(extractionSchema, { name: "extract_row", method: o.method });
  return async (text) => {
    const input = text.slice(0, MAX_INPUT);
    try {
      const raw: unknown = await withLlmTimeout(
        (signal) =>
          runnable.invoke(
            [
              { role: "system", content: system },
              { role: "user", content: input },
            ],
            { signal },
          ),
        { timeoutMs: o.timeoutMs },
      );
      const parsed = extractionSchema.safeParse(raw);
      if (!parsed.success) throw new ExtractionError("智能识别的结果格式不对", { cause: parsed.error });
      return guardExtraction(parsed.data, input);
    } catch (err) {
      if (err instanceof ExtractionError) {
        o.logger?.warn({ reason: err.reason }, "row extraction failed");
        throw err;
      }
      o.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, "row extraction failed");
      throw new ExtractionError(err instanceof LlmTimeoutError ? "智能识别超时" : "智能识别服务出错或结果无法使用", { cause: err });
    }
  };
}

/** Longest value and longest list the extraction may hold: a row's element, not a document. */
const MAX_VALUE = 300;
const MAX_ITEMS = 40;

/**
 * The extraction as it may be shown: values without HTML tags, bounded in length and number,
 * and holding no link, phone number, e-mail address or markup that the official did not write.
 */
export function guardExtraction(e: Extraction, input: string): Extraction {
  const one = (v: string) => {
    try {
      return guardLlmText(v, { maxChars: MAX_VALUE, sources: [input] });
    } catch (err) {
      throw new ExtractionError("智能识别的结果含有原文没有的内容或过长", { cause: err });
    }
  };
  const out: Record<string, string | string[]> = {};
  for (const [key, v] of Object.entries(e) as [keyof Extraction, string | string[] | undefined][]) {
    if (v === undefined) continue;
    if (Array.isArray(v) && v.length > MAX_ITEMS) throw new ExtractionError("智能识别的结果过长");
    out[key] = Array.isArray(v) ? v.filter((x) => x.trim()).map(one) : v.trim() ? one(v) : v;
  }
  return out as Extraction;
}

/** One line of the labelled form per element the extraction fills, in template order. */
export interface ExtractedLine {
  key: ElementKey;
  label: string;
  text: string;
}

/**
 * The extraction's values as text, one per element. Line breaks and semicolons inside a value
 * become "，": in the labelled form they would start a new field ("…；公开主体：…").
 */
export function extractionLines(e: Extraction): ExtractedLine[] {
  const clean = (v: string) => v.replace(/[\n；;]/g, "，").trim();
  const lines: ExtractedLine[] = [];
  const put = (key: ElementKey, label: string, v: string | string[] | undefined) => {
    const text = Array.isArray(v) ? v.map(clean).filter(Boolean).join("、") : v === undefined ? "" : clean(v);
    if (text) lines.push({ key, label, text });
  };
  put("level1", "一级事项", e.level1);
  put("level2", "二级事项", e.level2);
  put("content", "公开内容", e.content);
  put("basis", "公开依据", e.basis);
  put("timeLimit", "公开时限", e.timeLimit);
  put("subject", "公开主体", e.subject);
  put("channels", "公开渠道", e.channels);
  const audience = e.audience === undefined ? "" : clean(e.audience);
  const group = e.audienceGroup === undefined ? "" : clean(e.audienceGroup);
  if (audience || group) put("audience", "公开对象", audience === "全社会" && !group ? "全社会" : group ? `特定群体（${group}）` : audience);
  put("mode", "公开方式", e.mode);
  put("levels", "公开层级", e.levels);
  return lines;
}

/** The extraction as labelled lines ("公开时限：…"), the form the labelled parser reads. */
export function extractionAsLabelled(e: Extraction): string {
  return extractionLines(e)
    .map((l) => `${l.label}：${l.text}`)
    .join("\n");
}
