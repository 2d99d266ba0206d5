// Command-line and environment parsing for scripts/mock/main.ts, kept apart so it can be tested
// without starting anything.
import { API_NAMES, APIS } from "../apis/list.js";

/** The default ports (`x-project.mockPort` in redocly.yaml), api → port in list order. */
export const DEFAULT_PORTS: Readonly<Record<string, number>> = Object.freeze(Object.fromEntries(APIS.map((api) => [api.name, api.mockPort])));

export const USAGE = `Usage: node --import tsx scripts/mock/main.ts [options]

Starts a Prism mock for every API on 127.0.0.1 and stops them all on Ctrl-C or SIGTERM.

Options:
${API_NAMES.map((api) => `  --${api}-port N`.padEnd(24) + `port for ${api} (default ${DEFAULT_PORTS[api]}; env MOCK_${api.toUpperCase()}_PORT)`).join("\n")}
${"  --apis a,b".padEnd(24)}start only these APIs (default: all of ${API_NAMES.join(",")})
${"  --help".padEnd(24)}show this text
`;

export class MockUsageError extends Error {}

function parsePort(text: string, source: string): number {
  if (!/^\d+$/.test(String(text)) || Number(text) < 1 || Number(text) > 65535) {
    throw new MockUsageError(`${source}: "${text}" is not a port number (1-65535)`);
  }
  return Number(text);
}

/**
 * @param {string[]} argv  arguments after the script name
 * @param {Record<string, string|undefined>} env
 * @returns {Record<string, number>} api → port, in API_NAMES order (only the APIs chosen with --apis)
 * @throws {MockUsageError} on bad input, or with message "help" for --help
 */
export function parseMockArgs(argv: string[], env: Record<string, string | undefined>): Record<string, number> {
  const ports: Record<string, number> = {};
  for (const api of API_NAMES) {
    const fromEnv = env[`MOCK_${api.toUpperCase()}_PORT`];
    ports[api] = fromEnv ? parsePort(fromEnv, `MOCK_${api.toUpperCase()}_PORT`) : (DEFAULT_PORTS[api] as number);
  }
  let chosen = [...API_NAMES];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--help" || arg === "-h") throw new MockUsageError("help");
    const apis = /^--apis(?:=(.*))?$/.exec(arg);
    if (apis) {
      const list = apis[1] ?? argv[++i];
      if (!list) throw new MockUsageError("--apis needs a comma-separated list of APIs");
      chosen = list.split(",").map((s) => s.trim()).filter(Boolean);
      const unknown = chosen.filter((api) => !API_NAMES.includes(api));
      if (unknown.length || chosen.length === 0) {
        throw new MockUsageError(`--apis: unknown API "${unknown.join(",")}" (expected some of ${API_NAMES.join(", ")})`);
      }
      continue;
    }
    const match = /^--([a-z]+)-port(?:=(.*))?$/.exec(arg);
    const api = match?.[1];
    if (!match || api === undefined || !API_NAMES.includes(api)) throw new MockUsageError(`unknown option "${arg}"`);
    const value = match[2] ?? argv[++i];
    if (value === undefined) throw new MockUsageError(`${arg} needs a port number`);
    ports[api] = parsePort(value, arg);
  }
  for (const api of API_NAMES) if (!chosen.includes(api)) delete ports[api];
  const byPort = new Map<number, string>();
  for (const [api, port] of Object.entries(ports)) {
    if (byPort.has(port)) throw new MockUsageError(`port ${port} is given to both ${byPort.get(port)} and ${api}`);
    byPort.set(port, api);
  }
  return ports;
}
