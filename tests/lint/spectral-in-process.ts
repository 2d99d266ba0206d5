// Spectral in-process, with the repo's .spectral.yaml, loaded the way the CLI loads it (ruleset
// bundler with the builtins and commonjs plugins, so `extends` of npm rulesets and our
// functionsDir resolve exactly as for `spectral lint`). The tests used to spawn the CLI once per
// document: about 3 CPU-seconds each, which hit Vitest's 5 s default timeout on busy machines.
// Here the ruleset is bundled once per test file (about 0.5 s) and each document lints in memory.
import * as fs from "node:fs";
import { isAbsolute, join } from "node:path";
import { Document, Spectral, type ISpectralDiagnostic } from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { bundleAndLoadRuleset } from "@stoplight/spectral-ruleset-bundler/with-loader";
import { builtins } from "@stoplight/spectral-ruleset-bundler/plugins/builtins";
import { commonjs } from "@stoplight/spectral-ruleset-bundler/plugins/commonjs";
import { stringify } from "yaml";
import { ROOT } from "../../scripts/apis/spec-files.js";

export const RULESET_PATH = join(ROOT, ".spectral.yaml");

/** Everything the ruleset needs is in node_modules; a fetch would mean a ruleset from the network. */
const refuseFetch = (async (input: unknown) => {
  throw new Error(`.spectral.yaml tried to fetch ${String(input)}; rulesets must come from node_modules or the repo`);
}) as unknown as typeof fetch;

export interface Linter {
  /** Lints YAML text or a document object, as if it were the file at `source` (absolute, or relative to the repo root). */
  lint(source: string, document: string | object): Promise<ISpectralDiagnostic[]>;
}

/** Bundles .spectral.yaml and returns a linter that reuses it. Call once per test file (in beforeAll). */
export async function loadLinter(): Promise<Linter> {
  const ruleset = await bundleAndLoadRuleset(RULESET_PATH, { fs, fetch: refuseFetch }, [builtins(), commonjs()]);
  const spectral = new Spectral();
  spectral.setRuleset(ruleset);
  return {
    async lint(source, document) {
      const text = typeof document === "string" ? document : stringify(document);
      // The absolute path matters: .spectral.yaml's `overrides` match on it.
      const path = isAbsolute(source) ? source : join(ROOT, source);
      return spectral.run(new Document(text, Parsers.Yaml, path));
    },
  };
}

/** A finding as one readable line, so a failing `toEqual([])` shows what fired and where. */
export function describeFinding(finding: ISpectralDiagnostic): string {
  return `${finding.code} at ${finding.path.join(".")} (line ${finding.range.start.line + 1}): ${finding.message}`;
}
