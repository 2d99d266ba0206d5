export declare const DEFAULT_MOCK_PORTS: Readonly<Record<string, number>>;
export declare const HTTP_METHODS: readonly string[];
export declare function resolveMockPorts(env?: Record<string, string | undefined>): Record<string, number>;
export declare function mockUrl(api: string, ports?: Readonly<Record<string, number>>, host?: string): string;
export interface OperationSummary {
  operationId: string | undefined;
  summary: string | undefined;
  method: string;
  path: string;
  tags: string[];
  servers: Array<{ url: string; description?: string }> | undefined;
}
export declare function listOperations(spec: unknown): OperationSummary[];
export declare function describeScheme(scheme: unknown): string;
export interface ApiModel {
  api: string;
  title: string;
  version: string;
  summary: string;
  servers: Array<{ url: string; description: string; environment: string; operations: string[] }>;
  auth: Array<{ name: string; kind: string; description: string }>;
  publicOperations: string[];
  operations: OperationSummary[];
}
export declare function describeApi(api: string, spec: unknown): ApiModel;
