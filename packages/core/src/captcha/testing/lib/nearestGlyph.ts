import { glyphWords } from './normaliseGlyph.js';

/** Labelled normalised glyphs, packed one after another for a fast scan. */
export type GlyphIndex = { bits: Uint32Array; labels: string[] };

export function buildGlyphIndex(samples: readonly { bits: Uint32Array; label: string }[]): GlyphIndex {
  const bits = new Uint32Array(samples.length * glyphWords);
  samples.forEach((sample, index) => bits.set(sample.bits, index * glyphWords));
  return { bits, labels: samples.map((sample) => sample.label) };
}

/** The label of the training glyph at the least Hamming distance (1-nearest neighbour), and that distance. */
export function nearestGlyph(index: GlyphIndex, query: Uint32Array): { label: string; distance: number } {
  let [best, bestDistance] = [0, Number.POSITIVE_INFINITY];
  for (let sample = 0; sample < index.labels.length; sample++) {
    const offset = sample * glyphWords;
    let distance = 0;
    for (let word = 0; word < glyphWords && distance < bestDistance; word++) {
      distance += popcount((index.bits[offset + word]! ^ query[word]!) >>> 0);
    }
    if (distance < bestDistance) [best, bestDistance] = [sample, distance];
  }
  return { label: index.labels[best] ?? '', distance: bestDistance };
}

function popcount(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}
