/** A small seeded PRNG (mulberry32): the same seed gives the same sequence on every machine. */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  chance(probability: number): boolean;
  int(below: number): number;
  pick<T>(items: readonly T[]): T;
  /** A non-empty random subset, in the given order. */
  subset<T>(items: readonly T[]): T[];
};

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return {
    next,
    chance: (probability) => next() < probability,
    int,
    pick: (items) => items[int(items.length)]!,
    subset: (items) => {
      const chosen = items.filter(() => next() < 0.5);
      return chosen.length > 0 ? chosen : [items[int(items.length)]!];
    },
  };
}
