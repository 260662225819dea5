import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Jieba } from "@node-rs/jieba";
import { afterAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/ingest.js";
import { SegmentationWords } from "../../src/knowledge/segmentation-words.js";
import { writeSegmentationDictionary } from "../../src/knowledge/tokenize.js";

const root = path.resolve(import.meta.dirname, "../..");
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zwgk-dict-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every question of the bench sets, as officials type them (colloquial, typos, dialect). */
function benchQuestions(): string[] {
  const bench = path.join(root, "bench");
  return fs
    .readdirSync(bench)
    .filter((f) => f.endsWith(".jsonl"))
    .flatMap((f) => fs.readFileSync(path.join(bench, f), "utf8").split("\n"))
    .filter((l) => l.trim())
    .map((l) => (JSON.parse(l) as { q?: string }).q ?? "");
}

describe("the segmentation dictionary `npm run build` writes", () => {
  it("cuts every passage and bench question exactly as jieba's own dictionary does", () => {
    const file = path.join(dir, "jieba-dict.txt");
    writeSegmentationDictionary(file, path.join(dir, "jieba-words.bin"));
    const packaged = fs.readFileSync(createRequire(import.meta.url).resolve("@node-rs/jieba/dict.txt"));
    expect(fs.statSync(file).size).toBeLessThan(packaged.length);
    const own = Jieba.withDict(packaged);
    const fast = Jieba.withDict(fs.readFileSync(file));
    const knowledge = loadKnowledge(path.join(root, "knowledge"));
    const texts = [...knowledge.chunks.map((c) => `${c.title}\n${c.section}\n${c.text}`), ...benchQuestions(), "公开时线咋填", "两微一段", "住建局 PPP项目 4S店"];
    expect(texts.length).toBeGreaterThan(500);
    for (const t of texts) {
      expect(fast.cutForSearch(t, true)).toEqual(own.cutForSearch(t, true));
      expect(fast.cut(t, false)).toEqual(own.cut(t, false));
      expect(fast.cut(t, true)).toEqual(own.cut(t, true));
    }
  });

  it("gives each text a dictionary of its own words that cuts it exactly as the whole dictionary does", () => {
    const file = path.join(dir, "jieba-dict.txt");
    const wordsFile = path.join(dir, "jieba-words.bin");
    writeSegmentationDictionary(file, wordsFile);
    const whole = Jieba.withDict(fs.readFileSync(file));
    const words = SegmentationWords.read(wordsFile)!;
    expect(words).toBeDefined();
    const knowledge = loadKnowledge(path.join(root, "knowledge"));
    const texts = [
      ...knowledge.chunks.flatMap((c) => [c.text, `${c.title}\n${c.section}\n${c.text}`.normalize("NFKC").toLowerCase()]),
      ...knowledge.questions.map((q) => q.question),
      ...benchQuestions(),
      // jieba's own examples, Latin and digits inside words, the filler word itself, characters beyond the BMP
      ...["我们中出了一个叛徒", "南京市长江大桥", "小明硕士毕业于中国科学院计算所，后在日本京都大学深造", "AT&T和IBM的1号店 abc网球拍卖会def", "\uE000测试\uE000\uE000", "𠀀𠀁䶯䶰 👪 公开", ""],
    ];
    for (const t of texts) {
      const own = Jieba.withDict(words.dictionaryFor(t));
      expect(own.cutForSearch(t, true)).toEqual(whole.cutForSearch(t, true));
      expect(own.cut(t, false)).toEqual(whole.cut(t, false));
      expect(own.cut(t, true)).toEqual(whole.cut(t, true));
    }
  });

  it("reads no word list from a file that is not one", () => {
    const bad = path.join(dir, "not-words.bin");
    fs.writeFileSync(bad, "公开 3\n");
    expect(SegmentationWords.read(bad)).toBeUndefined();
    expect(SegmentationWords.read(path.join(dir, "missing.bin"))).toBeUndefined();
  });
});
