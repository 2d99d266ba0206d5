export declare const ROOT: string;
export declare const API_NAMES: readonly ["billpro", "backd", "payway", "kwik"];
export type ApiName = (typeof API_NAMES)[number];
export declare function specPath(api: string): string;
export declare function loadSpec(api: string): any;
