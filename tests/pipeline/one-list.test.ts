// The list of APIs lives in redocly.yaml alone. Outside specs/, generated/, tests/ and Markdown, at
// most three files may name any one API (comments count): redocly.yaml, package.json and
// .spectral.yaml. Any other file naming one is a second list waiting to drift.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APIS, API_NAMES, ROOT } from "../../scripts/apis/list.js";
import { checkExports, exportsFor } from "../../scripts/generate/package-exports.js";

const MAX_FILES = 3;
// Owned by the runtime engineer (src/runtime is not the layout's to edit): their doc comments use
// "kwik" as an example API name. Remove these once those comments say "<api>".
const PENDING: Record<string, string[]> = { kwik: ["src/runtime/client.ts", "src/runtime/errors.ts"] };

function filesOutsideTheSpecAreas(): string[] {
  return execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((file) => file && !/^(specs|generated|tests)\//.test(file) && !file.endsWith(".md") && existsSync(join(ROOT, file)));
}

describe("one list of APIs", () => {
  const files = filesOutsideTheSpecAreas().map((file) => ({ file, text: readFileSync(join(ROOT, file), "utf8").toLowerCase() }));

  it.each([...API_NAMES])("at most three files outside specs/, generated/, tests/ and Markdown name %s", (api) => {
    const naming = files.filter(({ text }) => text.includes(api.toLowerCase())).map(({ file }) => file);
    const counted = naming.filter((file) => !(PENDING[api] ?? []).includes(file));
    expect(counted.length, `files naming ${api}: ${counted.join(", ")}`).toBeLessThanOrEqual(MAX_FILES);
    expect(counted).toContain("redocly.yaml");
  });

  it("package.json exports each API of the list, and the bundled specs", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { exports: Record<string, unknown> };
    expect(pkg.exports).toEqual(exportsFor(APIS));
    expect(checkExports(pkg.exports as Parameters<typeof checkExports>[0], APIS)).toEqual([]);
  });

  it("a missing export is refused with the entry to add", () => {
    const [first] = APIS;
    if (!first) throw new Error("redocly.yaml lists no API");
    const map = exportsFor(APIS);
    delete map[first.exportPath];
    const problems = checkExports(map, APIS);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`has no "${first.exportPath}" for API ${first.name}`);
    expect(problems[0]).toContain(`./dist/generated/${first.name}/index.js`);
  });
});
