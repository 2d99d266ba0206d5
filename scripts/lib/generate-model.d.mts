export declare class SpecModelError extends Error {}
export interface OperationModel {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  deprecated: boolean;
  responses: string[];
  noContent: string[];
  security: string[][];
  servers: Record<string, string> | undefined;
  requestMediaType: string | undefined;
  hasParams: boolean;
  accept: string | undefined;
  parseAs: "json" | "text" | "blob";
  successSchemas: unknown[];
}
export interface ApiModel {
  api: string;
  file: string;
  title: string;
  servers: Record<string, string>;
  serverDescriptions: Record<string, string>;
  securitySchemes: Record<string, { kind: "bearer" | "basic"; description: string }>;
  operations: OperationModel[];
  schemaNames: string[];
  resolve(node: unknown): any;
}
export declare function readApiModel(api: string, spec: unknown, file: string): ApiModel;
