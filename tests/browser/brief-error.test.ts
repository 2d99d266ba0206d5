// The one-line summary docs-site.test.ts gives for an operation Redoc did not render.
import { describe, expect, it } from "vitest";
import { briefly } from "./brief-error.js";

describe("briefly", () => {
  it("keeps the first line and the call log's last step", () => {
    const error = new Error([
      "locator.click: Timeout 30000ms exceeded.",
      "Call log:",
      "  - waiting for getByText('Create order', { exact: true }).first()",
      "    - locator resolved to <span>Create order</span>",
      "  - attempting click action",
      "",
    ].join("\n"));
    expect(briefly(error)).toBe("locator.click: Timeout 30000ms exceeded. (last: - attempting click action)");
  });

  it("a one-line message is kept as it is, without its indentation", () => {
    expect(briefly(new Error("  page.goto: net::ERR_CONNECTION_REFUSED  "))).toBe("page.goto: net::ERR_CONNECTION_REFUSED");
  });

  it("an error without a message still says what it is", () => {
    expect(briefly(new TypeError(""))).toBe("TypeError");
    expect(briefly(new Error("\n \n"))).toBe("Error");
  });
});
