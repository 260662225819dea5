/** Typed errors of the catalogue file handling. */

/** Why an uploaded file was refused or could not be read. */
export type CatalogueFileErrorCode =
  | "too-large"
  | "empty-file"
  | "not-xlsx"
  | "legacy-xls"
  | "encrypted"
  | "corrupt-zip"
  | "too-many-entries"
  | "compression-ratio"
  | "inflated-too-large"
  | "too-many-rows"
  | "too-many-columns"
  | "too-many-cells"
  | "range-too-large"
  | "too-slow"
  | "out-of-memory"
  | "no-worksheet"
  | "empty-sheet"
  | "no-header"
  /** A header but not one item under it (an empty template). */
  | "no-items"
  | "unreadable";

/**
 * A file that cannot be read as a catalogue. `message` is one line of Chinese meant for the
 * official (the CLI prints it on stderr and exits 2; the bot replies with it).
 */
export class CatalogueFileError extends Error {
  constructor(
    readonly code: CatalogueFileErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "CatalogueFileError";
  }
}
