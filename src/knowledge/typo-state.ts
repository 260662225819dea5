/** The typo corrector's data: what it reads a word as, and the state it is saved and restored as. */

/** One word of the question read as a domain term. */
export interface Correction {
  from: string;
  to: string;
}

/** Serialised corrector: every domain term under its toneless pinyin, and the corpus text. */
export interface TypoCorrectorState {
  /** toneless pinyin ("shi xian") → domain terms with that reading, most used first. */
  byPinyin: [string, string[]][];
  /** Terms a general word of the same sound is read as (数据文件的术语, or words far more frequent here than in general Chinese). */
  strong: string[];
  corpus: string;
  /**
   * For each syllable of the terms' readings, every Han character pinyin-pro may read so, alone
   * or inside one of its words: a question none of whose windows can sound like a term needs no
   * pinyin, and pinyin-pro is not even loaded. Keyed by the syllable's fuzzy reading (see
   * `fuzzy`). Absent in states saved before it existed.
   */
  homophones?: [string, string][];
  /** Handwriting lookalikes: a character of the terms with those written for it (lookalikes.yaml). Absent in states saved before it existed. */
  lookalikes?: [string, string][];
}

/** A domain term with its weight (uses in the knowledge) and whether it is strongly of this domain. */
export interface DomainTerm {
  weight: number;
  strong: boolean;
}
