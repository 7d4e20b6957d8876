import type { Random } from '../ports.js';

/** A uniform integer in [0, bound) by rejection sampling on single bytes (bound ≤ 256). */
export function randomIndex(random: Random, bound: number): number {
  const limit = 256 - (256 % bound);
  for (;;) {
    const [byte] = random.bytes(1);
    if (byte! < limit) return byte! % bound;
  }
}

/** A string of `length` characters drawn uniformly from `alphabet`. */
export function randomString(random: Random, alphabet: string, length: number): string {
  let result = '';
  while (result.length < length) result += alphabet[randomIndex(random, alphabet.length)];
  return result;
}
