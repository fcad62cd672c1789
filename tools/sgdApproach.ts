/**
 * The measurement behind the d = 10^6 property of span-SGD
 * (properties/spanSgd.prop.test.ts): how much closer to the exact flow
 * span-SGD gets when the step shrinks 4-fold and the batch grows 4-fold, at
 * d = 10^6 from a near-teacher start, over many cases; with --dropped, the
 * same for the step without its out-of-span part.
 *
 *   npx tsx tools/sgdApproach.ts [--cases 20] [--time 0.01] [--lr 1e-3] [--batch 4096] [--dropped]
 *
 * Prints one JSON line per case (config seeds 1, 2, ...; m* = 1 + seed mod 2,
 * m = m* + [seed mod 3 = 0]): the RMS gap of every moving inner product to
 * the flow's at (lr, B) and (lr / 4, 4 B), over two data seeds, their ratio
 * and the wall seconds.
 */
import { parseArgs } from 'node:util';
import { SeedStreams } from '../src/core/streams.ts';
import { integrateFlow } from '../src/dynamics/flow/integrateFlow.ts';
import { trainSpanSgd } from '../src/dynamics/sgd/trainSpanSgd.ts';
import { drawConfig } from '../test-support/drawConfig.ts';
import { movingInnerProducts, nearTeacher, wrongOutOfSpan } from '../test-support/sgdSamples.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '20' },
    time: { type: 'string', default: '0.01' },
    lr: { type: 'string', default: '1e-3' },
    batch: { type: 'string', default: '4096' },
    dropped: { type: 'boolean', default: false },
  },
});
const [cases, T, lr, B] = [values.cases, values.time, values.lr, values.batch].map(Number);
const d = 1e6;
const round = (x: number, k = 3) => Number(x.toPrecision(k));
for (let seed = 1; seed <= cases; seed++) {
  const mStar = 1 + (seed % 2);
  const m = mStar + (seed % 3 === 0 ? 1 : 0);
  const p = drawConfig({ mStar, m, d, geometry: 'orthonormal', seed });
  const student = nearTeacher(p.teacher, p.student);
  const flow = movingInnerProducts(p.teacher, integrateFlow(p.teacher, student, { time: T, uniformPoints: 2, logPoints: 0 }).student);
  const started = performance.now();
  const gap = (rate: number, batch: number) => {
    let sq = 0;
    for (const data of [1, 2]) {
      const r = trainSpanSgd(p.teacher, student, d, new SeedStreams(`${seed}:${data}`), {
        learningRate: rate, batch, time: T, recordEvery: 1_000_000, outOfSpan: values.dropped ? wrongOutOfSpan('dropped', d) : undefined,
      });
      const ip = movingInnerProducts(p.teacher, r.student);
      sq += ip.reduce((s, x, k) => s + (x - flow[k]) ** 2, 0) / (2 * ip.length);
    }
    return Math.sqrt(sq);
  };
  const coarse = gap(lr, B);
  const fine = gap(lr / 4, 4 * B);
  const line = { seed, mStar, m, dropped: values.dropped, coarse: round(coarse), fine: round(fine), ratio: round(coarse / fine), wall_seconds: round((performance.now() - started) / 1000) };
  process.stdout.write(JSON.stringify(line) + '\n');
}
