/** Reading and writing the 公开渠道和载体 cell. */
import { canonicalChannel, sortChannels, type CatalogueKnowledge } from "./knowledge.js";
import { remembered } from "./text.js";

const BOX_MARKS = "☑☒■✓✔√●✅☐□○";
const CHECKED = new Set([..."☑☒■✓✔√●✅"]);

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Regex matching a channel name however its slashes and brackets are written. */
function flexibleName(name: string): RegExp {
  const pattern = [...name]
    .map((ch) => (ch === "/" || ch === "／" ? "\\s*[/／]\\s*" : ch === "（" || ch === "(" ? "\\s*[（(]" : ch === "）" || ch === ")" ? "[）)]" : escapeRegex(ch)))
    .join("");
  return new RegExp(pattern, "g");
}

const protectCache = new WeakMap<CatalogueKnowledge, { re: RegExp; name: string }[]>();

function slashNames(knowledge: CatalogueKnowledge): { re: RegExp; name: string }[] {
  let list = protectCache.get(knowledge);
  if (!list) {
    list = knowledge.channelNames
      .filter((n) => /[/／]/.test(n))
      .sort((a, b) => b.length - a.length)
      .map((name) => ({ re: flexibleName(name), name }));
    protectCache.set(knowledge, list);
  }
  return list;
}

/**
 * Reads a channels cell: options with marks (☑/☐, ■/□, √ …: only marked ones count) or plain
 * names separated by 、，,;； ／ or newlines. Names are mapped to the vocabulary (spelling map);
 * "其他：X" keeps X; an unknown name is kept as written (R10 reports it).
 */
export function parseChannelCell(text: string, knowledge: CatalogueKnowledge): string[] {
  return sortChannels(writtenChannels(text, knowledge).map((name) => canonicalChannel(name, knowledge)).filter((c) => c !== ""), knowledge);
}

/**
 * The channels a cell names, as written (the marked options, or the plain names; template
 * options with slashes such as 发布会/听证会 kept whole).
 */
export function writtenChannels(text: string, knowledge: CatalogueKnowledge): string[] {
  let memory = written.get(knowledge);
  if (!memory) written.set(knowledge, (memory = new Map()));
  return [...remembered(memory, text, () => writtenChannelsOnce(text, knowledge))];
}

const written = new WeakMap<CatalogueKnowledge, Map<string, readonly string[]>>();

function writtenChannelsOnce(text: string, knowledge: CatalogueKnowledge): string[] {
  const t = text.replace(/\r\n?/g, "\n").trim();
  if (t === "") return [];
  const out: string[] = [];
  if ([...t].some((ch) => BOX_MARKS.includes(ch))) {
    const re = new RegExp(`([${BOX_MARKS}])([^${BOX_MARKS}]*)`, "g");
    for (const m of t.matchAll(re)) {
      const name = (m[2] as string).replace(/[\s\u3000]+$/g, "").replace(/^[\s\u3000]+/, "").replace(/[、，,;；]+$/, "");
      if (!CHECKED.has(m[1] as string) || name === "") continue;
      out.push(name);
    }
  } else {
    let rest = t;
    const protectedNames: string[] = [];
    for (const { re, name } of slashNames(knowledge)) {
      rest = rest.replace(re, () => {
        protectedNames.push(name);
        return `\u0001${protectedNames.length - 1}\u0002`;
      });
    }
    for (const part of rest.split(/[、，,;；/／\n\t]+/)) {
      const p = part.trim();
      if (p === "") continue;
      const ph = /^\u0001(\d+)\u0002$/.exec(p);
      if (ph) out.push(protectedNames[Number(ph[1])] as string);
      else out.push(p.replace(/\u0001(\d+)\u0002/g, (_, i: string) => protectedNames[Number(i)] as string));
    }
  }
  return out.filter((c) => c !== "");
}

/**
 * Writes a channels cell as the template does: every option with ☑/☐ (two per line), the
 * field's platforms, chosen channels outside the vocabulary, and 其他.
 */
export function formatChannelCell(channels: string[], knowledge: CatalogueKnowledge, field: string | null): string {
  const chosen = new Set(channels);
  const platforms = knowledge.platforms
    .filter((p) => chosen.has(p.name) || (field !== null && p.fields.some((f) => field.includes(f))))
    .map((p) => p.name);
  const options = [...knowledge.channelOptions.filter((o) => o !== "其他"), ...platforms];
  const items = options.map((o) => `${chosen.has(o) ? "☑" : "☐"}${o}`);
  for (const c of channels) {
    if (!options.includes(c) && c !== "其他" && !c.startsWith("其他：")) items.push(`☑${c}`);
  }
  const others = channels.filter((c) => c === "其他" || c.startsWith("其他："));
  if (others.length === 0) items.push("☐其他____");
  else for (const o of others) items.push(`☑${o}`);
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += 2) lines.push(items.slice(i, i + 2).join("　"));
  return lines.join("\n");
}
