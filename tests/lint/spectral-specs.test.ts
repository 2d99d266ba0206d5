// Each spec passes the whole Spectral ruleset (spectral:oas, OWASP, our rules) with no finding of
// any severity, as `npm run lint` demands; in-process, so this is cheap enough for `npm test`.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { API_NAMES, ROOT, specPath } from "../../scripts/apis/spec-files.js";
import { describeFinding, loadLinter, type Linter } from "./spectral-in-process.js";

let linter: Linter;
beforeAll(async () => {
  linter = await loadLinter();
});

describe("Spectral on the specs", () => {
  it.each([...API_NAMES])("specs/%s/openapi.yaml has no findings", async (api) => {
    const file = specPath(api);
    const findings = await linter.lint(file, readFileSync(file, "utf8"));
    expect(findings.map(describeFinding), relative(ROOT, file)).toEqual([]);
  });
});
