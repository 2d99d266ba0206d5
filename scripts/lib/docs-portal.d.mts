import type { ChildProcess } from "node:child_process";
export declare function runNode(
  script: string,
  args?: string[],
  options?: { cwd?: string; env?: NodeJS.ProcessEnv; onChild?: (child: ChildProcess) => void },
): Promise<number | NodeJS.Signals | null>;
export declare function waitForPorts(
  ports: number[],
  options?: { host?: string; isDead?: () => boolean; timeoutMs?: number },
): Promise<void>;
export declare function portalRows(
  docsUrl: string,
  entries: Array<{ api: string; model: { version: string }; mock: string }>,
): string[][];
export declare function formatTable(header: string[], rows: string[][]): string;
