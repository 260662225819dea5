/** Issue 14 item 10: the shipped sample catalogue yields the documented findings and matches its generator. */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readCatalogue } from "../../src/catalogue/excel-read.js";
import { validateCatalogue } from "../../src/catalogue/validate.js";
import { SAMPLE_FINDINGS, SAMPLE_PATH, sampleCatalogue } from "./fixtures/sample.js";
import { knowledge, ROOT } from "./helpers.js";

describe("shipped sample catalogue", () => {
  it("yields the documented findings", async () => {
    const { catalogue } = await readCatalogue(fs.readFileSync(path.join(ROOT, SAMPLE_PATH)), { knowledge });
    expect(validateCatalogue(catalogue, knowledge).map((f) => `${f.rule} ${f.severity} @${f.sheetRow}`)).toEqual(SAMPLE_FINDINGS);
  });

  it("is what the generator writes (regenerate with the command in fixtures/sample.ts)", async () => {
    const shipped = await readCatalogue(fs.readFileSync(path.join(ROOT, SAMPLE_PATH)), { knowledge });
    const fresh = await readCatalogue(await sampleCatalogue(), { knowledge });
    expect(fresh).toEqual(shipped);
  });

  it("is the one the README tells a newcomer to try", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(readme).toContain(`npm run --silent validate -- --text ${SAMPLE_PATH}`);
  });
});
