// Code samples name the mocks by their default URLs (http://127.0.0.1:<mockPort>, the ports from
// redocly.yaml), so they read well and work with `npm run mock`. Checks that start their own mocks on
// free ports use these two helpers: which mocks a sample needs, and the sample pointed at them.
import { APIS } from "../apis/list.js";

const DEFAULT_URL = /http:\/\/(?:127\.0\.0\.1|localhost):(\d+)/g;

/** The APIs whose default mock URL the code uses. */
export function mockedApis(code: string): string[] {
  const ports = new Set([...code.matchAll(DEFAULT_URL)].map((m) => Number(m[1])));
  return APIS.filter((api) => ports.has(api.mockPort)).map((api) => api.name);
}

/** The code with each default mock URL replaced by the running mock's URL (API name → URL). */
export function pointAtMocks(code: string, urls: Map<string, string>): string {
  return code.replace(DEFAULT_URL, (whole, port: string) => {
    const api = APIS.find((entry) => entry.mockPort === Number(port));
    return (api && urls.get(api.name)) ?? whole;
  });
}
