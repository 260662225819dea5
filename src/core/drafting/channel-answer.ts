/**
 * Channels typed in conversation ("网站和公示栏，还有其他"): the cell reader's separators, plus
 * the conjunctions and filler words of speech, and chat shorthand for a template option.
 */
import { canonicalChannel, compactKey, parseChannelCell, sortChannels, writtenChannels, type CatalogueKnowledge } from "../../catalogue/index.js";

const LEADING_FILLER = /^(?:还有|以及|另外|再加上|加上|外加|并且|而且|还要|还|再|和|及|与|跟)+/;
const TRAILING_FILLER = /(?:等等|等|之类的|之类|什么的|都行|都要|也行|也要|吧|啊|呀|嘛|的)+$/;
const CONJUNCTION = /以及|还有|加上|外加|或者|和|及|与|跟|或/;

const isOther = (name: string): boolean => /^其[他它]/.test(name);

function stripFiller(text: string): string {
  return text.trim().replace(/[。.！!]+$/, "").replace(LEADING_FILLER, "").replace(TRAILING_FILLER, "").trim();
}

/**
 * The channel a spoken name stands for: chat shorthand (channels.yaml `chatShorthand`, e.g. 网站
 * → 政府网站; not part of the spelling map because no source document writes it so), the
 * spelling map, or the text as typed.
 */
function resolve(name: string, k: CatalogueKnowledge): string {
  return k.channelShorthand.get(compactKey(name)) ?? canonicalChannel(name, k);
}

function known(name: string, k: CatalogueKnowledge): boolean {
  return isOther(name) || k.channelNames.includes(resolve(name, k));
}

/**
 * Reads channels typed in chat. Parts joined by 和/及/与/还有 are split when every piece is a
 * known channel (网站和公示栏 → 政府网站, 公示栏), filler is dropped (还有其他 → 其他, 公示栏等 →
 * 公示栏); cells with ☑/☐ marks are read as the Excel cell reader reads them.
 */
export function parseChannelAnswer(text: string, k: CatalogueKnowledge): string[] {
  const parts = writtenChannels(text, k);
  if (parts.length === 0 || /[☑☒■✓✔√●✅☐□○]/.test(text)) return parseChannelCell(text, k);
  const names: string[] = [];
  for (const part of parts) {
    const name = isOther(part.trim()) ? part.trim() : stripFiller(part);
    if (name === "") continue;
    const pieces = isOther(name) ? [name] : name.split(CONJUNCTION).map(stripFiller).filter((p) => p !== "");
    if (pieces.length > 1 && pieces.every((p) => known(p, k))) names.push(...pieces);
    else names.push(name);
  }
  return sortChannels(names.map((n) => resolve(n, k)).filter((c) => c !== ""), k);
}
