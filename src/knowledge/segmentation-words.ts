import fs from "node:fs";

/**
 * jieba's dictionary as a sorted word list that loads without parsing, to give jieba, for one
 * text, only the dictionary words that occur in that text.
 *
 * jieba segments a text by the dictionary words found inside it (its DAG, the search mode's
 * 2- and 3-grams and the HMM's known-word check all look up substrings of the text) and by the
 * total frequency of the dictionary: with the words the text holds, their frequencies, and one
 * word the text does not hold carrying the rest of the total, it cuts the text exactly as with
 * the whole dictionary (test/knowledge/tokenize.test.ts checks that on every passage and bench
 * question). Loading a few dozen words costs microseconds; loading the 350,000 words costs a
 * cold `ask` more than anything else it does.
 *
 * File layout, in the machine's byte order (`npm run build` writes it where it runs): "JWRD",
 * version u32, word count n u32, longest word in UTF-16 units u32, total frequency f64; then n + 1
 * u32 offsets of the words in the units that follow, n u32 frequencies, and the words' UTF-16
 * code units (u16), the words sorted by them.
 */
export class SegmentationWords {
  private constructor(
    /** The words' UTF-16 code units, one after another. */
    private readonly units: Uint16Array,
    private readonly offsets: Uint32Array,
    private readonly freqs: Uint32Array,
    private readonly longest: number,
    private readonly total: number,
  ) {}

  /** Reads a file written by `write`, or undefined when there is none or it is not one. */
  static read(file: string): SegmentationWords | undefined {
    let buf: Buffer;
    try {
      buf = fs.readFileSync(file);
    } catch {
      return undefined;
    }
    if (buf.length < HEADER || buf.toString("latin1", 0, 4) !== MAGIC || buf.readUInt32LE(4) !== VERSION) return undefined;
    const n = buf.readUInt32LE(8);
    const longest = buf.readUInt32LE(12);
    const total = buf.readDoubleLE(16);
    // views on the file's bytes, without copying them (a typed array needs its element size's
    // alignment in memory: the bytes are copied when they lack it)
    const view = <T>(Type: { new (b: ArrayBufferLike, offset: number, length: number): T; BYTES_PER_ELEMENT: number }, start: number, count: number): T | undefined => {
      const bytes = buf.subarray(start, start + Type.BYTES_PER_ELEMENT * count);
      if (bytes.length !== Type.BYTES_PER_ELEMENT * count) return undefined;
      return bytes.byteOffset % Type.BYTES_PER_ELEMENT ? new Type(new Uint8Array(bytes).buffer, 0, count) : new Type(bytes.buffer, bytes.byteOffset, count);
    };
    const offsets = view(Uint32Array, HEADER, n + 1);
    const freqs = view(Uint32Array, HEADER + 4 * (n + 1), n);
    const units = offsets && view(Uint16Array, HEADER + 8 * n + 4, offsets[n]!);
    if (!offsets || !freqs || !units) return undefined;
    return new SegmentationWords(units, offsets, freqs, longest, total);
  }

  /**
   * Writes the word list of a jieba dictionary's text, reading it as jieba does: each line's
   * first whitespace-separated field is the word, the second its frequency (0 when absent); a
   * word listed again keeps its last frequency.
   */
  static write(dictionary: string, file: string): void {
    const byWord = new Map<string, number>();
    for (const line of dictionary.split("\n")) {
      const [word, freq] = line.split(/\p{White_Space}+/u).filter(Boolean);
      if (word === undefined) continue;
      if (freq !== undefined && !/^\+?\d+$/.test(freq)) throw new Error(`not a jieba dictionary line: ${line}`);
      byWord.set(word, freq === undefined ? 0 : Number(freq));
    }
    const sorted = [...byWord.keys()].sort();
    const n = sorted.length;
    const header = Buffer.alloc(HEADER);
    header.write(MAGIC, 0, "latin1");
    header.writeUInt32LE(VERSION, 4);
    header.writeUInt32LE(n, 8);
    header.writeUInt32LE(sorted.reduce((longest, w) => Math.max(longest, w.length), 0), 12);
    let total = 0;
    for (const f of byWord.values()) total += f;
    header.writeDoubleLE(total, 16);
    const offsets = new Uint32Array(n + 1);
    const freqs = new Uint32Array(n);
    sorted.forEach((w, i) => {
      offsets[i + 1] = offsets[i]! + w.length;
      freqs[i] = byWord.get(w)!;
    });
    const tmp = `${file}.tmp-${process.pid}`;
    const joined = sorted.join("");
    const units = new Uint16Array(joined.length);
    for (let i = 0; i < joined.length; i++) units[i] = joined.charCodeAt(i);
    fs.writeFileSync(tmp, Buffer.concat([header, Buffer.from(offsets.buffer), Buffer.from(freqs.buffer), Buffer.from(units.buffer)]));
    fs.renameSync(tmp, file);
  }

  /**
   * A jieba dictionary for `text`: every dictionary word occurring in it with its frequency, and
   * one word that does not occur in it carrying the rest of the dictionary's total frequency.
   */
  dictionaryFor(text: string): Buffer {
    const lines: string[] = [];
    const seen = new Set<number>();
    let sum = 0;
    for (let i = 0; i < text.length; i++) {
      let lo = 0;
      let hi = this.freqs.length;
      for (let len = 1; len <= this.longest && i + len <= text.length; len++) {
        const c = text.charCodeAt(i + len - 1);
        // the words in [lo, hi) share the text's first len - 1 units; narrow to those whose next unit is c
        lo = this.firstAtLeast(lo, hi, len - 1, c);
        hi = this.firstAtLeast(lo, hi, len - 1, c + 1);
        if (lo >= hi) break;
        if (this.offsets[lo + 1]! - this.offsets[lo]! === len && !seen.has(lo)) {
          seen.add(lo);
          lines.push(`${text.slice(i, i + len)} ${this.freqs[lo]}`);
          sum += this.freqs[lo]!;
        }
      }
    }
    let filler = FILLER;
    while (text.includes(filler)) filler += FILLER;
    lines.push(`${filler} ${this.total - sum}`);
    return Buffer.from(lines.join("\n"));
  }

  /** The first word in [lo, hi) whose unit at `pos` is at least `c` (a word ending before `pos` counts as -1). */
  private firstAtLeast(lo: number, hi: number, pos: number, c: number): number {
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.offsets[mid]!;
      const unit = start + pos < this.offsets[mid + 1]! ? this.units[start + pos]! : -1;
      if (unit < c) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

const MAGIC = "JWRD";
const VERSION = 1;
const HEADER = 24;
/** A private-use character: the word that carries the rest of the total (repeated when a text holds it). */
const FILLER = "\uE000";
