import type { ApiModel } from "./docs-model.mjs";
export declare const DEFAULT_SITE_DIR: string;
export interface SiteFiles { page: string; yaml: string; json: string }
export declare function siteFiles(api: string): SiteFiles;
export interface SiteEntry { api: string; model: ApiModel; files: SiteFiles; mock: string }
export declare function buildSite(options?: {
  apis?: string[];
  outDir?: string;
  mockPorts?: Readonly<Record<string, number>>;
}): Promise<{ outDir: string; entries: SiteEntry[] }>;
