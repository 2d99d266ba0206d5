// Spectral function: an operation declares at least one 4xx response whose body has a JSON
// schema. Without one, openapi-fetch types `error` as `undefined` and the mock cannot
// describe a rejection.
const JSON_MEDIA = /^application\/(.+\+)?json$/;

export default function hasJson4xxResponse(operation) {
  const responses = operation?.responses ?? {};
  const ok = Object.entries(responses).some(
    ([status, response]) =>
      /^4(\d\d|XX)$/.test(status) &&
      Object.entries(response?.content ?? {}).some(([type, media]) => JSON_MEDIA.test(type) && media?.schema !== undefined),
  );
  return ok ? [] : [{ message: "Operation must declare a 4xx response with a JSON schema." }];
}
