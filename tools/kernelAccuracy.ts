/**
 * Accuracy of the tabulated-moment pair kernel, the measurement behind the
 * tolerances EXACT.momentTable and EXACT.momentKernel (test-support/tolerance.ts):
 *
 *   npx tsx tools/kernelAccuracy.ts [--configs 1800] [--angles 400] [--seed 12]
 *
 * 1. The moment table (16 pieces of degree 8, and the other sizes listed)
 *    against the direct sums at `angles` angles in [0, pi/2]: largest
 *    absolute error.
 * 2. Loss and gradient of `configs` configurations of arbProblemSpec
 *    (m* <= 3, m <= 5, d = 2..14; generic, near-collinear, cancelling)
 *    with the kernels 'moment-table' and 'gauss-hermite' at 24 and 40 nodes,
 *    against 'gauss-hermite' at 96 nodes: relative error of the loss
 *    (|a - b| / max(1, |a|, |b|)) and of the gradient (largest entry error
 *    over max(1, largest entry)); largest, median and count above 1e-10.
 * Prints one JSON line per measurement.
 */
import fc from 'fast-check';
import { parseArgs } from 'node:util';
import { buildMomentTable, evaluateMomentTable } from '../src/population/kernel/momentTable.ts';
import { MOMENTS, routerMomentsDirect } from '../src/population/kernel/routerMoments.ts';
import { populationLossGrad, type QuadratureOptions } from '../src/population/quadrature.ts';
import { arbProblemSpec } from '../test-support/arbitraries/arbProblemSpec.ts';
import { makeProblem } from '../test-support/problems.ts';

const { values } = parseArgs({ options: { configs: { type: 'string', default: '1800' }, angles: { type: 'string', default: '400' }, seed: { type: 'string', default: '12' } } });
const configs = Number(values.configs), angles = Number(values.angles), seed = Number(values.seed);

function tableErrors(): void {
  const ref = Array.from({ length: angles }, (_, i) => {
    const theta = (Math.PI / 2) * ((i * 0.6180339887498949 + 0.01) % 1);
    return { theta, m: routerMomentsDirect(theta) };
  });
  const out = new Float64Array(MOMENTS);
  for (const [intervals, degree] of [[16, 8], [16, 7], [32, 6], [16, 6]]) {
    const table = buildMomentTable(intervals, degree);
    let worst = 0;
    for (const r of ref) {
      evaluateMomentTable(table, r.theta, out);
      for (let f = 0; f < MOMENTS; f++) worst = Math.max(worst, Math.abs(out[f] - r.m[f]));
    }
    console.log(JSON.stringify({ measurement: 'moment table vs direct sums', intervals, degree, angles, maxAbsError: worst }));
  }
}

function kernelErrors(): void {
  const specs = fc.sample(arbProblemSpec({ maxMStar: 3, maxM: 5, maxExtraD: 8 }), { numRuns: configs, seed });
  const variants: [string, QuadratureOptions][] = [
    ['moment-table', { kernel: 'moment-table' }],
    ['gauss-hermite 24', { kernel: 'gauss-hermite', nodes: 24 }],
    ['gauss-hermite 40', { kernel: 'gauss-hermite', nodes: 40 }],
  ];
  const errors = variants.map(() => ({ loss: [] as number[], gradient: [] as number[] }));
  for (const spec of specs) {
    const { teacher, student } = makeProblem(spec);
    const ref = populationLossGrad(teacher, student, { kernel: 'gauss-hermite', nodes: 96 });
    const refEntries = [...ref.routers.data, ...ref.experts.data];
    const scale = Math.max(1, ...refEntries.map(Math.abs));
    variants.forEach(([, opts], v) => {
      const g = populationLossGrad(teacher, student, opts);
      const entries = [...g.routers.data, ...g.experts.data];
      errors[v].loss.push(Math.abs(g.loss - ref.loss) / Math.max(1, Math.abs(g.loss), Math.abs(ref.loss)));
      errors[v].gradient.push(Math.max(...entries.map((x, i) => Math.abs(x - refEntries[i]))) / scale);
    });
  }
  const summary = (xs: number[]) => {
    const s = xs.slice().sort((a, b) => a - b);
    return { max: s[s.length - 1], median: s[s.length >> 1], above1e10: s.filter((x) => x > 1e-10).length };
  };
  variants.forEach(([name], v) => {
    console.log(JSON.stringify({ measurement: 'loss and gradient vs gauss-hermite 96', kernel: name, configs, seed, loss: summary(errors[v].loss), gradient: summary(errors[v].gradient) }));
  });
}

tableErrors();
kernelErrors();
