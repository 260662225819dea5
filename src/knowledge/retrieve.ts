import type { Chunk, Knowledge } from "./ingest.js";
import { asksElsewhere, asksPersonalStatus, corroborated, unreadWords } from "./abstention-signals.js";
import { confidenceOf, looksLikeText } from "./confidence.js";
import { type MeaningGroups, meaningOf } from "./meaning.js";
import { heldAs, type QueryReader, type QueryReading } from "./query-understanding.js";
import { definitionOf } from "./answer-kinds.js";
import { asksIfDisclosed } from "./topic-rankers.js";
import { DERIVED_SALIENCE, domainStrength, salienceIn } from "./domain-strength.js";
import { preambleWords } from "./preamble.js";
import { contextOf, expand, intentTerms, MIN_TOPIC_SALIENCE } from "./query-expansion.js";
import { CONTEXT_WEIGHT, PREAMBLE_WEIGHT, fuse, overlap, type Query, type Ranked, type Ranker } from "./rankers.js";
import { normalize, stripQuestionWords, tokenize } from "./tokenize.js";

/** One ranked passage with the evidence behind its rank. */
export interface Hit {
  chunk: Chunk;
  /** Fused reciprocal-rank score. */
  score: number;
  /** Share of the query's IDF mass that the passage contains (0–1). */
  coverage: number;
  /** Similarity of the question to a written question of this passage (FAQ or question index, 0–1), else 0. */
  questionMatch: number;
  /** The content words of that written question, when one matches (it was written for a point of the passage). */
  asked?: readonly string[];
  /** Like `coverage`, with the question's everyday words held as the documents' words for them (报给 as 报送). */
  meant?: number;
}

export interface Retrieval {
  /** How the question was read (standard wording, typo corrections, concepts, kind). */
  reading: QueryReading;
  /** The question's content words (question phrasing and fillers removed), each once. */
  terms: string[];
  /** The documents' words for what it says otherwise (synonyms, concepts, everyday words, ways of asking), tokenised, minus `terms`. */
  related: string[];
  hits: Hit[];
  /** How clearly the question is about this domain and covered by a passage (see ABSTAIN_BELOW). */
  relevance: number;
  /** Calibrated confidence that the top passages answer the question (0–1). */
  confidence: number;
  abstain: boolean;
  /** Asks what the documents never answer (a personal service, an everyday matter; see asksElsewhere): refused whatever a rewrite says. */
  outOfScope: boolean;
  /**
   * Share of the question's own words (question phrasing such as 多久 and the words the reader
   * maps left out) that the knowledge never uses: 明天下不下雨 1, 收费吗 0 (see follow-up.ts).
   */
  unfamiliar: number;
  /** Inverse document frequency of a token over the passages (weighs answer sentences). */
  idf: (token: string) => number;
}

/** What searching needs; held privately by KnowledgeIndex. */
export interface SearchParts {
  knowledge: Knowledge;
  rankers: Ranker[];
  reader: QueryReader;
  /** Document frequency of each token over the passages. */
  df: Map<string, number>;
  /** Inverse document frequency of a token over the passages (see idfOf). */
  idf: (token: string) => number;
  /** The token set of each passage (heading path and text), by chunk index. */
  tokens: Set<string>[];
  /** How much more often each token occurs in the knowledge than in general Chinese (log ratio). */
  salience: Map<string, number>;
  /** The pilot fields' names, variants and their synonyms, normalised. */
  fieldTerms: string[];
  /** Interchangeable wordings for question-to-question matching. */
  meaningGroups: MeaningGroups;
  /** How many of the pilot fields each passage names, by chunk index. */
  fieldsNamed: number[];
}

/** Score factor of the passages explaining the column a how-to-fill question asks about. */
const COLUMN_BOOST = 2.5;
/** Score factor per unit of question-to-question similarity. */
const QUESTION_MATCH_BOOST = 0.25;
/**
 * From this match on a written question is the question typed (26个领域都有哪些 for 26个试点领域是哪些),
 * and its passage gets SAME_QUESTION_BOOST more: a short question's two words are in dozens of
 * passages, which every other ranker ties on.
 */
