// Child supervision: children that never outlive their parent, parents that notice their own
// parent dying, stdout EPIPE that never crashes, and a health check for stopped or hung children.
export { spawnSupervised, stopChild, EXIT_WITH_PARENT, type SupervisedOptions, type StdioMode } from "./spawn-supervised.js";
export { watchParent, launcherChain, isLauncher, type ParentWatch } from "./watch-parent.js";
export { ignoreEpipe, type EpipeGuard } from "./epipe.js";
export { healthCheck, probeOnce, processState, type HealthCheck, type HealthReport, type HealthState } from "./health-check.js";
export { descendants, isAlive, listProcesses, readProcess, type ProcessInfo } from "./process-tree.js";
