// The suite's free-port helper (tests/support/free-ports.ts): a start that lost a port to another test
// is tried again on new ports; any other failure is not.
import { describe, expect, it } from "vitest";
import { freePorts, withFreePorts } from "../support/free-ports.js";

describe("withFreePorts", () => {
  it("gives distinct ports, and starts again on new ones after 'already in use'", async () => {
    const seen: number[][] = [];
    const { ports, started } = await withFreePorts(3, async (list) => {
      seen.push(list);
      if (seen.length === 1) throw new Error(`Port ${list[1]} on 127.0.0.1 is already in use: cannot start the kwik mock.`);
      return "up";
    });
    expect(started).toBe("up");
    expect(seen).toHaveLength(2);
    expect(ports).toEqual(seen[1]);
    for (const list of seen) expect(new Set(list).size).toBe(3);
  });

  it("throws any other failure at once, and the last one after every attempt lost a port", async () => {
    let calls = 0;
    await expect(withFreePorts(1, async () => { calls++; throw new Error("the mock host crashed"); })).rejects.toThrow("crashed");
    expect(calls).toBe(1);
    calls = 0;
    await expect(withFreePorts(1, async () => { calls++; throw new Error(`attempt ${calls}: already in use`); }, 3)).rejects.toThrow("attempt 3: already in use");
    expect(calls).toBe(3);
  });

  it("freePorts: as many distinct ports as asked for", async () => {
    const ports = await freePorts(5);
    expect(new Set(ports).size).toBe(5);
    for (const port of ports) expect(port).toBeGreaterThan(0);
  });
});
