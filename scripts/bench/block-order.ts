// The order in which bench:clients runs the blocks of its four variants: two pairs of equal work, (0, 1) and
// (2, 3), each pair's members back to back so that the machine's drift cancels in their ratio.
//
// A fixed cycle (AB CD, DC BA, CD AB, BA DC) was tried first. It put variants 1 and 3 (the clients) right after
// themselves at two of its four turn boundaries, and 0 or 2 never; with raw fetch in every slot (what `--control`
// now does), slots 1 and 3 measured slower, for identical code. So no fixed sequence is used. Each group of eight
// turns holds every arrangement once (which pair runs first, and each pair's order), shuffled: no variant follows a
// particular one more often than chance makes it, and each member of a pair runs first in half the turns.

/** The eight arrangements of the two pairs, each pair's members adjacent. */
export const ARRANGEMENTS: readonly (readonly number[])[] = [0, 1].flatMap((secondPairFirst) =>
  [0, 1].flatMap((swapA) =>
    [0, 1].map((swapB) => {
      const a = swapA ? [1, 0] : [0, 1];
      const b = swapB ? [3, 2] : [2, 3];
      return secondPairFirst ? [...b, ...a] : [...a, ...b];
    }),
  ),
);

/**
 * `count` turns, each the order of the four variants' blocks: whole groups of the eight arrangements, each group
 * shuffled with `random` (a seeded generator, so that a run is reproducible), cut to `count`.
 */
export function blockOrder(count: number, random: () => number): (readonly number[])[] {
  const turns: (readonly number[])[] = [];
  while (turns.length < count) {
    const group = [...ARRANGEMENTS];
    // Fisher–Yates
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j]!, group[i]!];
    }
    turns.push(...group);
  }
  return turns.slice(0, count);
}
