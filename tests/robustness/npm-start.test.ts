// The real `npm start`, SIGKILLed at the npm pid (an IDE stop button): the docs server, the mock
// script and its mock host are all gone and every port is free within the 5 s budget. And
// it builds the site only where --out says, never into site/.
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { API_NAMES } from "../../scripts/apis/list.js";
import { withFreePorts } from "../support/free-ports.js";
import { expectAllGone, isMockHost, ROOT, runNpm } from "./fixtures/npm-run.js";

describe("npm start", () => {
  it("stops the docs server and the mocks when npm is SIGKILLed, and builds only where --out says", async () => {
    const out = mkdtempSync(join(tmpdir(), "start-site-"));
    const siteIndex = join(ROOT, "site", "index.html");
    const before = existsSync(siteIndex) ? statSync(siteIndex).mtimeMs : null;
    try {
      // Started again on other ports if one was taken before npm start bound it (tests/support/free-ports.ts).
      const { ports, started: run } = await withFreePorts(1 + API_NAMES.length, ([docsPort, ...mockPorts]) => {
        const portArgs = API_NAMES.flatMap((api, i) => [`--${api}-port`, String(mockPorts[i])]);
        return runNpm("start", ["--skip-lint", "--skip-generate", "--out", join(out, "site"), "--port", String(docsPort), ...portArgs], /The portal is up/, 200_000);
      });
      expect(existsSync(join(out, "site", "index.html"))).toBe(true);
      expect(existsSync(siteIndex) ? statSync(siteIndex).mtimeMs : null, "npm start --out touched site/").toBe(before);
      expect(run.tree.filter(isMockHost), "one mock host serves every API").toHaveLength(1);
      run.npm.kill("SIGKILL");
      await expectAllGone(run, ports, "after SIGKILL to npm start");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 240_000);
});
