export declare const REMOTE_ASSETS: Readonly<Record<string, string>>;
export declare const CONTENT_SECURITY_POLICY: string;
export declare function makeOffline(html: string): string;
export declare function findRemoteLoads(html: string): string[];
