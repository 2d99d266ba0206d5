export declare function checkApi(api: string): string[];
export declare function checkDocument(document: object, uri: string): string[];
