export interface Violation {
  location: string[];
  code: string;
  message: string;
  severity?: string;
}
export declare function readViolations(headers: { get(name: string): string | null }, bodyText: string): Violation[];
export declare function formatViolations(violations: Violation[]): string;
export declare function namesRule(
  violations: Violation[],
  expected: { rule: string; where: "body" | "query" | "path"; location: Array<string | number>; property?: string },
): boolean;
