/** Each rule's source passage is the official wording, found verbatim in the documents it names. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { RULES } from "../../../src/catalogue/rules/meta.js";
import { RULE_IDS } from "../../../src/catalogue/schema.js";
import { ROOT } from "../helpers.js";

const FOLDERS = [path.resolve(ROOT, "../shared/seeds"), path.resolve(ROOT, "../shared/corpus"), path.join(ROOT, "knowledge", "docs")];

/** Wording only: no whitespace, no markup the extraction left, full-width forms folded. */
const squeeze = (s: string): string => s.normalize("NFKC").replace(/<[^>]+>/g, "").replace(/[\s*#|]+/g, "");

const documents = squeeze(
  FOLDERS.filter((d) => fs.existsSync(d))
    .flatMap((d) => fs.readdirSync(d).filter((f) => /\.(txt|md)$/.test(f)).map((f) => fs.readFileSync(path.join(d, f), "utf8")))
    .join("\n"),
);

/** The quoted passages of a source: "《文件》：“passage”；《文件》：“passage”". */
const passages = (source: string): string[] => [...source.matchAll(/：“(.+?)”(?=；|$)/g)].map((m) => m[1] as string);

describe("rule sources", () => {
  it.each([...RULE_IDS])("%s quotes its passage verbatim", (id) => {
    const quoted = passages(RULES[id].source);
    expect(quoted.length).toBeGreaterThan(0);
    for (const p of quoted) expect(documents.includes(squeeze(p)), p).toBe(true);
  });

  it("R23 (document titles) rests on the note that 公开依据 names the laws and policies, not on a notice about the regulation", () => {
    expect(RULES.R23.source).toContain("注：公开或履行该事项所依据的国家政策法规名称");
    expect(RULES.R23.source).not.toContain("应公开尽公开");
  });
});
