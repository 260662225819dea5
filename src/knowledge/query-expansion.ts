import type { QuestionIntent, SynonymGroup } from "./ingest.js";
import { overlap } from "./rankers.js";
import type { SearchParts } from "./retrieve.js";
import { normalize, tokenize } from "./tokenize.js";

/** A question none of whose words is at least this much more frequent here than in general Chinese is not about this domain. */
export const MIN_TOPIC_SALIENCE = 2;

/** Share of the rest of the question below which no passage of the field holds it (see contextOf). */
const CONTEXT_HELD_MAX = 0.5;

/**
 * The words of the pilot fields a question names (with their synonyms), when its own topic — its
 * other domain words, and `topics`: the concepts it names and the wording that answers its way of
 * asking (多少天 → 工作日内) — is not what the field's passages hold: 征地公示里的身份证号能
 * 贴出去吗 asks about 个人隐私, and 征地 is only where it arises. When the field's passages hold
 * that topic (户籍管理的指引原文在哪), or there is none (公共法律服务领域公开什么), the field is
 * the topic and nothing is context.
 */
export function contextOf(
  q: { text: string; tokens: string[]; topics: string[] },
  parts: Pick<SearchParts, "fieldTerms" | "tokens" | "salience">,
  idf: (t: string) => number,
): Set<string> {
  const text = normalize(q.text);
  const named = parts.fieldTerms.filter((t) => text.includes(t));
  if (!named.length) return new Set();
  const context = new Set(named.flatMap((t) => tokenize(t)));
  const own = q.tokens.filter((t) => context.has(t));
  const salient = q.tokens.filter((t) => (parts.salience.get(t) ?? 0) >= MIN_TOPIC_SALIENCE);
  const topic = [...new Set([...salient, ...q.topics.flatMap((c) => tokenize(c))])].filter((t) => !context.has(t));
  if (!topic.length || !own.length) return new Set();
  let held = 0;
  for (const p of parts.tokens) if (own.every((t) => p.has(t))) held = Math.max(held, overlap(topic, p, idf));
  return held < CONTEXT_HELD_MAX ? context : new Set();
}

/** Terms of the synonym groups that the question mentions, minus what it already says. */
export function expand(question: string, groups: SynonymGroup[]): string[] {
  const q = normalize(question);
  const out = new Set<string>();
  for (const g of groups) {
    if (g.terms.some((t) => q.includes(normalize(t)))) {
      for (const t of g.terms) if (!q.includes(normalize(t))) out.add(t);
    }
  }
  return [...out];
}

/** Terms the documents use to answer the way the question asks (多久 → 时限, 工作日内 …). */
export function intentTerms(question: string, intents: QuestionIntent[]): string[] {
  const q = normalize(question);
  return intents.filter((i) => i.ask.some((a) => q.includes(a))).flatMap((i) => i.terms);
}
