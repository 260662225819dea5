/** The drafting feature's buttons: one typed value per button, packed as "d:…" (see ButtonCodec). */
import { colonCodec, wholeNumber } from "../feature.js";
import { isDraftElement, type DraftElement } from "./values.js";

/** What a drafting button does. */
export type DraftButton =
  /** Picks option `index` of optionsFor(key). */
  | { kind: "value"; key: DraftElement; index: number }
  /** Ticks or unticks a channel (channelAt(index); -1 is 其他). */
  | { kind: "channel"; index: number }
  | { kind: "channelsDone" }
  /** Adopts (or discards) the LLM extraction whose nonce it carries. */
  | { kind: "extraction"; adopt: boolean; nonce: string }
  | { kind: "pick" }
  | { kind: "element"; key: DraftElement }
  | { kind: "save" }
  /** 仍然保存: saves despite the warnings confirmed under this nonce. */
  | { kind: "force"; nonce: string }
  /** Confirms /delete of row `seq`, which must still be the row with this nonce. */
  | { kind: "delete"; seq: number; nonce: string }
  | { kind: "keep" }
  /** Confirms /cancel of the draft the question was asked about (its cancelNonce). */
  | { kind: "discard"; nonce: string }
  /** Answers /cancel's question with 继续填写. */
  | { kind: "resume" };

const NONCE = /^[0-9a-f]{4,16}$/;

export const draftButtons = colonCodec<DraftButton>(
  "d",
  (b) => {
    switch (b.kind) {
      case "value":
        return ["v", b.key, b.index];
      case "channel":
        return ["c", b.index];
      case "channelsDone":
        return ["cok"];
      case "extraction":
        return ["x", b.adopt ? 1 : 0, b.nonce];
      case "pick":
        return ["pick"];
      case "element":
        return ["e", b.key];
      case "save":
        return ["save"];
      case "force":
        return ["force", b.nonce];
      case "delete":
        return ["del", b.seq, b.nonce];
      case "keep":
        return ["keep"];
      case "discard":
        return ["drop", b.nonce];
      case "resume":
        return ["goon"];
    }
  },
  ([action, a, b]) => {
    const n = wholeNumber(a);
    switch (action) {
      case "v":
        return a && isDraftElement(a) && wholeNumber(b) !== null ? { kind: "value", key: a, index: Number(b) } : null;
      case "c":
        return a === "-1" ? { kind: "channel", index: -1 } : n !== null ? { kind: "channel", index: n } : null;
      case "cok":
        return { kind: "channelsDone" };
      case "x":
        return (a === "1" || a === "0") && b && NONCE.test(b) ? { kind: "extraction", adopt: a === "1", nonce: b } : null;
      case "pick":
        return { kind: "pick" };
      case "e":
        return a && isDraftElement(a) ? { kind: "element", key: a } : null;
      case "save":
        return { kind: "save" };
      case "force":
        return a && NONCE.test(a) ? { kind: "force", nonce: a } : null;
      case "del":
        return n !== null && n > 0 && b && NONCE.test(b) ? { kind: "delete", seq: n, nonce: b } : null;
      case "keep":
        return { kind: "keep" };
      case "drop":
        return a && NONCE.test(a) ? { kind: "discard", nonce: a } : null;
      case "goon":
        return { kind: "resume" };
      default:
        return null;
    }
  },
);
