/**
 * The per-chat state the core keeps in the store: the conversation (what the bot waits for)
 * and the draft row. Both are validated when read back, so a damaged record resets instead of
 * crashing the chat.
 */
import { z } from "zod";
import { rowSchema, type Row } from "../catalogue/index.js";
import type { ChatStore } from "../store/chat-store.js";
import { DRAFT_ELEMENTS, draftElementSchema } from "./drafting/values.js";

const patchSchema = rowSchema.pick(Object.fromEntries(DRAFT_ELEMENTS.map((k) => [k, true])) as { [K in (typeof DRAFT_ELEMENTS)[number]]: true }).partial();

/** A step the draft waits for: an element, the group of 特定群体, the name of 其他, or which element to change. */
export const stepSchema = z.union([draftElementSchema, z.enum(["group", "otherChannel", "pick"])]);
export type Step = z.infer<typeof stepSchema>;

export const draftStateSchema = z.object({
  row: rowSchema,
  /** 序号 of the saved row being edited (/edit N); absent for a new row. */
  editing: z.number().int().positive().optional(),
  /** What the last prompt asked for. */
  step: stepSchema.optional(),
  /** Channels chosen so far in the multi-select. */
  channels: z.array(z.string()).optional(),
  /** Fields extracted by the LLM, waiting for the official's confirmation. */
  extraction: patchSchema.optional(),
  /** Signature of the warnings the official has confirmed once (see warningSignature). */
  confirmedWarnings: z.string().optional(),
  /** The official asked to save and the bot asked to confirm these warnings. */
  confirmPending: z.string().optional(),
  /** /cancel asked to confirm dropping this draft (the cancelNonce of the draft it asked about). */
  cancelPending: z.string().optional(),
  /** The field (领域) given with /draft: it becomes the catalogue's only when the row is saved. */
  field: z.string().optional(),
  /** Sender id and name of whoever started the draft (in a group, only they or an admin may change it). */
  author: z.object({ id: z.string(), name: z.string() }).optional(),
});
export type DraftState = z.infer<typeof draftStateSchema>;

export const conversationSchema = z.object({
  /** The bot waits for a workbook to check (/check). */
  awaiting: z.enum(["workbook"]).optional(),
});
export type Conversation = z.infer<typeof conversationSchema>;

/** Reads the chat's draft; a record that no longer parses is dropped (and reported by `onDamaged`). */
export function loadDraft(store: ChatStore, chatId: string, onDamaged?: (err: unknown) => void): DraftState | undefined {
  const raw = store.getDraft(chatId);
  if (raw === undefined) return undefined;
  const parsed = draftStateSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  onDamaged?.(parsed.error);
  store.setDraft(chatId, undefined);
  return undefined;
}

/** Stores (or with undefined, removes) the chat's draft. */
export function saveDraft(store: ChatStore, chatId: string, draft: DraftState | undefined): void {
  store.setDraft(chatId, draft);
}

/** Reads the chat's conversation state ({} when idle). */
export function loadConversation(store: ChatStore, chatId: string): Conversation {
  const parsed = conversationSchema.safeParse(store.getConversation(chatId) ?? {});
  return parsed.success ? parsed.data : {};
}

/** Stores the chat's conversation state; an empty state is removed. */
export function saveConversation(store: ChatStore, chatId: string, c: Conversation): void {
  store.setConversation(chatId, c.awaiting ? c : undefined);
}

/** The chat's saved rows as catalogue rows numbered 1..n (unreadable records are skipped). */
export function loadRows(store: ChatStore, chatId: string): Row[] {
  const rows: Row[] = [];
  for (const stored of store.listRows(chatId)) {
    const parsed = rowSchema.safeParse(stored.row);
    if (parsed.success) rows.push({ ...parsed.data, seq: rows.length + 1 });
  }
  return rows;
}

/** The chat's field (领域), used for R17/R18 and the catalogue title. */
export function chatField(store: ChatStore, chatId: string): string | null {
  return store.getSetting(chatId, "field") ?? null;
}
