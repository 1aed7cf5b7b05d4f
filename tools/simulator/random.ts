// Seeded randomness for the simulator. Every decision draws from its own keyed stream
// (seed + customer + purpose), so it never depends on the order in which things happen or on
// the ids the app hands out: the same seed gives the same shop and the same behaviour. Pure.

import { seededRandom } from "@/lib/classification/linear-model";

/** FNV-1a over the keys, then a final avalanche: a 32-bit seed per (seed, keys...) stream. */
export function streamSeed(seed: number, ...keys: (string | number)[]): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (const char of `${seed}|${keys.join("|")}`) {
    hash ^= char.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  return hash >>> 0;
}

export type Rng = {
  /** Uniform in [0, 1). */
  next(): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Whole number in [min, max]. */
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  /** One key of `weights`, with probability proportional to its weight. */
  weighted<K extends string>(weights: Record<K, number>): K;
};

export function createRng(seed: number, ...keys: (string | number)[]): Rng {
  const next = seededRandom(streamSeed(seed, ...keys));
  const rng: Rng = {
    next,
    chance: (p) => next() < p,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error("pick from an empty list");
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights & string, number][];
      const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
      let draw = next() * total;
      for (const [key, weight] of entries) {
        draw -= weight;
        if (draw < 0) return key;
      }
      return entries[entries.length - 1]![0];
    },
  };
  return rng;
}

/** One uniform draw for one decision: `draw(seed, "click", customer, step) < rate`. */
export function draw(seed: number, ...keys: (string | number)[]): number {
  return seededRandom(streamSeed(seed, ...keys))();
}
