// Starts the mocks the runnable samples need, on free ports, and points a sample's default mock URLs
// (http://127.0.0.1:<mockPort>) at them. The one place this test starts mocks (swap in shared mocks here).
import { mockedApis, pointAtMocks } from "../../scripts/consume/mock-urls.js";
import { startPrism, type PrismInstance } from "../../scripts/mock/prism.js";

export { mockedApis as apisMentioned };

export interface DocMocks {
  /** Rewrites http://127.0.0.1:<mockPort> and http://localhost:<mockPort> to the running mock's URL. */
  substitute(code: string): string;
  stop(): Promise<void>;
}

export async function startDocMocks(apis: string[]): Promise<DocMocks> {
  const started = await Promise.allSettled(apis.map((api) => startPrism({ api, timeoutMs: 90_000 })));
  const mocks = started.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const stop = async (): Promise<void> => { await Promise.all(mocks.map((mock: PrismInstance) => mock.stop())); };
  const failed = started.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) {
    await stop();
    throw failed.reason;
  }
  const urls = new Map(mocks.map((mock) => [mock.api, mock.url]));
  return { substitute: (code) => pointAtMocks(code, urls), stop };
}