const SAME_QUESTION = 0.95;
const SAME_QUESTION_BOOST = 1;
/** Share of a question's IDF mass in words the knowledge never uses from which it may be off-topic… */
const UNKNOWN_SHARE_MAX = 0.5;
/** …when no passage covers (or written question matches) more than this of it, and its most */
const OFF_TOPIC_PASSAGE_MAX = 0.5;
/** …domain-specific word is a procedural one (申请 4.6, 办理) rather than a topic (公开 6+, 台账 7.9). */
const OFF_TOPIC_SALIENCE_MAX = 5;

/** A document's year and number (国办发〔2019〕54号, 981号文): evidence of the domain when a passage cites it. */
const DOC_NUMBER = /[〔[(（]\d{4}[〕\])）]\d+号|\d+号(?=文)/g;

/** Domain strength (one procedural word such as 申请) and distinct everyday wordings the reader maps, from which a question is a situation of the domain. */
const SITUATION_STRENGTH = 4;
const SITUATION_EVERYDAY = 2;
/** …or told around a domain word in everyday words for this many of the documents' terms (没有这个业务 … 这一行 … 删掉); 快递一直不回复 has no domain word. */
const SITUATION_TERMS = 3;

/** A passage naming this many pilot fields or more lists them (a responsibility table, a task list). */
const FIELD_LIST_MIN = 5;
/** Score factor of such a list for a question whether something of one field is disclosed. */
const FIELD_LIST_FACTOR = 0.5;

/** Asking which the pilot fields are (26个领域都有哪些, 试点领域是哪几个). */
const ASKS_FIELDS = /(\d+个|二十六个|试点|这些|那些|所有|各个?)领域[^，,。？?]{0,6}(哪些|哪几|有什么|都是|是什么|几个|多少个)/;
/** A passage naming this many pilot fields lists them all (国务院相关部门已就城乡规划、重大建设项目…26个试点领域). */
const ALL_FIELDS_MIN = 20;
/** Score factor of such a passage for a question asking which the fields are. */
const ALL_FIELDS_BOOST = 1.5;

/** Score factor of a passage defining the word a what-does-it-mean question asks about. */
const DEFINITION_BOOST = 2.5;

/** Passages whose coverage counts as evidence that a question is about the domain. */
const EVIDENCE_PASSAGES = 10;
/** Coverage from which one passage holds every word of a question. */
const WHOLLY_HELD = 0.99;

/** The everyday forms telling alone (colloquial.yaml `alone`: all of a term's, or those listed), per language data. */
const alone = new WeakMap<object, Set<string>>();
function aloneForms(knowledge: SearchParts["knowledge"]): Set<string> {
  const words = knowledge.language.colloquial.words;
  let forms = alone.get(words);
  if (!forms) alone.set(words, (forms = new Set(words.flatMap((w) => (w.alone === true ? w.forms : w.alone || [])).map(normalize))));
  return forms;
}

/** Rankers whose `match` is question-to-question similarity. */
const QUESTION_RANKERS = new Set(["faq", "question-index"]);

/**
 * Abstention: a question is answered when it is about this domain and a passage covers it.
 * relevance = (strongest domain salience of its words) / 10 + (best passage coverage).
 * Calibrated on bench/abstention-calibration.jsonl (everyday questions vs officials'
 * questions written apart from the eval sets); `npm run bench` prints both bounds. Everyday
 * questions are mostly refused as off-topic or out of scope; of those refused on relevance
 * alone across the tuning sets, the highest scores 0.56, while officials' long stories with
 * one short question in them start near 0.6.
 */
export const ABSTAIN_BELOW = 0.6;

/**
 * Reads the question (query understanding), ranks the passages with every ranker, fuses the
 * rankings, re-weights by how much of the question each passage covers, and decides whether
 * to abstain.
 */
