// The generated clients, called by operationId. The contract suite sends every request through
// them, as an application would; the `fetch` they are given keeps a copy of the raw response, so
// that a test can read Prism's violations and the body even when the client throws (an
// undocumented status, a body that is not JSON).
import { createBackdClient } from "../../../generated/backd/index.js";
import { createBillProClient } from "../../../generated/billpro/index.js";
import { createKwikClient } from "../../../generated/kwik/index.js";
import { createPaywayClient, createPaywayTokenProvider } from "../../../generated/payway/index.js";
import type { CallAuth } from "./targets.js";

type ClientOptions = {
  baseUrl: string;
  auth: any;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  retry: false;
  timeoutMs: number;
};
type Method = (init?: Record<string, unknown>) => Promise<unknown>;

// Bad requests are sent through the typed methods on purpose: their types are set aside here.
const FACTORIES: Record<string, (options: ClientOptions) => unknown> = {
  billpro: (o) => createBillProClient(o),
  backd: (o) => createBackdClient(o),
  payway: (o) => createPaywayClient(o),
  kwik: (o) => createKwikClient(o),
};

export interface RecordingClient {
  /** Calls one operation; resolves to the raw response whatever the client made of it. */
  call(operationId: string, init: Record<string, unknown>): Promise<{ response: Response; thrown?: unknown }>;
}

/** A client whose credentials are used only by operations that need them (the runtime decides). */
export function recordingClient(api: string, baseUrl: string, auth: CallAuth | undefined): RecordingClient {
  const factory = FACTORIES[api];
  if (!factory) throw new Error(`no generated client is known for "${api}"`);
  let last: Response | undefined;
  const client = factory({
    baseUrl,
    // A placeholder when the run has none: the runtime only sends it to operations that need it,
    // and an operation without credentials is what the 401 test checks, through raw fetch.
    auth: auth ?? { token: "no-credentials" },
    retry: false, // one request per test: a retried request would hide what the server answered
    timeoutMs: 30_000,
    fetch: async (url, init) => {
      const response = await globalThis.fetch(url, init);
      last = response.clone();
      return response;
    },
  }) as Record<string, Method>;

  return {
    async call(operationId, init) {
      const method = client[operationId];
      if (typeof method !== "function") throw new Error(`the generated ${api} client has no method ${operationId}`);
      last = undefined;
      let thrown: unknown;
      try {
        await method(init);
      } catch (error) {
        thrown = error;
      }
      if (!last) throw thrown ?? new Error(`${api}.${operationId}: no response was received`);
      return { response: last, ...(thrown === undefined ? {} : { thrown }) };
    },
  };
}

/** Gets a token through the generated token helper (Payway), from the given token endpoint URL. */
export async function tokenFromEndpoint(api: string, baseUrl: string, request: unknown): Promise<string> {
  if (api !== "payway") throw new Error(`${api} has no token helper in its generated client`);
  const provider = createPaywayTokenProvider({ baseUrl, request: request as never, retry: false, timeoutMs: 30_000 });
  return provider();
}
