// The `http basic` scheme: `{ username, password }` → `Basic base64(utf8(username:password))`, worked
// out once when the client is created. Imported by the generated clients of APIs that use it.
import type { AuthScheme, BasicAuth } from "./auth.js";

export const basicScheme: AuthScheme = {
  kind: "basic",
  read(auth, fail) {
    const { username, password } = auth as BasicAuth;
    if (typeof username !== "string" || typeof password !== "string") fail("auth.username and auth.password must be strings");
    // RFC 7617: the user-id cannot contain a colon (the server would split it there).
    if (username.includes(":")) fail('auth.username must not contain ":"');
    let binary = "";
    for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
    return `Basic ${btoa(binary)}`;
  },
};
