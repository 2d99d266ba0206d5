// One Prism mock per API for the whole `vitest run` (all four in one mock host), shared by every
// project that talks to the mocks (clients, contract in mock mode, consumer, flows, docs). Each of
// those projects lists a global setup that calls useSharedMocks(project): the first call starts
// the mocks (on free loopback ports), later calls get the same URLs, and the last teardown stops
// them. A run that selects none of those projects (`--project specs`) starts no Prism at all.
//
// Global setups run in vitest's main process, one project after another, but each project loads its
// own copy of this module; the state therefore lives on globalThis under a registered symbol.
// Prism mocks keep no state between requests, so sharing one between projects changes no result.
import type { TestProject } from "vitest/node";
import { startPrisms, type PrismHost } from "../../scripts/mock/prism.js";
import { API_NAMES } from "../../scripts/apis/spec-files.js";

/** Per API: the mock's URL, or why it did not start (its tests then fail with that message). */
export type MockTargets = Record<string, { url: string } | { error: string }>;

declare module "vitest" {
  export interface ProvidedContext {
    mocks: MockTargets;
  }
}

interface SharedState {
  users: number;
  started: PrismHost[];
  ready: Promise<MockTargets>;
}

const KEY = Symbol.for("payment-api-contracts.shared-mocks");
type Holder = { [KEY]?: SharedState };

// Starting four Prisms at once on a busy 2-core machine (robustness and stage tests spawn theirs at
// the same time): a generous cap, never an assertion.
const START_TIMEOUT_MS = 90_000;

async function startAll(state: SharedState): Promise<MockTargets> {
  try {
    const host = await startPrisms(API_NAMES.map((api) => ({ api })), { timeoutMs: START_TIMEOUT_MS });
    state.started.push(host);
    return Object.fromEntries(host.instances.map(({ api, url }) => [api, { url }]));
  } catch (error) {
    const message = `the Prism mocks did not start: ${(error as Error).message}`;
    return Object.fromEntries(API_NAMES.map((api) => [api, { error: message }]));
  }
}

/** Starts the shared mocks once per run. Resolves to their URLs; call `release` in the teardown. */
export async function acquireSharedMocks(): Promise<{ mocks: MockTargets; release: () => Promise<void> }> {
  const holder = globalThis as Holder;
  let state = holder[KEY];
  if (!state) {
    const fresh: SharedState = { users: 0, started: [], ready: Promise.resolve({}) };
    fresh.ready = startAll(fresh);
    holder[KEY] = state = fresh;
  }
  state.users += 1;
  const mocks = await state.ready;
  let released = false;
  const release = async (): Promise<void> => {
    if (released) return;
    released = true;
    state.users -= 1;
    if (state.users > 0) return;
    delete holder[KEY];
    await Promise.all(state.started.map((prism) => prism.stop()));
  };
  return { mocks, release };
}

/** A project's global setup: the shared mocks, provided to its tests as inject("mocks"). */
export async function useSharedMocks(project: TestProject): Promise<() => Promise<void>> {
  const { mocks, release } = await acquireSharedMocks();
  project.provide("mocks", mocks);
  return release;
}
