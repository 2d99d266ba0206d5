// Removes credentials from anything we print, log or write: the configured secrets in every
// form they travel in (raw, URL-encoded, form-encoded, JSON-escaped, base64 — alone and as a
// Basic `user:password` pair), plus anything that looks like a credential whatever its value
// (`Bearer …`, `Basic …`, `client_secret=…`, `"access_token": "…"`), because a token issued at
// run time (by a token endpoint) is not in any environment variable.

export const REDACTED = "[REDACTED]";

export interface Redactor {
  (text: string): string;
  /** How many distinct strings are searched for (for tests and messages). */
  readonly variants: number;
}

const b64 = (s: string) => Buffer.from(s, "utf8").toString("base64");
const b64url = (s: string) => Buffer.from(s, "utf8").toString("base64url");
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function encodings(secret: string): string[] {
  const form = new URLSearchParams({ x: secret }).toString().slice(2);
  const json = JSON.stringify(secret).slice(1, -1);
  const variants = [secret, encodeURIComponent(secret), form, json, b64(secret), b64url(secret)];
  // Base64 without its padding, as some tools print it.
  variants.push(b64(secret).replace(/=+$/, ""));
  return variants;
}

// Credential-shaped text, whatever the value. The value stops at a quote, whitespace, `&`, `,`
// or a closing bracket, so surrounding JSON or form syntax survives.
const SHAPES: RegExp[] = [
  /(\bBearer\s+)[^\s"',;&}\]]+/gi,
  /(\bBasic\s+)[A-Za-z0-9+/=_-]+/gi,
  /((?:client_secret|client_id|password|secret|api_key|apikey|api_secret|access_token|refresh_token|id_token|token)"?\s*[=:]\s*"?)[^\s"',;&}\]]+/gi,
  /((?:authorization|x-api-key|proxy-authorization)"?\s*[:=]\s*"?)[^"\r\n,}]+/gi,
];

/**
 * @param secrets values to remove wherever they appear (empty ones are ignored)
 * @param pairs   user/password pairs sent as HTTP Basic: their joined base64 is removed too
 */
export function createRedactor(secrets: Iterable<string | undefined>, pairs: Array<[string | undefined, string | undefined]> = []): Redactor {
  const found = new Set<string>();
  for (const secret of secrets) if (secret) for (const v of encodings(secret)) found.add(v);
  for (const [user, password] of pairs) {
    if (!user || !password) continue;
    for (const v of [b64(`${user}:${password}`), b64url(`${user}:${password}`), b64(`${user}:${password}`).replace(/=+$/, "")]) found.add(v);
  }
  // Longest first, so a secret's encoded form is removed before a raw secret inside it is.
  const list = [...found].filter((v) => v.length > 0).sort((a, b) => b.length - a.length);
  const exact = list.length ? new RegExp(list.map(escapeRegExp).join("|"), "g") : null;
  const redact = ((text: string) => {
    let out = exact ? text.replace(exact, REDACTED) : text;
    for (const shape of SHAPES) out = out.replace(shape, `$1${REDACTED}`);
    return out;
  }) as Redactor;
  Object.defineProperty(redact, "variants", { value: list.length });
  return redact;
}

/** Wraps a writable's write so that everything through it is redacted first (text only). */
export function redactStream(stream: NodeJS.WritableStream, redact: (text: string) => string): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) =>
    write(typeof chunk === "string" ? redact(chunk) : Buffer.isBuffer(chunk) ? redact(chunk.toString("utf8")) : chunk, ...rest)) as typeof stream.write;
}
