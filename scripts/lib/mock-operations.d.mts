export type Segments = Array<string | number>;
export interface NamedExample { name: string; summary: string; value: any }
export interface MediaRecord { mediaType: string; schema: any; schemaSegments: Segments; examples: NamedExample[] }
export interface ParameterRecord {
  name: string;
  in: string;
  required: boolean;
  schema: any;
  schemaSegments: Segments;
  example: { found: boolean; value: any };
}
export interface OperationRecord {
  operationId: string;
  method: string;
  path: string;
  parameters: ParameterRecord[];
  requestBody: null | { required: boolean; media: MediaRecord[] };
  security: Array<Record<string, string[]>>;
  servers: any[] | null;
  responses: Record<string, { media: MediaRecord[] }>;
}
export interface HappyRequest {
  name: string;
  summary: string;
  pathParams: Record<string, any>;
  query: Record<string, any>;
  headers: Record<string, string>;
  mediaType: string | null;
  body: any;
  missing: string[];
}
export declare const HTTP_METHODS: string[];
export declare function resolveRef(document: any, node: any, segments: Segments): { node: any; segments: Segments };
export declare function parameterExample(document: any, parameter: any): { found: boolean; value: any };
export declare function preferredMedia(records: MediaRecord[]): MediaRecord | null;
export declare function listOperations(document: any): OperationRecord[];
export declare function isPublic(operation: OperationRecord): boolean;
export declare function securitySchemes(document: any, operation: OperationRecord): Array<{ name: string; type?: string; scheme?: string }>;
export declare function serversFor(servers: any[] | null | undefined, environments: string[]): any[];
export declare function fillPath(path: string, values: Record<string, any>): string;
export declare function successStatuses(operation: OperationRecord): string[];
export declare function isDeclaredStatus(operation: OperationRecord, status: number | string): boolean;
export declare function happyRequests(operation: OperationRecord): HappyRequest[];
