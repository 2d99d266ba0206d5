import type { Server } from "node:http";
export declare function resolveInRoot(root: string, urlPath: string): string | null;
export declare function serveStatic(options: { root: string; port?: number; host?: string }): Promise<{
  url: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}>;
