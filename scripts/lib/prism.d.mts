import type { ChildProcess } from "node:child_process";
export interface PrismInstance {
  api: string;
  url: string;
  port: number;
  host: string;
  child: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}
export interface StartPrismOptions {
  api: string;
  mode?: "mock" | "proxy";
  upstream?: string;
  port?: number;
  host?: string;
  errors?: boolean;
  extraArgs?: string[];
  timeoutMs?: number;
  /** Called right after the spawn, before Prism answers (to be able to stop it during start-up). */
  onSpawn?: (child: ChildProcess) => void;
}
export declare function prismEntry(): string;
export declare function isPortFree(port: number, host?: string): Promise<boolean>;
export declare function freePort(host?: string): Promise<number>;
export declare function startPrism(options: StartPrismOptions): Promise<PrismInstance>;
export declare function stopChild(child: ChildProcess, graceMs?: number): Promise<void>;
