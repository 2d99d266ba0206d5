// What `npm run mock` passes through from Prism: each violation once. Prism logs a rejected request's
// reason as a message and then again as "Violation: <location> <message>" (sometimes twice).
import { describe, expect, it } from "vitest";
import { repeatFilter } from "../../scripts/mock/relay.js";

const line = (message: string) => `[5:50:24 AM] ›     [VALIDATOR] ✖  error     ${message}`;

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
});
