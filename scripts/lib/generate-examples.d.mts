import type { OperationRecord } from "./mock-operations.mjs";
export interface SpecOperation {
  id: string;
  method: string;
  path: string;
  responses: string[];
  needsAuth: boolean;
  requestMediaType: string | undefined;
  record: OperationRecord;
}
export declare function specOperations(spec: any): SpecOperation[];
export declare function exampleInit(spec: any, operationId: string): { params: Record<string, Record<string, unknown>>; body?: unknown };
export declare function responseExample(spec: any, operationId: string, key: string): { mediaType: string; example: unknown } | undefined;
export declare function representativeStatus(key: string, keys: string[]): number;
