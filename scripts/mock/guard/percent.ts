// Malformed percent-escapes in a request target. Prism 5.14.2 decodes path parameters with
// decodeURIComponent outside any try/catch (uri-template-lite, called from prism-http's
// getPathParams), so `GET /orders/%ZZ` kills the whole process. The guard refuses such a URL
// before Prism sees it, anywhere in the URL, so that no route or query handling can trip on it.

export interface EscapeProblem {
  /** The offending text, as sent (a few characters). */
  text: string;
  /** Character offset in the request target. */
  offset: number;
  reason: string;
}

const BAD_HEX = /%(?![0-9A-Fa-f]{2})/;

/** The first malformed percent-escape in a raw request target, or null when every escape decodes. */
export function findMalformedEscape(target: string): EscapeProblem | null {
  const hex = BAD_HEX.exec(target);
  if (hex) {
    return { text: target.slice(hex.index, hex.index + 3), offset: hex.index, reason: "a '%' must be followed by two hexadecimal digits" };
  }
  // Well-formed hex can still spell invalid UTF-8 (`%E0%A4` cut short, `%C0%AF`, a lone `%80`),
  // which decodeURIComponent refuses just as loudly. Runs of escapes are checked one at a time.
  for (const run of target.matchAll(/(?:%[0-9A-Fa-f]{2})+/g)) {
    try {
      decodeURIComponent(run[0]);
    } catch {
      return { text: run[0].slice(0, 24), offset: run.index ?? 0, reason: "the escapes do not decode to valid UTF-8" };
    }
  }
  return null;
}
