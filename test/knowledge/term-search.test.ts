import MiniSearch, { type Options } from "minisearch";
import { describe, expect, it } from "vitest";
import { loadSearch, saveSearch } from "../../src/knowledge/saved-search.js";
import { exactTermSearch } from "../../src/knowledge/term-search.js";
import { charBigrams, tokenize } from "../../src/knowledge/tokenize.js";

const options: Options = { fields: ["text", "title", "asked"], tokenize, processTerm: (t) => t, searchOptions: { combineWith: "OR", boost: { title: 1.5, asked: 2 } } };
const docs = [
  { id: 0, title: "公开时限", text: "信息形成或者变更之日起20个工作日内予以公开。", asked: "多久公开" },
  { id: 1, title: "公开主体", text: "公开主体是制作或者获取该政府信息的行政机关。", asked: "" },
  { id: 2, title: "公开渠道和载体", text: "政府网站、政务新媒体、公开栏等渠道公开，公开时限另有规定的从其规定。", asked: "在哪公开\n公开渠道有哪些" },
  { id: 3, title: "公开依据", text: "公开依据只需列出法规政策，不需给出具体条款。", asked: "依据写到条款吗" },
  { id: 7, title: "依申请公开", text: "申请人申请公开政府信息的，行政机关应当在20个工作日内答复，延长答复期限不得超过20个工作日。", asked: "" },
];
const QUESTIONS = ["公开时限是多久", "谁是公开主体", "公开依据要写具体条款吗 公开依据", "政务新媒体算不算渠道", "完全无关的问题", "", "公开 公开 时限 工作日"];

describe("exactTermSearch (MiniSearch's exact-term OR search with the terms' scores kept)", () => {
  const built = new MiniSearch(options);
  built.addAll(docs);

  it("ranks as MiniSearch does, with or without term boosts, a term typed twice, and a saved index", () => {
    const boostTerm = (t: string) => (t === "公开" ? 0.4 : t.length > 2 ? 0.3 : 1);
    for (const search of [built, loadSearch(saveSearch(built), options)]) {
      const find = exactTermSearch(search);
      for (const q of QUESTIONS) {
        expect(find(q)).toEqual(search.search(q).map(({ id, score }) => ({ id, score })));
        expect(find(q, boostTerm)).toEqual(search.search(q, { boostTerm }).map(({ id, score }) => ({ id, score })));
      }
    }
  });

  it("ranks character bigrams the same way, and leaves a prefix or fuzzy search to MiniSearch", () => {
    const bigrams = new MiniSearch({ fields: ["text"], tokenize: charBigrams, processTerm: (t) => t });
    bigrams.addAll(docs);
    const find = exactTermSearch(bigrams);
    for (const q of QUESTIONS) expect(find(q)).toEqual(bigrams.search(q).map(({ id, score }) => ({ id, score })));
    const fuzzy = new MiniSearch({ ...options, searchOptions: { prefix: true } });
    fuzzy.addAll(docs);
    expect(exactTermSearch(fuzzy)("公开时")).toEqual(fuzzy.search("公开时").map(({ id, score }) => ({ id, score })));
  });
});
