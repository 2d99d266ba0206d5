// What `npm run mock` passes through from Prism: each violation once. Prism logs a rejected request's
// reason as a message and then again as "Violation: <location> <message>" (sometimes twice).
import { describe, expect, it } from "vitest";
import { formatPinoLine } from "../../scripts/mock/host/log-lines.js";
import { repeatFilter } from "../../scripts/mock/host/repeat-filter.js";

// A line as the mock host formats Prism's pino output.
const line = (message: string) => formatPinoLine(JSON.stringify({ level: 50, name: "VALIDATOR", msg: message }), new Date(2026, 11, 2, 8, 41, 7));

describe("mock output", () => {
  it("shows a violation once, not again as 'Violation: …'", () => {
    const isNew = repeatFilter();
    const shown = [
      line("Request body must have required property 'order_total'"),
      line("Violation: request.body Request body must have required property 'order_total'"),
      line("Violation: request.body Request body must have required property 'order_total'"),
    ].filter(isNew);
    expect(shown).toEqual([line("Request body must have required property 'order_total'")]);
  });

  it("shows the same reason again for the next request, and a violation it has not shown yet", () => {
    const isNew = repeatFilter();
    const lines = [
      line("Invalid security scheme used"),
      line("Violation: request Invalid security scheme used"),
      line("Invalid security scheme used"),
      line("Violation: request.query.limit must be integer"),
    ];
    expect(lines.filter(isNew)).toEqual([lines[0], lines[2], lines[3]]);
  });

  it("shows each of several violations of one request once", () => {
    const isNew = repeatFilter();
    const lines = [
      line("Invalid security scheme used"),
      line("Request body must have required property 'backd_order_id'"),
      line("Violation: request Invalid security scheme used"),
      line("Violation: request.body Request body must have required property 'backd_order_id'"),
      line("Violation: request.body Request body must have required property 'merchant_order_id'"),
    ];
    expect(lines.filter(isNew)).toEqual([lines[0], lines[1], lines[4]]);
  });

  it("formats Prism's pino lines with the logger's name and level, and keeps a line that is not JSON", () => {
    expect(line("Request body must have required property 'order'")).toBe("08:41:07 [VALIDATOR] error  Request body must have required property 'order'");
    expect(formatPinoLine("not json")).toBe("not json");
  });
});
