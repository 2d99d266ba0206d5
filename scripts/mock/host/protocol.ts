// What the parent (scripts/mock/prism.ts) and the mock host (./main.ts) say to each other.
// The parent passes the list of mocks as one JSON argument; the host answers over the IPC channel
// every supervised child has (scripts/process/spawn-supervised.ts) with one message: the
// addresses it serves, or why it could not start.

export interface MockSpec {
  /** An API name from redocly.yaml. */
  api: string;
  mode: "mock" | "proxy";
  /** The upstream URL, for mode "proxy". */
  upstream?: string;
  /** The public port; 0 = any free one. */
  port: number;
  /** Prism's `errors` option (proxy: a drifting response becomes a 500). */
  errors: boolean;
  /** The request guard's limits, or false for Prism bare on the public port. */
  guard: false | { maxBodyBytes?: number; maxDepth?: number };
}

export interface HostConfig {
  host: string;
  mocks: MockSpec[];
  /** Serve a spec again when its file changes (guarded mocks only), as `prism mock` does. */
  watch?: boolean;
}

export interface ServedMock {
  api: string;
  /** The public address (the guard's, or Prism's own when unguarded). */
  url: string;
  /** Prism's own address behind the guard at start (the same as `url` without a guard). */
  prismUrl: string;
}

export type HostMessage =
  | { type: "ready"; mocks: ServedMock[] }
  | { type: "failed"; failures: Array<{ api: string; message: string; portInUse: boolean }> };

export function isHostMessage(value: unknown): value is HostMessage {
  const type = (value as { type?: unknown } | null)?.type;
  return type === "ready" || type === "failed";
}
