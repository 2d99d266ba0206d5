// The mocks the runnable samples run against: the run's shared Prism mock per API
// (tests/support/shared-mocks.ts, provided by global-setup.ts), and a rewrite of a sample's default
// mock URLs (http://127.0.0.1:<mockPort>) to them.
import { inject } from "vitest";
import { mockedApis, pointAtMocks } from "../../scripts/consume/mock-urls.js";

export { mockedApis as apisMentioned };

export interface DocMocks {
  /** Rewrites http://127.0.0.1:<mockPort> and http://localhost:<mockPort> to the running mock's URL. */
  substitute(code: string): string;
  stop(): Promise<void>;
}

export async function startDocMocks(apis: string[]): Promise<DocMocks> {
  const shared = inject("mocks");
  const urls = new Map<string, string>();
  for (const api of apis) {
    const mock = shared[api];
    if (!mock || "error" in mock) throw new Error(mock ? mock.error : `no mock was started for ${api}`);
    urls.set(api, mock.url);
  }
  // The shared mocks belong to the run; the last project's teardown stops them.
  return { substitute: (code) => pointAtMocks(code, urls), stop: async () => {} };
}
