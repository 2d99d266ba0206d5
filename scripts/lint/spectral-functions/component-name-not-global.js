// Spectral function (given: `$.components`): no component is named after a JavaScript or
// TypeScript global. Generators other than openapi-typescript (orval, openapi-generator's
// typescript-* targets, zod generators) turn component names into top-level identifiers, after
// PascalCasing them; a schema called `Error` (or `error`) then shadows the global `Error` inside
// the generated module, and the generator's own code (`throw new Error`, `instanceof Response`,
// `new Blob`) or the consumer's silently refers to the wrong thing, or stops compiling.

// The names, and why each group is here. Only names a generated client module can plausibly
// reference or a consumer can plausibly need beside it; not every DOM interface (a schema called
// `Location` or `Document` shadows nothing a client uses).
const GLOBALS = new Set([
  // ECMAScript built-in constructors and namespaces (ECMA-262 "The Global Object" and its
  // constructor/other properties): what any generated or hand-written code may use.
  "Object", "Function", "Array", "Number", "Boolean", "String", "Symbol", "BigInt", "Date", "RegExp",
  "Error", "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError",
  "Promise", "Proxy", "Reflect", "Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry",
  "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "JSON", "Math", "Intl", "Iterator",
  "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
  "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
  // TypeScript's global utility and helper types (lib.es5.d.ts): generated types use Record,
  // Partial, Omit, Pick, Required, Readonly… and a type of the same name would replace them.
  "Record", "Partial", "Required", "Readonly", "Pick", "Omit", "Exclude", "Extract", "NonNullable",
  "Parameters", "ConstructorParameters", "ReturnType", "InstanceType", "Awaited", "NoInfer",
  "ThisParameterType", "OmitThisParameter", "ThisType", "Uppercase", "Lowercase", "Capitalize", "Uncapitalize",
  "PropertyKey", "ArrayLike", "PromiseLike", "Iterable", "AsyncIterable",
  // Fetch and Web platform globals (in browsers and Node ≥ 18) that HTTP clients generate code
  // against: requests, responses, bodies, URLs, cancellation, events, streams.
  "Request", "Response", "Headers", "RequestInit", "ResponseInit", "URL", "URLSearchParams",
  "Blob", "File", "FormData", "ReadableStream", "AbortController", "AbortSignal", "Event", "EventTarget",
  "TextEncoder", "TextDecoder",
  // Node's Buffer: the body type of Node-targeted generators (axios, node-fetch clients).
  "Buffer",
]);

/** The identifier generators make of a component name: words PascalCased, separators dropped. */
export function identifierFor(name) {
  return String(name)
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word[0].toUpperCase() + word.slice(1))
    .join("");
}

export default function componentNameNotGlobal(components, _options, context) {
  const results = [];
  for (const [kind, map] of Object.entries(components ?? {})) {
    if (kind.startsWith("x-") || map === null || typeof map !== "object") continue;
    for (const name of Object.keys(map)) {
      const identifier = identifierFor(name);
      if (!GLOBALS.has(identifier)) continue;
      const as = identifier === name ? "" : ` (generated as \`${identifier}\`)`;
      results.push({
        message: `Component name \`${name}\`${as} shadows the JavaScript/TypeScript global \`${identifier}\` in generated code; rename it.`,
        path: [...context.path, kind, name],
      });
    }
  }
  return results;
}
