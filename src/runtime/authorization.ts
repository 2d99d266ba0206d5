// The `Authorization` value for credentials of either kind, read as a client reads them at creation
// (a token function is called). For tests and tools: a client bundles only its API's schemes.
import { schemeFor, typeError, type BasicAuth, type BearerAuth } from "./auth.js";
import { basicScheme } from "./basic.js";
import { bearerScheme } from "./bearer.js";

export async function authorizationHeader(auth: BearerAuth | BasicAuth, api: string): Promise<string> {
  const fail = typeError(api);
  const value = (schemeFor([basicScheme], auth) ?? bearerScheme).read(auth, fail);
  return typeof value === "string" ? value : value(fail);
}
