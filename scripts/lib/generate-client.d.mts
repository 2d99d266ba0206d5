import type { ApiModel } from "./generate-model.mjs";
export declare function renderClient(model: ApiModel, naming: { clientName: string; userAgent: string; tokenOperationId?: string }): string;
export declare function renderIndex(model: ApiModel): string;