export async function search(parts: SearchParts, question: string, top = 5): Promise<Retrieval> {
  const { knowledge } = parts;
  const reading = parts.reader.read(question);
  const tokens = [...new Set(tokenize(stripQuestionWords(reading.text)))];
  const { idf } = parts;
  const asks = intentTerms(reading.text, knowledge.intents);
  const expansion = [
    ...new Set([
      ...expand(reading.text, knowledge.synonyms),
      ...asks,
      ...reading.concepts.filter((c) => !reading.text.includes(c)),
      ...reading.meant,
    ]),
  ];
  // a pilot field named only as the setting of the question weighs less than what it asks
  const context = contextOf({ text: reading.text, tokens, topics: [...reading.concepts, ...reading.meant, ...asks] }, parts, idf);
  const weights = new Map<string, number>(); // asked of every word of every candidate written question
  const preamble = preambleWords(reading.text);
  // without context or preamble words a word weighs its IDF: the same function for every such
  // question, whose weights the question-index ranker keeps from one question to the next
  const weigh = context.size || preamble.size ? (t: string) => weights.get(t) ?? weights.set(t, idf(t) * (context.has(t) ? CONTEXT_WEIGHT : 1) * (preamble.has(t) ? PREAMBLE_WEIGHT : 1)).get(t)! : idf;
  const meaning = meaningOf(reading.text, parts.meaningGroups, tokens);
  const query: Query = { reading, tokens, expansion, idf: weigh, context, preamble, meaning: { core: meaning.core, full: new Set(meaning.full) } };
  const ranked = await Promise.all(parts.rankers.map(async (r) => ({ ranker: r, ranked: await r.rank(query) })));
  const fused = fuse(ranked.map(({ ranker, ranked }) => ({ weight: ranker.weight, ranked })));
  const questionMatch = new Map<number, Ranked>();
  for (const { ranker, ranked: list } of ranked) {
    if (!QUESTION_RANKERS.has(ranker.name)) continue;
    for (const r of list) if (r.match && r.match > (questionMatch.get(r.id)?.match ?? 0)) questionMatch.set(r.id, r);
  }

  const scoped = asksIfDisclosed(reading);
  const defines = definitionOf(reading, tokens);
  const fieldsAsked = ASKS_FIELDS.test(reading.text);
  const explaining = new Set(ranked.find((r) => r.ranker.name === "concept")?.ranked.map((r) => r.id) ?? []);
  const meantHeld = heldAs(reading, knowledge.language.colloquial.words);
  // asked whether to disclose it, a field's matter in everyday words (低保名单) names the field
  const strength = domainStrength(tokens, reading, parts, scoped && reading.matters?.length ? reading.meant.filter((m) => parts.fieldTerms.includes(m)) : []);
  // a situation told in everyday words the reader maps to the documents' terms (写得乱七八糟 → 补正,
  // 同样的东西 → 重复申请), around one of the domain's own words (申请): 低保怎么申请 has one such word
  // and no mapped wording, 快递一直不回复咋办 mapped wording and no domain word
  // …or told in two everyday wordings of the same thing (弄不完 … 往后拖 → 延长答复期限): one
  // mapped word may be chance (作业能往后拖吗), two that agree are not
  // …or around one of the domain's concepts named in full (商业秘密 … 另一个公司 … 问那个公司)
  const namesConcept = reading.named.some((n) => [...n].length >= 3);
  const situation =
    ((strength >= SITUATION_STRENGTH || namesConcept) && new Set(reading.everyday).size >= SITUATION_EVERYDAY) ||
    (strength > 0 && new Set(reading.meant).size >= SITUATION_TERMS) ||
    corroborated(reading.text, knowledge.language.colloquial.words);
  // a situation's story holds words no passage uses (尿毒症): whether a passage holds it is asked of the words the documents use
  const known = situation ? tokens.filter((t) => parts.df.has(t)) : tokens;
  // what each passage holds, a question word counting as held when the passage holds the documents' words for it
  const holders = new Map<Hit, { has(t: string): boolean }>();
  const hits: Hit[] = [...fused].map(([id, score]) => {
    const own = parts.tokens[id]!;
    const coverage = overlap(tokens, own, weigh);
    // what the question says in everyday words, a passage may hold in the documents' words: that
    // ranks it, but is no evidence that the question is about this domain (养老保险断了能补缴吗)
    const holds = { has: (t: string) => own.has(t) || (meantHeld.get(t)?.some((m) => m.every((x) => own.has(x))) ?? false) };
    const meant = meantHeld.size ? overlap(tokens, holds, weigh) : coverage;
    const written = questionMatch.get(id);
    const match = written?.match ?? 0;
    // Passages that hold most of the question's meaning move up; the fused rank breaks ties;
    // a how-to-fill question goes first to the passages explaining its column.
    const boost = (explaining.has(id) ? COLUMN_BOOST : 1) * (1 + QUESTION_MATCH_BOOST * match + (match >= SAME_QUESTION ? SAME_QUESTION_BOOST : 0));
    // a whether-X-is-disclosed question is about X, which a passage listing the pilot fields only
    // names; which the fields are is answered by a passage listing them all; what a word means, by its definition
    const fields = parts.fieldsNamed[id]!;
    const fit =
      (scoped && fields >= FIELD_LIST_MIN ? FIELD_LIST_FACTOR : 1) *
      (fieldsAsked && fields >= ALL_FIELDS_MIN ? ALL_FIELDS_BOOST : 1) *
      (defines?.(knowledge.chunks[id]!.text) ? DEFINITION_BOOST : 1);
    const hit: Hit = { chunk: knowledge.chunks[id]!, score: score * (0.75 + meant) ** 2 * boost * fit, coverage, questionMatch: match };
    if (written?.asked) hit.asked = written.asked;
    if (meant > coverage) hit.meant = meant;
    holders.set(hit, holds);
    return hit;
  });
  hits.sort((a, b) => b.score - a.score);

  // everyday questions that share a procedural word with the documents (护照怎么办理, 低保怎么申请):
  // their domain words are few and weak (domainStrength), most of their meaning is in words the
  // knowledge never uses, and no passage covers them, nor any written question on the domain's own
  // wording (single characters are left out: 编, 挂 are colloquial verbs, not topics); a question
  // naming one of the domain's concepts (特定群体, 公开时限) is never off-topic; words the reader
  // knows (an everyday form it maps, a concept's short name) are not unknown
  // an everyday name of a field's matter is the domain's word only in asking whether to disclose it (低保名单要挂网上不)
  const unread = unreadWords(tokens, [...reading.named, ...reading.everyday, ...(scoped ? (reading.matters ?? []) : [])]);
  const unknown = unread.length ? 1 - overlap(unread, parts.df, idf) : 0;
  const phrasing = knowledge.intents.flatMap((i) => i.ask.filter((a) => reading.text.includes(a)));
  const own = unread.filter((t) => !phrasing.some((a) => a.includes(t)));
  const unfamiliar = own.length ? 1 - overlap(own, parts.df, idf) : 0;
  // a concept named in full (特定群体), or a question all of whose words name concepts (复议怎么办)
  const named = namesConcept || (reading.named.length > 0 && unreadWords(tokens, reading.named).length === 0);
  // a question written for a passage, typed as written (那个表弄完交给谁), or a document number a passage cites (豫政办〔2020〕5号)
  const written = hits.slice(0, EVIDENCE_PASSAGES).some((h) => h.questionMatch >= SAME_QUESTION);
  const cited = [...normalize(reading.original).matchAll(DOC_NUMBER)].some((m) => hits.some((h) => normalize(h.chunk.text).includes(m[0])));
  // a short question every word of which the documents use and one passage holds (延长最多几天);
  // a compound the search cut adds beside its parts (最多能 beside 最多) is no word of its own
  const simple = own.filter((t) => !tokens.some((o) => o !== t && t.includes(o)));
  const held = simple.length > 0 && overlap(simple, parts.df, idf) === 1 && hits.slice(0, EVIDENCE_PASSAGES).some((h) => h.coverage >= WHOLLY_HELD);
  // every word of the question the documents use (its ways of asking aside: 多久), one of them as the everyday form of their own
  // term (复印费 → 信息处理费, 延期 → 延长答复期限): 作业能往后拖吗 has a word they never use, and
  // one everyday word alone may be chance (你叫什么名字: 名字 → 个人隐私; 能往后拖吗 is read with the
  // question before it); one beside another word (延期 … 20天) is not, nor one that in this domain
  // can mean nothing else (收费吗, 复印费能收不: marked alone in colloquial.yaml)
  const familiar = unfamiliar === 0 && reading.meant.length > 0 && (tokens.filter((t) => [...t].length > 1).length > 1 || reading.everyday.some((f) => aloneForms(knowledge).has(f)));
  const offTopic =
    !named && !situation && !written && !cited && !held && !familiar &&
    (strength < MIN_TOPIC_SALIENCE ||
      (unknown >= UNKNOWN_SHARE_MAX && strength < OFF_TOPIC_SALIENCE_MAX && (await domainEvidence(parts, query, hits)) < OFF_TOPIC_PASSAGE_MAX));
  // a question all of whose words the reader knows (备案报给谁: 报给 → 报送) is covered in the documents' words
  const passage = Math.max(0, ...hits.slice(0, 10).map((h) => Math.max(h.coverage, h.questionMatch, familiar ? (h.meant ?? 0) : 0, situation ? overlap(known, holders.get(h)!, weigh) : 0)));
  // a concept named by a short name (年报 → 政府信息公开工作年度报告) is evidence of the domain too,
  // weaker than its words typed; so are the documents' words for a situation told in everyday words
  // (隔三差五来要同样的东西 → 重复申请); an everyday word alone (往后拖 → 延长) is not: 作业能往后拖吗 is not
  const derived = [...reading.concepts, ...(situation ? reading.meant : [])].flatMap((c) => tokenize(c)).filter((t) => !tokens.includes(t));
  const salience = Math.max(0, ...tokens.map((t) => salienceIn(t, tokens, parts.salience)), ...derived.map((t) => DERIVED_SALIENCE * (parts.salience.get(t) ?? 0)));
  const relevance = Math.min(salience, 10) / 10 + passage;
  const outOfScope = asksPersonalStatus(reading.text) || asksElsewhere(reading, knowledge.language.outOfScope);
  const abstain = !looksLikeText(reading.original) || tokens.length === 0 || relevance < ABSTAIN_BELOW || offTopic || outOfScope;
  // a how-to-fill question that reached its column's passages, or a what-does-it-mean one a definition
  const routed = reading.howToFill || hits.slice(0, 3).some((h) => defines?.(h.chunk.text));
  const confidence = abstain ? 0 : confidenceOf({ relevance, hits, conceptRouted: routed });
  const related = [...new Set(expansion.flatMap((e) => tokenize(e)))].filter((t) => !tokens.includes(t));
  return { reading, terms: tokens, related, hits: hits.slice(0, top), relevance, confidence, abstain, outOfScope, unfamiliar, idf };
}

/**
 * How well the best passages cover a question, with a written question matched only on the
 * domain's own wording: everyday words (公众号 → 政务新媒体) help find passages but are no
 * evidence that the question is about this domain (公众号怎么注册 is not).
 */
async function domainEvidence(parts: SearchParts, query: Query, hits: Hit[]): Promise<number> {
  let best = Math.max(0, ...hits.slice(0, EVIDENCE_PASSAGES).map((h) => h.coverage));
  const strict = meaningOf(query.reading.text, parts.meaningGroups, query.tokens, true);
  const strictQuery: Query = { ...query, meaning: { core: strict.core, full: new Set(strict.full) } };
  for (const r of parts.rankers) {
    if (!QUESTION_RANKERS.has(r.name)) continue;
    for (const m of await r.rank(strictQuery)) best = Math.max(best, m.match ?? 0);
  }
  return best;
}
