import type { Ajv2020 } from "ajv/dist/2020.js";
import type { ErrorObject } from "ajv";
export declare function createSpecAjv(document: object, uri: string): Ajv2020;
export declare function pointerSegment(segment: string | number): string;
export declare function pointerRef(uri: string, segments: Array<string | number>): string;
export declare function formatErrors(errors: ErrorObject[] | null | undefined): string[];
