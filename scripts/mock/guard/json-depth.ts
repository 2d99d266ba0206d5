// Counts JSON nesting while the body streams in, byte by byte, without parsing it. Prism
// validates nested bodies recursively: 1M levels of `[` (2 MB) cost it 0.7–2 s of CPU during
// which every other request to that mock waits. A body is refused as soon as it goes deeper
// than the bound, usually within its first few bytes.
//
// The bound, 64: the vendors' documented bodies nest at most 5 levels (a batch of records →
// item → metadata); free-form `metadata` may add some, and 64 leaves ample room for that while keeping
// any validator's work per request trivially small.
export const DEFAULT_MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

export interface DepthScanner {
  /** Feeds the next chunk; returns false once the body has gone deeper than the bound. */
  push(chunk: Uint8Array): boolean;
  /** The deepest level seen so far. */
  readonly maxSeen: number;
  /** Bytes scanned so far. */
  readonly bytes: number;
}

/**
 * Brackets inside strings do not count; escapes inside strings are skipped. UTF-8 continuation
 * bytes are all ≥ 0x80, so they never look like a bracket or a quote.
 */
export function createDepthScanner(maxDepth = DEFAULT_MAX_DEPTH): DepthScanner {
  let depth = 0;
  let maxSeen = 0;
  let bytes = 0;
  let inString = false;
  let escaped = false;
  let exceeded = false;
  return {
    push(chunk) {
      if (exceeded) return false;
      for (let i = 0; i < chunk.length; i++) {
        const b = chunk[i]!;
        if (inString) {
          if (escaped) escaped = false;
          else if (b === BACKSLASH) escaped = true;
          else if (b === QUOTE) inString = false;
        } else if (b === QUOTE) {
          inString = true;
        } else if (b === OPEN_ARRAY || b === OPEN_OBJECT) {
          depth += 1;
          if (depth > maxSeen) maxSeen = depth;
          if (depth > maxDepth) {
            bytes += i + 1;
            exceeded = true;
            return false;
          }
        } else if ((b === CLOSE_ARRAY || b === CLOSE_OBJECT) && depth > 0) {
          depth -= 1;
        }
      }
      bytes += chunk.length;
      return true;
    },
    get maxSeen() { return maxSeen; },
    get bytes() { return bytes; },
  };
}
