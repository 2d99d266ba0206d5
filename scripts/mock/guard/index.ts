// The request guard in front of Prism (see server.ts).
export { startGuard, DEFAULT_MAX_BODY_BYTES, type Guard, type GuardOptions } from "./server.js";
export { findMalformedEscape, type EscapeProblem } from "./percent.js";
export { createDepthScanner, DEFAULT_MAX_DEPTH, type DepthScanner } from "./json-depth.js";
export { createParameterChecker, type ParameterChecker } from "./parameters.js";
export { GUARD_HEADER, type Refusal, type RefusalCode } from "./refusal.js";
