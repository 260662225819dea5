import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/ingest.js";

const root = path.resolve(import.meta.dirname, "../..");
const shared = path.resolve(root, "../shared");
const docsDir = path.join(root, "knowledge", "docs");
const files = fs.readdirSync(docsDir).filter((f) => f.endsWith(".md"));

/** Text reduced to its characters: markup the extraction left is not wording (☑/☐ render its checkboxes). */
function squeeze(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/[☑☐]/g, "")
    .replace(/<(https?:\/\/[^>]+)>/g, "$1")
    .replace(/<[^>]*>/g, "")
    .replace(/\*\*/g, "")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, "");
}

/** The pieces of a Markdown body line that must appear in the source. */
function pieces(line: string): string[] {
  const t = line.trim();
  if (!t || /^\|[\s:|-]+\|?$/.test(t)) return [];
  if (t.startsWith("|")) return t.replace(/^\||\|$/g, "").split("|").flatMap((c) => c.split(/<br\s*\/?>/));
  return [t.replace(/^#{1,6}\s+/, "").replace(/^[-*]\s+/, "")];
}

describe("knowledge documents", () => {
  it("parse, and cover every source document of shared/seeds and shared/corpus", () => {
    const k = loadKnowledge(path.join(root, "knowledge"));
    expect(k.docs.length).toBe(files.length);
    const origins = new Set(k.docs.map((d) => d.origin));
    const sources = ["seeds", "corpus"].flatMap((d) =>
      fs.readdirSync(path.join(shared, d)).filter((f) => f.endsWith(".txt")).map((f) => `${d}/${f}`),
    );
    expect(sources.filter((s) => !origins.has(s))).toEqual([]);
  });

  it.each(files)("%s keeps the official wording verbatim", (file) => {
    const content = fs.readFileSync(path.join(docsDir, file), "utf8");
    const [, fm = "", body = ""] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(content) ?? [];
    const origin = (YAML.parse(fm) as { origin: string }).origin;
    const source = squeeze(fs.readFileSync(path.join(shared, origin), "utf8"));
    const lines = body.split("\n").slice(1); // the first line is the title heading
    const missing = lines.flatMap(pieces).map(squeeze).filter((p) => p && !source.includes(p));
    expect(missing).toEqual([]);
  });
});
