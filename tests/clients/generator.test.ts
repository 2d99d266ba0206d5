// The client generator on small synthetic specs: what it accepts, what it refuses (with a message
// naming the file and the place), and that its output is deterministic.
import { describe, expect, it } from "vitest";
import { renderClient } from "../../scripts/generate/client.js";
import { readApiModel } from "../../scripts/generate/model.js";

const FILE = "specs/demo/openapi.yaml";
const json = (schema: object) => ({ content: { "application/json": { schema } } });

function spec(overrides: Record<string, unknown> = {}) {
  return {
    openapi: "3.1.0",
    info: { title: "Demo API" },
    servers: [
      { url: "https://stage.example.test/v1", "x-environment": "stage" },
      { url: "https://{host}/v1/", "x-environment": "production", variables: { host: { default: "api.example.test" } } },
    ],
    security: [{ basicAuth: [] }],
    components: {
      securitySchemes: { basicAuth: { type: "http", scheme: "basic", description: "Key and secret." } },
      schemas: { Thing: { type: "object", properties: { id: { type: "string" } } } },
    },
    paths: {
      "/things/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }],
        get: { operationId: "getThing", summary: "Get a thing", responses: { 200: json({ $ref: "#/components/schemas/Thing" }), 401: json({}), "4XX": json({}) } },
      },
      "/token": {
        post: {
          operationId: "getAccessToken",
          security: [],
          servers: [
            { url: "https://stage.example.test", "x-environment": "stage" },
            { url: "https://api.example.test", "x-environment": "production" },
          ],
          requestBody: { content: { "application/x-www-form-urlencoded": { schema: { type: "object" } } } },
          responses: { 200: json({ type: "object", properties: { access_token: { type: "string" }, expires_in: { type: "integer" } } }) },
        },
      },
    },
    ...overrides,
  };
}

