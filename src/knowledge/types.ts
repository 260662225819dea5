/** One passage cited in an answer. */
export interface Citation {
  /** Document id (the knowledge file name without .md). */
  doc: string;
  /** Document title. */
  title: string;
  /** Section path inside the document, e.g. "附件1 > 一、关于如何编制 > 3. …". */
  section: string;
  /** The full passage text. */
  text: string;
  score: number;
}

/** The answer to one question; this is also the JSON line printed by `ask --json`. */
export interface AskResult {
  question: string;
  answer: string;
  abstained: boolean;
  mode: "extractive" | "llm";
  citations: Citation[];
  /** Calibrated confidence that the cited passages answer the question (0–1; 0 when abstained). */
  confidence?: number;
  /** How the question was read: standard wording, typos corrected (what retrieval searched for). */
  normalizedQuestion?: string;
  /** The previous question this one was read with, when it was read as a follow-up (收费吗 after 依申请公开多少天内答复). */
  followUp?: string;
  /** The question a follow-up to this one is read with (AskOptions.previous): this one, or the one it followed. Kept by chats; `ask --json` leaves it out. */
  context?: string;
}

export interface AskOptions {
  /** How many citations to return (default 3). */
  top?: number;
  /** What the same person asked just before (AskResult.context; the chat keeps it): a short follow-up is read with it. */
  previous?: string;
  /** Abort the LLM part early; the extractive answer is still returned. */
  signal?: AbortSignal;
}

/** The question-answering engine the bot and the CLI use. */
export interface KnowledgeBase {
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  /** Short Chinese description of what the knowledge covers (for abstention replies). */
  coverage(): string;
}
