// The learning captcha solver (issue 8) against the current captcha and, as its control, against
// the first bitmap-digit captcha: trained on the generator's own labelled images (binarise,
// segment, 16×16 glyphs, nearest neighbour; once more with a stroke-width filter first), then
// scored on fresh ones. Prints the rates and their ratio; the current captcha's target is ≤ 5 %
// while the control stays ≥ 90 %.
//
// Run after `npm run build`:   node bench/captcha-solver.mjs  [training images] [test images]
// bench/attack.mjs imports measureSolverRate from here.
import { pathToFileURL } from 'node:url';
import { measureSolverRate as measure } from '../packages/core/dist/captcha/testing/index.js';

/**
 * How many of `testImages` fresh captchas the solver reads after training on `trainingImages`.
 * @param {{ generator?: 'current' | 'digits', trainingImages?: number, testImages?: number, seed?: number, openingSide?: number }} [options]
 * @returns {Promise<{ solved: number, total: number }>}
 */
export async function measureSolverRate(options = {}) {
  return measure({ generator: 'current', ...options });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const trainingImages = Number(process.argv[2] ?? 3000);
  const testImages = Number(process.argv[3] ?? 500);
  const runs = [
    ['current', 'current captcha', 0],
    ['current', 'current captcha, thin strokes stripped first', 4],
    ['digits', 'first (bitmap-digit) captcha', 0],
  ];
  const rates = [];
  for (const [generator, label, openingSide] of runs) {
    const started = performance.now();
    const { solved, total } = await measureSolverRate({ generator, trainingImages, testImages, openingSide });
    rates.push(solved / total);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${label.padEnd(46)} ${solved}/${total} read (${(100 * (solved / total)).toFixed(1)} %) in ${seconds} s`);
  }
  const [current, stripped, digits] = rates;
  const ratio = digits > 0 ? Math.max(current, stripped) / digits : Number.NaN;
  const ok = Math.max(current, stripped) <= 0.05 && digits >= 0.9;
  console.log(`training:  ${trainingImages} labelled images per generator`);
  console.log(`ratio:     ${ratio.toFixed(3)} (current / first captcha; target current ≤ 5 %, control ≥ 90 %) ${ok ? 'ok' : 'OVER TARGET'}`);
}
