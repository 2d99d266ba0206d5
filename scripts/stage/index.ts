// Stage-mode safety: no redirects followed, no credential printed, no run that tests nothing.
export { startUpstreamGuard, readUpstreamEvents, isRedirect, UPSTREAM_GUARD_HEADER, type UpstreamEvent, type UpstreamGuard, type UpstreamGuardOptions } from "./upstream-guard.js";
export { createRedactor, redactStream, REDACTED, type Redactor } from "./redact.js";
export { STAGE_CREDENTIALS, credentialReport, stageRedactor, type CallAuth, type ClientCredentials, type CredentialReport, type CredentialSource } from "./credentials.js";
export {
  negativeOptionsFromEnv, createNegativeBudget, judgeVendor, recordFinding, readFindings, formatFindings, NEGATIVE_DEFAULTS,
  type NegativeOptions, type NegativeBudget, type VendorVerdict, type Finding,
} from "./negatives.js";
