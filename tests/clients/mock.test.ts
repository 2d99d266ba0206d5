// Each generated client against the Prism mock of its spec, for every operation the spec declares:
// the documented success (status, a body valid against the response schema, Prism's example), every
// documented error status (selected with Prism's `Prefer: code=N`) as a narrowed error result with a
// valid body, and the credentials on the wire (present, correctly encoded; absent where the spec says
// `security: []`). Prism rejects a request that does not match the spec (400/422) or lacks the
// credentials (401), so a wrongly serialised call fails these tests too.
import { describe, expect, it } from "vitest";
import { responseValidator, type ApiName } from "../helpers/spec-validator.js";
import { API_NAMES } from "../../scripts/apis/spec-files.js";
import { credentialsFor, exampleInit, expectedAuthorization, FACTORIES, mockUrl, recordingFetch, representativeStatus, responseMedia, specOperations } from "./support.js";

function clientFor(api: ApiName) {
  const recorder = recordingFetch();
  const factory = FACTORIES[api];
  if (!factory) throw new Error(`no client factory for ${api} in tests/clients/support.ts`);
  const client = factory({ baseUrl: mockUrl(api), auth: credentialsFor(api), fetch: recorder.fetch });
  return { client, requests: recorder.requests };
}

describe.each(API_NAMES as unknown as ApiName[])("%s client against the Prism mock", (api) => {
  for (const op of specOperations(api)) {
    const successKeys = op.responses.filter((key) => key.startsWith("2"));
    const errorKeys = op.responses.filter((key) => !key.startsWith("2"));

    describe(`${op.id} (${op.method.toUpperCase()} ${op.path})`, () => {
      it("declares a success response", () => {
        expect(successKeys).not.toEqual([]);
      });

      for (const successKey of successKeys) {
        it(`returns documented success ${successKey} with a valid body and ${op.needsAuth ? "the credentials" : "no credentials"}`, async () => {
          const { client, requests } = clientFor(api);
          const status = representativeStatus(successKey, op.responses);
          const result = await client[op.id]!({ ...exampleInit(api, op.id), headers: { Prefer: `code=${status}` } });

          expect(result, JSON.stringify(result.error ?? result.data)).toMatchObject({ ok: true, status });
          const media = responseMedia(api, op.id, successKey);
          if (media) {
            const check = responseValidator(api, op.id, successKey, media.mediaType)(result.data);
            expect(check.messages).toEqual([]);
            if (media.example !== undefined) expect(result.data).toEqual(media.example);
          } else {
            expect(result.data).toBeUndefined();
          }

          expect(requests).toHaveLength(1);
          const sent = requests[0]!;
          expect(sent.method).toBe(op.method.toUpperCase());
          expect(sent.headers["authorization"]).toBe(op.needsAuth ? expectedAuthorization(api) : undefined);
        });
      }

      for (const key of errorKeys) {
        const status = representativeStatus(key, op.responses);
        it(`returns documented error ${key} as { ok: false, status: ${status} } with a valid body`, async () => {
          const { client } = clientFor(api);
          const result = await client[op.id]!({ ...exampleInit(api, op.id), headers: { Prefer: `code=${status}` }, retry: false });

          expect(result, JSON.stringify(result.data ?? result.error)).toMatchObject({ ok: false, status });
          expect(result).not.toHaveProperty("data");
          const media = responseMedia(api, op.id, key);
          if (media) {
            expect(responseValidator(api, op.id, key, media.mediaType)(result.error).messages).toEqual([]);
            if (media.example !== undefined) expect(result.error).toEqual(media.example);
          }
        });
      }
    });
  }
});
