import MiniSearch, { type Options } from "minisearch";
import { describe, expect, it } from "vitest";
import { loadSearch, saveSearch } from "../../src/knowledge/saved-search.js";
import { tokenize } from "../../src/knowledge/tokenize.js";

const options: Options = { fields: ["text", "title"], tokenize, processTerm: (t) => t, searchOptions: { combineWith: "OR", boost: { title: 2 } } };
const docs = [
  { id: 0, title: "公开时限", text: "信息形成或者变更之日起20个工作日内予以公开。" },
  { id: 1, title: "公开主体", text: "公开主体是制作或者获取该政府信息的行政机关。" },
  { id: 2, title: "公开渠道和载体", text: "政府网站、政务新媒体、公开栏等渠道公开，公开时限另有规定的从其规定。" },
  { id: 3, title: "公开依据", text: "公开依据只需列出法规政策，不需给出具体条款。" },
];
const built = () => {
  const search = new MiniSearch(options);
  search.addAll(docs);
  return search;
};
const saved = () => saveSearch(built());
const QUESTIONS = ["公开时限是多久", "谁是公开主体", "公开依据要写具体条款吗", "政务新媒体算不算渠道", "完全无关的问题"];

describe("saveSearch and loadSearch (a saved MiniSearch with its terms loaded on first use)", () => {
  it("finds the same passages with the same scores as MiniSearch.loadJSON", () => {
    const json = saved();
    const eager = MiniSearch.loadJSON(JSON.stringify(built()), options);
    const lazy = loadSearch(json, options);
    for (const q of QUESTIONS) expect(lazy.search(q)).toEqual(eager.search(q));
    expect(lazy.search("公开时限").length).toBeGreaterThan(0);
    expect(lazy.termCount).toBe(eager.termCount);
    expect(lazy.has(3)).toBe(true);
  });

  it("saves a term's postings so that they load as the same maps, in the same order", () => {
    const eager = MiniSearch.loadJSON(JSON.stringify(built()), options);
    const lazy = loadSearch(saved(), options);
    lazy.search("公开"); // converts one term on its own, before the rest are loaded
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
    expect([...(lazy as unknown as { _index: Map<string, unknown> })._index.entries()]).toEqual([...(eager as unknown as { _index: Map<string, unknown> })._index.entries()]);
  });

  it("still reads an index saved with JSON.stringify", () => {
    const eager = built();
    const loaded = loadSearch(JSON.stringify(eager), options);
    for (const q of QUESTIONS) expect(loaded.search(q)).toEqual(eager.search(q));
  });

  it("behaves as a full index for prefix search, changes and saving", () => {
    const json = saved();
    const eager = MiniSearch.loadJSON(JSON.stringify(built()), options);
    const lazy = loadSearch(json, options);
    lazy.search("公开时限"); // some terms already converted
    expect(lazy.search("公", { prefix: true })).toEqual(eager.search("公", { prefix: true }));
    const added = { id: 4, title: "公开方式", text: "主动公开和依申请公开。" };
    lazy.add(added);
    eager.add(added);
    lazy.discard(1);
    eager.discard(1);
    for (const q of [...QUESTIONS, "依申请公开"]) expect(lazy.search(q)).toEqual(eager.search(q));
    expect(JSON.stringify(lazy)).toBe(JSON.stringify(eager));
  });
});
