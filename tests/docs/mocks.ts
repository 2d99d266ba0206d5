// Starts the mocks the runnable samples need, on free ports, and says which URL replaces each
// API's default mock URL. The one place this test starts mocks (swap in shared mocks here).
import { startPrism, type PrismInstance } from "../../scripts/mock/prism.js";
import { APIS } from "./facts.js";

export interface DocMocks {
  /** Rewrites http://127.0.0.1:<mockPort> and http://localhost:<mockPort> to the running mock's URL. */
  substitute(code: string): string;
  stop(): Promise<void>;
}

const DEFAULT_URL = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/g;

/** The APIs whose default mock URL appears in the given code. */
export function apisMentioned(code: string): string[] {
  const ports = new Set([...code.matchAll(DEFAULT_URL)].map((m) => Number(m[1])));
  return APIS.filter((api) => ports.has(api.mockPort)).map((api) => api.name);
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
  const urlByPort = new Map(mocks.map((mock) => [APIS.find((api) => api.name === mock.api)!.mockPort, mock.url]));
  return {
    substitute: (code) => code.replace(DEFAULT_URL, (whole, port: string) => urlByPort.get(Number(port)) ?? whole),
    stop,
  };
}
