export declare const DEFAULT_PORTS: Readonly<Record<"billpro" | "backd" | "payway" | "kwik", number>>;
export declare const USAGE: string;
export declare class MockUsageError extends Error {}
export declare function parseMockArgs(argv: string[], env: Record<string, string | undefined>): Record<string, number>;
