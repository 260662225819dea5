import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { KnowledgeFile } from "./knowledge-files.js";

/** What a saved index was built from; a mismatch means rebuild. */
export interface Manifest {
  version: number;
  /** Fingerprint of the code that built it (codeFingerprint): an upgrade of the program rebuilds it. */
  code?: string;
  hash: string;
  embeddingsKey: string;
  chunks: number;
  /** Size and mtime of every knowledge file: when all match, the saved index is used without re-reading them. */
  files: KnowledgeFile[];
  builtAt: string;
}

/** Whether two file lists name the same files with the same sizes and modification times. */
export function sameFiles(a: KnowledgeFile[] | undefined, b: KnowledgeFile[]): boolean {
  return !!a && a.length === b.length && a.every((f, i) => f.name === b[i]!.name && f.size === b[i]!.size && f.mtimeMs === b[i]!.mtimeMs);
}

/** The saved index's manifest, or undefined when there is none or it cannot be read. */
export function readManifest(indexDir: string): Manifest | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(indexDir, "manifest.json"), "utf8")) as Manifest;
  } catch {
    return undefined;
  }
}

/** Writes the manifest into an index folder. */
export function writeManifest(dir: string, manifest: Manifest): void {
  fs.writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
}

// The running program's code does not change under it: read and hashed once (open, then save).
const fingerprints = new Map<string, string>();

/**
 * A fingerprint of the modules that build and read the index (this folder's code, compiled or
 * not): the saved index holds data derived by that code (question meanings, column explainers,
 * typo lexicon), so after an upgrade that changes any of it the index is rebuilt rather than
 * served stale, whether or not INDEX_VERSION was bumped.
 */
export function codeFingerprint(dir: string = import.meta.dirname): string {
  let fingerprint = fingerprints.get(dir);
  if (!fingerprint) {
    const hash = createHash("sha1");
    for (const name of fs.readdirSync(dir).filter((f) => /\.(js|ts)$/.test(f)).sort()) hash.update(name).update(fs.readFileSync(path.join(dir, name)));
    fingerprints.set(dir, (fingerprint = hash.digest("hex")));
  }
  return fingerprint;
}
