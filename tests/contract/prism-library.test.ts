// The mock host loads Prism as a library with faker and the Postman reader deferred
// (scripts/mock/host/prism-library.ts): Prism's start-up must load neither, and each must still work
// if it is ever used (faker through json-schema-faker, as `prism mock --dynamic` would use it; the
// Postman reader on a Postman collection). Checked in a fresh Node process,
// because the require cache belongs to the process.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";

const CHECK = fileURLToPath(new URL("./fixtures/prism-faker-check.ts", import.meta.url));
// Against stage servers (CONTRACT_TARGET=stage) the mock host is not what is under test.
const stageMode = inject("contract").mode === "stage";

interface CheckResult {
  prismFakerLoadedAtStart: boolean; prismFakerLoadedAfterUse: boolean; generated: unknown;
  postmanLoadedAtStart: boolean; postmanOperations: string[];
}
/** One fresh process per run of the file, shared by the tests below (each is a different look at it). */
let result: CheckResult | undefined;
const check = (): CheckResult =>
  (result ??= JSON.parse(execFileSync(process.execPath, ["--import", "tsx", CHECK], { encoding: "utf8", timeout: 60_000 })) as CheckResult);

describe.skipIf(stageMode)(`Prism as a library${stageMode ? " (skipped: stage mode)" : ""}`, () => {
  it("starts without loading faker (its own copy), and Prism's faker still answers when used", () => {
    const result = check();
    expect(result.prismFakerLoadedAtStart).toBe(false);
    expect(result.generated).toMatch(/^[A-Z][a-z]+/);
    expect(result.prismFakerLoadedAfterUse).toBe(true);
  });

  it("starts without loading the Postman reader, which still reads a Postman collection when given one", () => {
    const result = check();
    expect(result.postmanLoadedAtStart).toBe(false);
    expect(result.postmanOperations).toEqual(["get /a"]);
  });
});
