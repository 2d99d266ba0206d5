// The `http basic` scheme: `{ username, password }` → `Basic base64(utf8(username:password))`, worked
// out once when the client is created. Imported by the generated clients of APIs that use it.
import type { AuthScheme, BasicAuth } from "./auth.js";

export const basicScheme: AuthScheme = {
  kind: "basic",
  field: "username",
  shape: "{ username, password } (basic)",
  read(auth, fail) {
    const { username, password } = auth as BasicAuth;
    // RFC 7617: the user-id cannot contain a colon (the server would split it there).
    if (typeof username !== "string" || typeof password !== "string" || username.includes(":")) fail('auth.username and auth.password must be strings, the username without ":"');
    // btoa takes Latin-1 text: one character per UTF-8 byte.
    return `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${username}:${password}`)))}`;
  },
};
