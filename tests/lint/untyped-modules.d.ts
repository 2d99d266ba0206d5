// Two modules that Spectral's own type declarations import but that ship no types of their own
// (Spectral's packages rely on skipLibCheck, which this repo keeps off). Declared as `any` here so
// that tests/lint/spectral-in-process.ts type-checks; we call neither directly.
declare module "node-fetch";
declare module "@rollup/plugin-commonjs";
