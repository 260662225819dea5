import { describe, expect, it } from "vitest";
import type { LanguageData } from "../../src/knowledge/language-data.js";
import { meaningGroups, meaningOf } from "../../src/knowledge/meaning.js";
import { packMeanings, unpackQuestions } from "../../src/knowledge/packed-meanings.js";
import { meaningRanker } from "../../src/knowledge/meaning-ranker.js";
import type { Query } from "../../src/knowledge/rankers.js";
import { tokenize } from "../../src/knowledge/tokenize.js";

const language: LanguageData = {
  colloquial: { replace: [], patterns: [], words: [{ term: "公开", forms: ["贴出去", "挂网上"] }], keep: [] },
  concepts: [{ name: "个人隐私", aliases: ["隐私", "身份证号", "银行卡号"], values: [], unlike: [], column: false }],
  templateColumns: [],
  terms: [],
  fields: [],
  outOfScope: { services: [], everyday: [], anchors: [] },
  lookalikes: [],
};
const groups = meaningGroups({ synonyms: [{ terms: ["农村集体土地征收", "征地"] }], intents: [{ ask: ["多少天"], terms: ["时限", "工作日内"] }], language });

describe("the meaning of a question", () => {
  it("holds its own words, and with them every wording of the concepts, synonyms and ways of asking it names", () => {
    const m = meaningOf("征地公示里的身份证号能贴出去吗", groups);
    expect(m.core).toEqual(expect.arrayContaining(["征地", "公示", "身份证号"]));
    expect(m.core).not.toContain("隐私");
    expect(m.full).toEqual(expect.arrayContaining(["隐私", "个人隐私", "公开", "征收"]));
    expect(meaningOf("主动公开多少天内挂出去", groups).full).toEqual(expect.arrayContaining(["时限", "工作日内"]));
    expect(meaningOf("目录怎么编", groups).full).toEqual(meaningOf("目录怎么编", groups).core);
  });

  it("read strictly, leaves out everyday words but keeps concepts and synonyms", () => {
    const strict = meaningOf("征地公示里的身份证号能贴出去吗", groups, undefined, true);
    expect(strict.full).toEqual(expect.arrayContaining(["个人隐私", "征收"]));
    expect(strict.full).not.toContain("公开");
  });
});

describe("matching a typed question with the written questions", () => {
  const written = [
    { chunk: 0, text: "个人隐私能不能公开" },
    { chunk: 1, text: "征地公示要公示多少天" },
    { chunk: 1, text: "征地补偿安置方案要公示吗" },
    { chunk: 2, text: "公开主体怎么写" },
  ].map((q) => ({ chunk: q.chunk, ...meaningOf(q.text, groups) }));
  const ranker = meaningRanker("question-index", 1, written);
  const query = (text: string): Query => {
    const m = meaningOf(text, groups);
    return { reading: {} as Query["reading"], tokens: m.core, expansion: [], idf: (t) => (t.length > 1 ? tokenize(t).length + 2 : 1), context: new Set(), preamble: new Set(), meaning: { core: m.core, full: new Set(m.full) } };
  };

  it("reaches a short written question all of whose meaning a long colloquial one holds", () => {
    const ranked = ranker.rank(query("征地公示里有农户身份证号银行卡号能直接贴出去吗")) as { id: number; match?: number }[];
    expect(ranked[0]).toMatchObject({ id: 0 });
    expect(ranked[0]!.match).toBeGreaterThanOrEqual(0.4);
  });

  it("ranks each passage once, by its best question, and never matches on a shared word alone", () => {
    const ranked = ranker.rank(query("征地补偿安置方案公示多少天")) as { id: number; match?: number }[];
    expect(ranked.map((r) => r.id)).toEqual([...new Set(ranked.map((r) => r.id))]);
    expect(ranked[0]!.id).toBe(1);
    const other = ranker.rank(query("公开主体和公开时限有什么区别")) as { id: number; match?: number }[];
    expect(other.find((r) => r.id === 0)?.match ?? 0).toBe(0);
  });

  it("ranks, as the saved index holds the written questions, exactly as with them unpacked", () => {
    const packed = JSON.parse(JSON.stringify(packMeanings(written))) as ReturnType<typeof packMeanings>;
    const { questions, byCore, byFull } = unpackQuestions(packed, written.map((q) => q.chunk));
    expect(byCore.get("公示")).toEqual([1, 2]);
    expect(byCore.get("红烧狮子头")).toBeUndefined();
    expect(byFull.get("隐私")).toEqual([0]);
    const fromSaved = meaningRanker("question-index", 1, questions, { byCore, byFull });
    for (const q of ["征地公示里有农户身份证号银行卡号能直接贴出去吗", "征地补偿安置方案公示多少天", "公开主体和公开时限有什么区别", "公开主体怎么填"]) {
      expect(fromSaved.rank(query(q))).toEqual(ranker.rank(query(q)));
    }
  });
});

describe("meanings as the saved index holds them", () => {
  it("unpack, after a JSON round trip, to the same words in the same order, each with its passage", () => {
    const meanings = ["征地公示里的身份证号能贴出去吗", "主动公开多少天内挂出去", "目录怎么编", "？"].map((q) => meaningOf(q, groups));
    const packed = JSON.parse(JSON.stringify(packMeanings(meanings))) as ReturnType<typeof packMeanings>;
    expect(packed.words.length).toBe(new Set(meanings.flatMap((m) => [...m.core, ...m.full])).size);
    const { questions } = unpackQuestions(packed, [0, 1, 1, 2]);
    expect(questions.map((m) => ({ chunk: m.chunk, core: m.core, full: m.full }))).toEqual(meanings.map((m, i) => ({ chunk: [0, 1, 1, 2][i], core: m.core, full: m.full })));
    expect(questions[3]).toMatchObject({ chunk: 2, core: [], full: [] });
    expect(() => unpackQuestions(packed, [0, 1])).toThrow();
  });
});
