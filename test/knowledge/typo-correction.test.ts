import fs from "node:fs";
import path from "node:path";
import { pinyin } from "pinyin-pro";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/ingest.js";
import { cutDictionary, isContentToken } from "../../src/knowledge/tokenize.js";
import { fuzzy } from "../../src/knowledge/pinyin-reading.js";
import { type DomainTerm, TypoCorrector } from "../../src/knowledge/typo-correction.js";

const root = path.resolve(import.meta.dirname, "../..");

describe("typo correction judged without pinyin first (issue 13: cold start)", () => {
  const knowledge = loadKnowledge(path.join(root, "knowledge"));
  const counts = new Map<string, number>();
  for (const c of knowledge.chunks) for (const w of cutDictionary(c.text).filter(isContentToken)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const terms = new Map<string, DomainTerm>();
  for (const [w, n] of counts) if (n >= 3) terms.set(w, { weight: n, strong: n >= 20 });
  for (const t of knowledge.language.terms) terms.set(t, { weight: 1e6, strong: true });
  const corpus = knowledge.chunks.map((c) => `${c.section}\n${c.text}`).join("\n");
  const fast = TypoCorrector.build(terms, corpus);
  const { homophones, ...withoutTable } = fast.toState();
  const always = TypoCorrector.fromState(withoutTable);

  it("has a homophone table for the syllables of the terms' readings", () => {
    const table = new Map(homophones);
    expect(table.get("xian")).toContain("线");
    expect(table.get("xian")).toContain("限");
    expect(table.get("an")).toContain("按");
    expect(table.get("xian")).not.toContain("按");
  });

  it("corrects exactly what the corrector computing every question's pinyin corrects", () => {
    const questions = ["bench/qa-colloquial.jsonl", "bench/qa-extra.jsonl", "bench/abstention-calibration.jsonl"]
      .flatMap((f) => fs.readFileSync(path.join(root, f), "utf8").split("\n"))
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { q: string }).q);
    // typos made on purpose: one character of a term replaced by another of the same sound
    const sameSound = new Map<string, string[]>();
    for (const c of corpus) if (/\p{Script=Han}/u.test(c)) sameSound.set(pinyin(c, { toneType: "none" }), [...(sameSound.get(pinyin(c, { toneType: "none" })) ?? []), c]);
    const typos = [...terms.keys()].slice(0, 400).map((t) => {
      const chars = [...t];
      const i = chars.length - 1;
      const other = sameSound.get(pinyin(chars[i]!, { toneType: "none" }))?.find((c) => c !== chars[i]);
      if (other) chars[i] = other;
      return `${chars.join("")}怎么填写`;
    });
    let corrected = 0;
    for (const q of [...questions, ...typos, "说一说公开时线", "时々线", "公开时线咋写", "备按要不要", "台帐怎么建立", "两微一段"]) {
      const text = q.normalize("NFKC").toLowerCase();
      const a = fast.correct(text, cutDictionary(text));
      expect(a).toEqual(always.correct(text, cutDictionary(text)));
      if (a.corrections.length) corrected++;
    }
    expect(corrected).toBeGreaterThan(20);
  });
});

describe("fuzzy readings", () => {
  it.each([
    ["zheng", "zen"],
    ["shi", "si"],
    ["geng", "gen"],
    ["xing", "xin"],
    ["xiang", "xiang"], // 乡 and 县 stay apart
    ["nan", "nan"], // 难 and 栏 stay apart
  ])("%s reads as %s", (syllable, reading) => {
    expect(fuzzy(syllable)).toBe(reading);
  });
});
