// The cold-start floor for `ask`: what a developer would write in an afternoon — MiniSearch
// (BM25) with the jieba tokenizer over the same passages, indexed at start, answering one
// question with the best passage. Run by bench/startup.ts: node bench/ask-floor.mjs PASSAGES.json "问题"
import fs from "node:fs";
import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import MiniSearch from "minisearch";

const [file, question] = process.argv.slice(2);
const passages = JSON.parse(fs.readFileSync(file, "utf8"));
const jieba = Jieba.withDict(dict);
const tokenize = (text) => jieba.cutForSearch(text.normalize("NFKC").toLowerCase(), true).filter((t) => /[\p{L}\p{N}]/u.test(t));
const search = new MiniSearch({ fields: ["text"], storeFields: ["title", "section", "text"], tokenize });
search.addAll(passages.map((p, id) => ({ id, title: p.title, section: p.section, text: p.text })));
const [best] = search.search(question);
process.stdout.write(best ? `${best.text}\n\n出处：《${best.title}》 ${best.section}\n` : "没有找到\n");
