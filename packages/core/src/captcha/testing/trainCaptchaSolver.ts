import type { Random } from '../../ports.js';
import { binarise, type Bitmap } from './lib/binarise.js';
import { buildGlyphIndex, nearestGlyph, type GlyphIndex } from './lib/nearestGlyph.js';
import { openBitmap } from './lib/openBitmap.js';
import { normaliseGlyph } from './lib/normaliseGlyph.js';
import { segmentGlyphs } from './lib/segmentGlyphs.js';

/** Any captcha generator: the attacker has the source, so it can make as many labelled images as it likes. */
export type CaptchaGenerator = (random: Random) => { answer: string; png: Uint8Array };

export type CaptchaSolver = (png: Uint8Array) => string;

/**
 * The attack issue 8 asks the captcha to withstand: learn from `trainingImages` labelled images
 * of the generator itself — binarise, segment each into as many characters as its label has,
 * normalise every piece to 16×16 — then read a new image by segmenting it for each length seen
 * in training and taking the reading whose pieces lie nearest (1-NN, Hamming) to known glyphs.
 * `openingSide` > 0 first strips strokes thinner than that many pixels (see lib/openBitmap.ts).
 */
export function trainCaptchaSolver(
  generate: CaptchaGenerator,
  { random, trainingImages, openingSide = 0 }: { random: Random; trainingImages: number; openingSide?: number },
): CaptchaSolver {
  const load = (png: Uint8Array) => (openingSide > 0 ? openBitmap(binarise(png), openingSide) : binarise(png));
  const samples: { bits: Uint32Array; label: string }[] = [];
  const lengths = new Set<number>();
  for (let image = 0; image < trainingImages; image++) {
    const { answer, png } = generate(random);
    const bitmap = load(png);
    lengths.add(answer.length);
    segmentGlyphs(bitmap, answer.length, minArea(bitmap)).forEach((segment, position) => {
      samples.push({ bits: normaliseGlyph(bitmap, segment), label: answer[position]! });
    });
  }
  const index = buildGlyphIndex(samples);
  return (png) => {
    const bitmap = load(png);
    let best = { text: '', distance: Number.POSITIVE_INFINITY };
    for (const length of lengths) {
      const reading = read(index, bitmap, length);
      if (reading.distance < best.distance) best = reading;
    }
    return best.text;
  };
}

function read(index: GlyphIndex, bitmap: Bitmap, length: number): { text: string; distance: number } {
  const matches = segmentGlyphs(bitmap, length, minArea(bitmap)).map((segment) => nearestGlyph(index, normaliseGlyph(bitmap, segment)));
  const distance = matches.reduce((sum, match) => sum + match.distance, 0) / Math.max(1, matches.length);
  return { text: matches.map((match) => match.label).join(''), distance };
}

/** Specks smaller than this are noise: 1/64 of the image height squared. */
const minArea = ({ height }: Bitmap) => (height * height) / 64;
