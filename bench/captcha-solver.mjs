// The learning captcha solver (issue 8) against the current captcha and, as its control, against
// the first bitmap-digit captcha: trained on the generator's own labelled images (binarise,
// segment, 16×16 glyphs, nearest neighbour), then scored on fresh ones. Prints both rates and
// their ratio; the current captcha's target is ≤ 5 % while the control stays ≥ 90 %.
//
// Run after `npm run build`:   node bench/captcha-solver.mjs  [training images] [test images]
// bench/attack.mjs imports measureSolverRate from here.
import { pathToFileURL } from 'node:url';
import { measureSolverRate as measure } from '../packages/core/dist/captcha/testing/index.js';

/**
 * How many of `testImages` fresh captchas the solver reads after training on `trainingImages`.
 * @param {{ generator?: 'current' | 'digits', trainingImages?: number, testImages?: number, seed?: number }} [options]
 * @returns {Promise<{ solved: number, total: number }>}
 */
export async function measureSolverRate(options = {}) {
  return measure({ generator: 'current', ...options });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const trainingImages = Number(process.argv[2] ?? 3000);
  const testImages = Number(process.argv[3] ?? 500);
  const rates = {};
  for (const generator of ['current', 'digits']) {
    const started = performance.now();
    const { solved, total } = await measureSolverRate({ generator, trainingImages, testImages });
    rates[generator] = solved / total;
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(`${generator.padEnd(8)} ${solved}/${total} read (${(100 * rates[generator]).toFixed(1)} %) in ${seconds} s`);
  }
  const ratio = rates.digits > 0 ? rates.current / rates.digits : Number.NaN;
  const ok = rates.current <= 0.05 && rates.digits >= 0.9;
  console.log(`training:  ${trainingImages} labelled images per generator`);
  console.log(`ratio:     ${ratio.toFixed(3)} (current / first captcha; target current ≤ 5 %, control ≥ 90 %) ${ok ? 'ok' : 'OVER TARGET'}`);
}
