import type { ApiModel } from "./docs-model.mjs";
export declare function escapeHtml(value: unknown): string;
export declare function inlineText(text: string): string;
export declare function inlineMarkdown(text: string): string;
export declare function renderIndex(entries: Array<{ model: ApiModel; files: { page: string; yaml: string; json: string }; mock: string }>): string;