describe("readApiModel", () => {
  it("reads servers by x-environment (variables filled in, trailing slash dropped), security and operations", () => {
    const model = readApiModel("demo", spec(), FILE);
    expect(model.servers).toEqual({ stage: "https://stage.example.test/v1", production: "https://api.example.test/v1" });
    expect(model.securitySchemes).toEqual({ basicAuth: { kind: "basic", description: "Key and secret." } });
    expect(model.operations.map((op) => [op.id, op.method, op.responses, op.security, op.hasParams])).toEqual([
      ["getThing", "get", ["200", "401", "4XX"], [["basicAuth"]], true],
      ["getAccessToken", "post", ["200"], [], false],
    ]);
    expect(model.operations[1]).toMatchObject({ requestMediaType: "application/x-www-form-urlencoded", servers: { stage: "https://stage.example.test", production: "https://api.example.test" } });
  });

  it.each([
    ["a server without x-environment", { servers: [{ url: "https://x.test" }] }, /servers\[0\].*x-environment/],
    ["two servers with one environment", { servers: [{ url: "https://a.test", "x-environment": "stage" }, { url: "https://b.test", "x-environment": "stage" }] }, /"stage" is used by two servers/],
    ["an apiKey scheme", { components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" } } }, security: [{ key: [] }] }, /securitySchemes\.key: type apiKey is not supported/],
    ["an unknown scheme in security", { security: [{ nope: [] }] }, /unknown security scheme "nope"/],
    ["a broken $ref", { paths: { "/x": { get: { operationId: "x", responses: { 200: { $ref: "#/components/responses/Missing" } } } } } }, /points at nothing/],
    ["an operationId that is not an identifier", { paths: { "/x": { get: { operationId: "get-x", responses: { 200: {} } } } } }, /operationId "get-x" is not a valid identifier/],
    ["a response key that is not a status", { paths: { "/x": { get: { operationId: "x", responses: { "2xx": {} } } } } }, /response key "2xx"/],
  ])("refuses %s, naming the file", (_what, overrides, message) => {
    expect(() => readApiModel("demo", spec(overrides), FILE)).toThrow(message);
    expect(() => readApiModel("demo", spec(overrides), FILE)).toThrow(FILE);
  });

  it("refuses operation servers that lack one of the API's environments", () => {
    const broken = spec();
    (broken.paths["/token"].post.servers as unknown[]).pop();
    expect(() => readApiModel("demo", broken, FILE)).toThrow(/POST \/token: operation servers have no x-environment "production"/);
  });
});

describe("renderClient", () => {
  const naming = { clientName: "Demo", userAgent: "pkg/1.2.3" };

  it("is deterministic and holds no date or absolute path", () => {
    const first = renderClient(readApiModel("demo", spec(), FILE), naming);
    expect(renderClient(readApiModel("demo", spec(), FILE), naming)).toBe(first);
    expect(first).not.toMatch(/\d{4}-\d{2}-\d{2}T|\/work\/|\/home\/|\/tmp\//);
  });

  it("emits the factory, friendly names, the token helper and the runtime definition", () => {
    const code = renderClient(readApiModel("demo", spec(), FILE), naming);
    for (const name of ["createDemoClient", "DemoEnvironment", "DemoAuth = BasicAuth", "GetThingParams", "GetThingResponse", "GetThingResult", "GetAccessTokenRequest", "Thing = components", "createDemoTokenProvider", `createOperationTokenProvider(api, "getAccessToken", options)`]) {
      expect(code).toContain(name);
    }
    expect(code).toContain(`userAgent: "pkg/1.2.3"`);
    expect(code).toContain(`getThing: { method: "GET", path: "/things/{id}", compilePath, responses: /^(?:200|4\\d\\d)$/, auth: ["basic"] }`); // "application/json" is the runtime's default Accept, so it is left out; 401 is in 4XX
  });

  it("passes the path and query writers only where an operation needs them", () => {
    const withQuery = spec();
    (withQuery.paths as Record<string, unknown>)["/things"] = {
      get: { operationId: "listThings", parameters: [{ name: "q", in: "query", schema: { type: "string" } }], responses: { 200: json({}), "4XX": json({}) } },
    };
    const code = renderClient(readApiModel("demo", withQuery, FILE), naming);
    expect(code).toContain(`listThings: { method: "GET", path: "/things", responses: /^(?:200|4\\d\\d)$/, auth: ["basic"], writeQuery: queryString }`);
    expect(code).toMatch(/import \{[^}]*\bcompilePath\b[^}]*\bqueryString\b[^}]*\} from/);
    // Without a path template or query parameters, neither writer is imported (a bundler then leaves them out).
    const plain = renderClient(readApiModel("demo", { ...spec(), paths: { "/token": spec().paths["/token"] } }, FILE), naming);
    expect(plain).not.toMatch(/compilePath|queryString/);
  });

  // The runtime does what the four specs need and no more (its bundle has a size budget): an operation it
  // could not call as documented stops the generator, naming the file and the operation.
  it.each([
    ["a HEAD operation", { head: { operationId: "checkThings", responses: { 200: {} } } }, /HEAD \/things \(checkThings\) is a HEAD operation/],
    ["a response without a body", { delete: { operationId: "removeThings", responses: { 204: {}, "4XX": json({}) } } }, /DELETE \/things \(removeThings\) documents responses without a body \(204\)/],
    ["a response that is not JSON", { get: { operationId: "listThings", responses: { 200: { content: { "text/csv": { schema: { type: "string" } } } } } } }, /documents responses that are not JSON \(text\/csv\)/],
    ["a request body that is neither JSON nor a form", { post: { operationId: "upload", requestBody: { content: { "text/plain": { schema: { type: "string" } } } }, responses: { 200: json({}) } } }, /takes a text\/plain request body/],
    ["optional credentials", { get: { operationId: "listThings", security: [{}, { basicAuth: [] }], responses: { 200: json({}) } } }, /GET \/things \(listThings\) makes credentials optional/],
  ])("refuses %s, which the runtime does not support, naming the file and the operation", (_what, item, message) => {
    const unsupported = spec();
    (unsupported.paths as Record<string, unknown>)["/things"] = item;
    const render = () => renderClient(readApiModel("demo", unsupported, FILE), naming);
    expect(render).toThrow(message);
    expect(render).toThrow(new RegExp(`^${FILE}: .*; the client runtime does not support that$`));
  });

  it("takes an explicitly public operation (security: [{}]) and sends no credentials with it", () => {
    const open = spec();
    (open.paths as Record<string, unknown>)["/things"] = { get: { operationId: "listThings", security: [{}], responses: { 200: json({}) } } };
    expect(renderClient(readApiModel("demo", open, FILE), naming)).toContain(`listThings: { method: "GET", path: "/things", responses: /^(?:200)$/ }`);
  });

  it("does not alias a schema whose name an operation type already uses", () => {
    const clash = spec();
    (clash.components.schemas as Record<string, unknown>)["GetThingResponse"] = { type: "object" };
    const code = renderClient(readApiModel("demo", clash, FILE), naming);
    expect(code.match(/export type GetThingResponse =/g)).toHaveLength(1);
    expect(code).toMatch(/Not aliased here.*\n.*GetThingResponse/);
  });

  it("writes the credential kinds an operation takes, and refuses one that needs bearer and basic at once", () => {
    const both = spec();
    (both.components.securitySchemes as Record<string, unknown>)["bearerAuth"] = { type: "http", scheme: "bearer" };
    (both.paths["/things/{id}"].get as Record<string, unknown>)["security"] = [{ basicAuth: [] }, { bearerAuth: [] }];
    expect(renderClient(readApiModel("demo", both, FILE), naming)).toContain(`auth: ["basic","bearer"]`);
    (both.paths["/things/{id}"].get as Record<string, unknown>)["security"] = [{ basicAuth: [], bearerAuth: [] }];
    expect(() => renderClient(readApiModel("demo", both, FILE), naming)).toThrow(/GET \/things\/\{id\}: every security requirement needs both bearer and basic/);
  });

  it("refuses a token operation whose success body has no access_token", () => {
    const broken = spec();
    broken.paths["/token"].post.responses = { 200: json({ type: "object", properties: { token: { type: "string" } } }) } as never;
    expect(() => renderClient(readApiModel("demo", broken, FILE), naming)).toThrow(/must declare access_token/);
  });
});
