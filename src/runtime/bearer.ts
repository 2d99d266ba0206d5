// The `http bearer` scheme: `{ token }` with a fixed token (checked once, when the client is created)
// or a token function, called once per call (retries reuse its token). A function with `invalidate` (a TokenProvider) is
// told which token a 401 came back for, so that the call can be replayed once with a fresh one.
// Imported by the generated clients of APIs that use it.
import { headerValue, type AuthScheme, type BearerAuth, type DynamicAuthorization, type Fail, type TokenProvider } from "./auth.js";

/** `Bearer <token>` after checking the token, without echoing it. */
export const bearer = (token: unknown, fail: Fail): string => {
  if (typeof token !== "string" || !token) fail("the bearer token is empty or not a string");
  return `Bearer ${headerValue(token as string, "the bearer token", fail)}`;
};

export const bearerScheme: AuthScheme = {
  kind: "bearer",
  field: "token",
  shape: "{ token } (bearer)",
  read(auth, fail) {
    const token = (auth as BearerAuth).token as (() => string | Promise<string>) & Partial<TokenProvider>;
    if (typeof token !== "function") return bearer(token, fail);
    const current: DynamicAuthorization = async (refuse) => bearer(await token(), refuse);
    // "Bearer " is 7 characters.
    current.invalidate = token.invalidate && ((authorization) => token.invalidate!(authorization.slice(7)));
    return current;
  },
};
