// Empty or blank path and query values the spec's parameter schema refuses (`?profile_id=`,
// `GET /orders/%20`). The real APIs refuse them; Prism either crashes, coerces them, or matches
// no route, so the guard answers them itself. Only blank values are judged here: everything
// else is Prism's job, so that the guard never disagrees with Prism about a real value.
// Each operation's parameter schemas are compiled once, when the guard is created.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import type { Refusal } from "./refusal.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
// OpenAPI's own formats: accepted as known so that Ajv does not warn about them; a blank
// string is refused by their `type` (integer/number) anyway.
const OPENAPI_FORMATS = ["int32", "int64", "float", "double", "password"];

interface CheckedParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  validate: ValidateFunction;
}

interface Route {
  method: string;
  template: string;
  /** Matches the decoded-or-raw pathname; captures one group per path parameter, in order. */
  pattern: RegExp;
  pathNames: string[];
  literalLength: number;
  parameters: CheckedParameter[];
}

export interface ParameterChecker {
  /** A refusal for the first blank value the schema refuses, or null. */
  check(method: string, rawTarget: string): Refusal | null;
  /** How many operations were compiled (for messages and tests). */
  readonly operations: number;
}

const pointerSegment = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

function resolve(document: any, node: any): { node: any; pointer: string | null } {
  let pointer: string | null = null;
  for (let hops = 0; node && typeof node.$ref === "string" && hops < 20; hops++) {
    const ref: string = node.$ref;
    if (!ref.startsWith("#/")) break;
    pointer = ref.slice(1);
    node = ref.slice(2).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce((v: any, key) => v?.[key], document);
  }
  return { node, pointer };
}

function templatePattern(template: string): { pattern: RegExp; names: string[]; literalLength: number } {
  const names: string[] = [];
  let literalLength = 0;
  const source = template.split(/(\{[^}]+\})/).map((part) => {
    if (/^\{[^}]+\}$/.test(part)) {
      names.push(part.slice(1, -1));
      // `*`, not `+`: an empty segment must reach the check rather than miss the route.
      return "([^/]*)";
    }
    literalLength += part.length;
    return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
  }).join("");
  return { pattern: new RegExp(`^${source}$`), names, literalLength };
}

export function createParameterChecker(document: any, uri = "openapi.json"): ParameterChecker {
  const ajv = new Ajv2020({ strict: false, allErrors: false, logger: false, validateSchema: false });
  addFormats.default(ajv);
  for (const name of OPENAPI_FORMATS) ajv.addFormat(name, true);
  ajv.addSchema(document, uri);

  const routes: Route[] = [];
  for (const [template, item] of Object.entries<any>(document?.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const { pattern, names, literalLength } = templatePattern(template);
      // Operation-level parameters override path-level ones of the same name and location.
      const declared = new Map<string, { parameter: any; pointer: string }>();
      const collect = (list: any[] | undefined, base: string) => (list ?? []).forEach((raw, i) => {
        const { node, pointer } = resolve(document, raw);
        if (node?.in === "path" || node?.in === "query") declared.set(`${node.in}:${node.name}`, { parameter: node, pointer: pointer ?? `${base}/${i}` });
      });
      collect(item.parameters, `/paths/${pointerSegment(template)}/parameters`);
      collect(operation.parameters, `/paths/${pointerSegment(template)}/${method}/parameters`);
      const parameters: CheckedParameter[] = [];
      for (const { parameter, pointer } of declared.values()) {
        if (!parameter.schema) continue; // `content`-style parameters: left to Prism
        parameters.push({
          name: String(parameter.name),
          in: parameter.in,
          required: parameter.in === "path" || parameter.required === true,
          validate: ajv.compile({ $ref: `${uri}#${pointer}/schema` }),
        });
      }
      routes.push({ method, template, pattern, pathNames: names, literalLength, parameters });
    }
  }
  // The most literal template first: `/orders/create` wins over `/orders/{id}`, as in Prism.
  routes.sort((a, b) => b.literalLength - a.literalLength);

  const refuse = (p: CheckedParameter, value: string, template: string): Refusal => ({
    status: 400,
    code: "invalid_parameter",
    message: `${p.in} parameter '${p.name}' of ${template} is ${value === "" ? "empty" : "blank"}, which its schema refuses: ${
      (p.validate.errors ?? []).map((e) => `${e.keyword} ${e.message ?? ""}`.trim()).join("; ") || "invalid"}`,
  });
  const isBlank = (value: string) => value.trim() === "";

  return {
    operations: routes.length,
    check(method, rawTarget) {
      const queryAt = rawTarget.indexOf("?");
      const rawPath = queryAt === -1 ? rawTarget : rawTarget.slice(0, queryAt);
      const rawQuery = queryAt === -1 ? "" : rawTarget.slice(queryAt + 1);
      const lower = method.toLowerCase();
      for (const route of routes) {
        if (route.method !== lower) continue;
        const match = route.pattern.exec(rawPath);
        if (!match) continue;
        // A malformed escape is the percent check's to report; here it is simply not blank.
        const decode = (raw: string) => { try { return decodeURIComponent(raw); } catch { return raw; } };
        const pathValues = new Map(route.pathNames.map((name, i) => [name, decode(match[i + 1] ?? "")]));
        const query = new URLSearchParams(rawQuery);
        for (const p of route.parameters) {
          const values = p.in === "path" ? [pathValues.get(p.name) ?? ""] : query.getAll(p.name);
          for (const value of values) {
            if (isBlank(value) && !p.validate(value)) return refuse(p, value, route.template);
          }
        }
        return null; // the route that matched has spoken; a looser template must not
      }
      return null;
    },
  };
}
