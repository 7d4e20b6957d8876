import type { Random } from '../../ports.js';

/** A uniform number in [min, max) from 32 random bits. */
export function randomBetween(random: Random, min: number, max: number): number {
  const [a, b, c, d] = random.bytes(4);
  return min + (((a! << 24) | (b! << 16) | (c! << 8) | d!) >>> 0) / 2 ** 32 * (max - min);
}
