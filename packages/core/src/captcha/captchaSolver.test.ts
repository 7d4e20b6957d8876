import { describe, expect, it } from 'vitest';
import { measureSolverRate } from './testing/index.js';

// The attacker has the source: the solver learns from thousands of the generator's own labelled
// images. ~25 s of CPU in all; bench/captcha-solver.mjs prints the same figures.
describe('the captcha against a solver that learns from the generator', () => {
  it('is read by the solver at most 5 % of the time (500 fresh captchas, 3000 training images)', () => {
    const { solved, total } = measureSolverRate({ generator: 'current', trainingImages: 3000, testImages: 500 });
    expect(total).toBe(500);
    expect(solved / total).toBeLessThanOrEqual(0.05);
  }, 120_000);

  it('is read at most 5 % of the time by the solver stripping thin strokes first (300 captchas, 2000 training images)', () => {
    // The wave is drawn with the characters' own pen: a stroke-width filter takes both or neither.
    const { solved, total } = measureSolverRate({ generator: 'current', trainingImages: 2000, testImages: 300, openingSide: 4 });
    expect(solved / total).toBeLessThanOrEqual(0.05);
  }, 120_000);

  it('while the same solver reads the first, bitmap-digit captcha at least 90 % of the time', () => {
    const { solved, total } = measureSolverRate({ generator: 'digits', trainingImages: 3000, testImages: 500 });
    expect(solved / total).toBeGreaterThanOrEqual(0.9);
  }, 120_000);
});
