// The mock host loads Prism as a library with faker deferred (scripts/mock/host/prism-library.ts):
// Prism's start-up must not load faker, and Prism's faker must still work if it is ever used
// (json-schema-faker, as `prism mock --dynamic` would use it). Checked in a fresh Node process,
// because the require cache belongs to the process.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, inject, it } from "vitest";

const CHECK = fileURLToPath(new URL("./fixtures/prism-faker-check.ts", import.meta.url));
// Against stage servers (CONTRACT_TARGET=stage) the mock host is not what is under test.
const stageMode = inject("contract").mode === "stage";

describe.skipIf(stageMode)(`Prism as a library${stageMode ? " (skipped: stage mode)" : ""}`, () => {
  it("starts without loading faker (its own copy), and Prism's faker still answers when used", () => {
    const result = JSON.parse(execFileSync(process.execPath, ["--import", "tsx", CHECK], { encoding: "utf8", timeout: 60_000 })) as {
      prismFakerLoadedAtStart: boolean; prismFakerLoadedAfterUse: boolean; generated: unknown;
    };
    expect(result.prismFakerLoadedAtStart).toBe(false);
    expect(result.generated).toMatch(/^[A-Z][a-z]+/);
    expect(result.prismFakerLoadedAfterUse).toBe(true);
  });
});
