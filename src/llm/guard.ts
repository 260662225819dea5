/**
 * Checks on what a model writes before any of it reaches an official: a length bound, no
 * links, phone numbers or e-mail addresses that its sources do not hold, no active markup;
 * harmless HTML tags are stripped.
 */

/** An LLM output that must not be shown; the caller falls back to its offline result. */
export class UnsafeOutputError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "UnsafeOutputError";
  }
}

/** Tags and URI schemes that can run, load or link something in a client that renders HTML or Markdown. */
const ACTIVE_TAG = /<\s*(script|style|iframe|frame|frameset|object|embed|applet|form|input|button|textarea|select|link|meta|base|a|img|image|svg|math|video|audio|source|track|picture)\b/gi;
const ACTIVE_ATTR = /<[^<>]*\s(on[a-z]+|href|src|srcset|srcdoc|action|formaction|style)\s*=/gi;
const ACTIVE_SCHEME = /\b(?:javascript|vbscript)\s*:|\bdata:[a-z]+\/[a-z0-9.+-]+[;,]/gi;
const ANY_TAG = /<!--[\s\S]*?(?:-->|$)|<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;
const BLOCK_TAG = /^<\/?(?:br|p|div|li|tr|h[1-6]|ul|ol|table)\b/i;

const URL = /\b(?:https?|ftp):\/\/[^\s<>"'()（）[\]【】，。；、]+|\bwww\.[a-z0-9-]+(?:\.[a-z0-9-]+)+[^\s<>"'()（）[\]【】，。；、]*/gi;
const DOMAIN = /\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|gov|edu|info|top|xyz|io|cc|me|vip|site|shop|app|ly|co)\b(?:\/[^\s<>"'()（）[\]【】，。；、]*)?/gi;
const EMAIL = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
/** Mobile numbers, landlines with an area code, 400/800 numbers; optional +86. */
const PHONE = /(?<![\d.])(?:\+?86[-\s]?)?(?:1[3-9]\d(?:[-\s]?\d{4}){2}|0\d{2,3}[-－—\s]?\d{7,8}|[48]00[-\s]?\d{3}[-\s]?\d{4})(?![\d.])/g;

/** The links, e-mail addresses and phone numbers in a text, normalised for comparison. */
export function contactsIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(URL)) found.add(normalizeLink(m[0]));
  for (const m of text.matchAll(DOMAIN)) found.add(normalizeLink(m[0]));
  for (const m of text.matchAll(EMAIL)) found.add(m[0].toLowerCase());
  for (const m of text.matchAll(PHONE)) found.add(digitsOf(m[0]));
  return [...found].filter(Boolean);
}

function normalizeLink(link: string): string {
  return link.toLowerCase().replace(/^(?:https?|ftp):\/\//, "").replace(/^www\./, "").replace(/[/.,;:!?]+$/, "");
}

function digitsOf(phone: string): string {
  return phone.replace(/\D/g, "").replace(/^86(?=1[3-9]\d{9}$|0)/, "");
}

/** A source text in the forms contactsIn produces, so that a contact it holds is found by includes(). */
function comparable(source: string): string {
  const lower = source.toLowerCase();
  return `${lower}\n${lower.replace(/(?:https?|ftp):\/\/(?:www\.)?/g, "")}\n${source.replace(/(?<=\d)[-－—\s](?=\d)/g, "")}`;
}

/** The active markup (tags, event attributes, script URIs) in a text, lower-cased. */
export function activeMarkupIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(ACTIVE_TAG)) found.add(`<${m[1]!.toLowerCase()}`);
  for (const m of text.matchAll(ACTIVE_ATTR)) found.add(`${m[1]!.toLowerCase()}=`);
  for (const m of text.matchAll(ACTIVE_SCHEME)) found.add(m[0].toLowerCase().replace(/\s/g, ""));
  return [...found];
}

/** Removes HTML tags and comments; line-level tags (br, p, li …) become line breaks. */
export function stripHtml(text: string): string {
  return text
    .replace(ANY_TAG, (tag) => (BLOCK_TAG.test(tag) ? "\n" : ""))
    .replace(/&nbsp;/g, " ")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Checks a model's text against its sources and returns it without HTML tags.
 * Throws UnsafeOutputError when it is longer than `maxChars`, empty, or holds a link, e-mail
 * address, phone number or active markup that no source holds.
 */
export function guardLlmText(raw: string, options: { maxChars: number; sources: readonly string[] }): string {
  const text = (raw ?? "").trim();
  if (text.length > options.maxChars) throw new UnsafeOutputError(`模型输出过长（${text.length} 字，上限 ${options.maxChars} 字）`);
  const sources = comparable(options.sources.join("\n"));
  const markup = activeMarkupIn(text).filter((m) => !sources.includes(m));
  if (markup.length) throw new UnsafeOutputError(`模型输出含有文件中没有的标记：${markup.join("、")}`);
  const contacts = contactsIn(text).filter((c) => !sources.includes(c));
  if (contacts.length) throw new UnsafeOutputError(`模型输出含有文件中没有的链接、电话或邮箱：${contacts.join("、")}`);
  const clean = stripHtml(text);
  if (!clean) throw new UnsafeOutputError("模型返回空内容");
  return clean;
}
