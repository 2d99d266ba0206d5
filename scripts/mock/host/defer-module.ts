// Puts a stand-in for a CommonJS module into the require cache: every later require() of it gets
// the stand-in, and the real module is loaded on first use of one of its exports. For a dependency
// of a dependency that is required at start-up but used only by features we never turn on.
import Module, { type createRequire } from "node:module";

type Require = ReturnType<typeof createRequire>;

/**
 * A stand-in whose every property is read from `load()`'s result, computed on first use; calling it
 * calls that result (an export may be a function). The target is an arrow function: callable, and
 * with no non-configurable own property a proxy would have to report.
 */
function lazyObject(load: () => object): object {
  return new Proxy(() => {}, {
    apply: (_target, thisArg, args) => Reflect.apply(load() as (...args: unknown[]) => unknown, thisArg, args),
    get: (_target, key) => Reflect.get(load(), key),
    has: (_target, key) => Reflect.has(load(), key),
    ownKeys: () => Reflect.ownKeys(load()),
    getOwnPropertyDescriptor: (_target, key) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
      // A proxy may only report configurable properties that its (empty) target lacks.
      return descriptor && { ...descriptor, configurable: true };
    },
  });
}

/**
 * Until the first use of one of its exports, `specifier` (as `from` resolves it) is not loaded.
 * Each export is itself lazy, so that a module which keeps a reference to one at load time
 * (`const faker = require("@faker-js/faker").default`) still loads nothing. Does nothing if the
 * module is already loaded.
 */
export function deferModule(from: Require, specifier: string): void {
  const file = from.resolve(specifier);
  if (from.cache[file]) return;
  let real: Record<string | symbol, unknown> | undefined;
  const exports = () => {
    if (!real) {
      delete from.cache[file];
      real = from(specifier) as Record<string | symbol, unknown>;
    }
    return real;
  };
  const standIn = new Module(file);
  standIn.filename = file;
  standIn.loaded = true;
  standIn.exports = new Proxy({}, { get: (_target, key) => lazyObject(() => exports()[key] as object) });
  from.cache[file] = standIn;
}
