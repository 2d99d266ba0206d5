// The block order behind bench:clients' ratios (scripts/bench/block-order.ts): a pair's two blocks must run back
// to back, each first as often as the other, and no slot may follow a particular variant by construction (a
// fixed cycle did, and read identical code as slower in the clients' slots).
import { describe, expect, it } from "vitest";
import { ARRANGEMENTS, blockOrder } from "../../scripts/bench/block-order.js";
import { seededRandom } from "../../scripts/bench/stats.js";

const key = (turn: readonly number[]) => turn.join("");
const pairs = [[0, 1], [2, 3]];

describe("ARRANGEMENTS", () => {
  it("are the eight orders of the two pairs that keep each pair's members adjacent", () => {
    expect(new Set(ARRANGEMENTS.map(key)).size).toBe(8);
    for (const turn of ARRANGEMENTS) {
      expect([...turn].sort()).toEqual([0, 1, 2, 3]);
      for (const [a, b] of pairs) expect(Math.abs(turn.indexOf(a!) - turn.indexOf(b!))).toBe(1);
    }
  });

  it("run each member of a pair first in half of them, and each pair first in half", () => {
    for (const [a, b] of pairs) expect(ARRANGEMENTS.filter((turn) => turn.indexOf(a!) < turn.indexOf(b!))).toHaveLength(4);
    expect(ARRANGEMENTS.filter((turn) => turn[0]! < 2)).toHaveLength(4);
  });
});

describe("blockOrder", () => {
  it("gives whole groups of all eight arrangements, cut to the count", () => {
    const turns = blockOrder(8 * 50 + 3, seededRandom(1));
    expect(turns).toHaveLength(403);
    for (let group = 0; group < 50; group++) {
      expect(new Set(turns.slice(group * 8, group * 8 + 8).map(key))).toEqual(new Set(ARRANGEMENTS.map(key)));
    }
  });

  it("is shuffled, the same for the same seed, and different for another", () => {
    const orders = (seed: number) => blockOrder(64, seededRandom(seed)).map(key).join(" ");
    expect(orders(7)).toBe(orders(7));
    expect(orders(7)).not.toBe(orders(8));
    const groups = orders(7).match(/(\d{4} ?){8}/g)!;
    expect(new Set(groups).size).toBeGreaterThan(1);
  });

  it("puts every variant after each other one (itself included) about equally often over a long run", () => {
    // What the fixed cycle got wrong: there, 1 and 3 followed themselves once every four turns, 0 and 2 never.
    const sequence = blockOrder(8 * 500, seededRandom(0x5eed)).flat();
    const follows = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
    for (let i = 1; i < sequence.length; i++) follows[sequence[i]!]![sequence[i - 1]!]!++;
    const selfFollows = [0, 1, 2, 3].map((v) => follows[v]![v]!);
    for (const count of selfFollows) expect(count).toBeGreaterThan(0);
    // Within a quarter of each other: a slot that systematically followed itself would be far off.
    expect(Math.max(...selfFollows) / Math.min(...selfFollows)).toBeLessThan(1.25);
    // A pair's members follow the other pair's members alike.
    for (const [a, b] of pairs) {
      for (const other of [0, 1, 2, 3].filter((v) => v !== a && v !== b)) {
        expect(follows[a!]![other]! / follows[b!]![other]!).toBeGreaterThan(0.8);
        expect(follows[a!]![other]! / follows[b!]![other]!).toBeLessThan(1.25);
      }
    }
  });
});

describe("seededRandom", () => {
  it("gives the same numbers in [0, 1) for the same seed", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    for (const value of values) {
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
    }
  });
});
