/**
 * When does online SGD escape the start, against the exact flow from the same
 * start, as a function of the step? The measurement behind the step of
 * scenarios/sgd-sample-complexity.yaml (and the noise scale V quoted there).
 *
 *   npx tsx tools/sgdEscape.ts --d 1000 [--mstar 1] [--m 1] [--batch 4096] [--seeds 4] [--c 0.03,0.1,0.3] [--horizon 40] [--noise-only]
 *
 * For each seed, draws the problem in the span (sampleReducedProblem, root
 * seed = the seed), runs the exact flow and, for each c, span-SGD with
 * step lr = c B d^(-3/2) (the scaling online SGD needs for information
 * exponent 3: see the scenario), both to flow time horizon x sqrt(d) or the
 * recovery of every teacher. Prints one JSON line per seed: the first escape
 * (first expert alignment of a matched student >= 0.9) in units of sqrt(d),
 * and for SGD the samples to it in units of d^2 (n / d^2 is what the theory
 * says does not depend on d) and the wall seconds. First, one line with V,
 * the per-sample gradient variance of the first expert row at the start,
 * B E[(C C^T)_ii] (its out-of-span noise is lr^2 (d - K) V / B per step),
 * averaged over 20 batches of every seed (--noise-only: that line alone).
 */
import { parseArgs } from 'node:util';
import { SeedStreams } from '../src/core/streams.ts';
import { integrateReducedFlow } from '../src/dynamics/flow/reducedFlow.ts';
import { SpanStepWork } from '../src/dynamics/sgd/spanSgdStep.ts';
import { spanStateOf } from '../src/dynamics/sgd/spanState.ts';
import { trainSpanSgd } from '../src/dynamics/sgd/trainSpanSgd.ts';
import type { ThresholdEvent } from '../src/measure/events.ts';
import { sampleReducedProblem } from '../src/model/reducedSampling.ts';

const { values } = parseArgs({
  options: {
    d: { type: 'string', default: '1000' },
    mstar: { type: 'string', default: '1' },
    m: { type: 'string', default: '1' },
    batch: { type: 'string', default: '4096' },
    seeds: { type: 'string', default: '4' },
    c: { type: 'string', default: '0.03,0.1,0.3' },
    horizon: { type: 'string', default: '40' },
    'noise-only': { type: 'boolean', default: false },
  },
});
const [d, mStar, m, B, seeds, horizon] = [values.d, values.mstar, values.m, values.batch, values.seeds, values.horizon].map(Number);
const cs = values.c.split(',').map(Number);
const round = (x: number, k = 3) => Math.round(x * 10 ** k) / 10 ** k;
const firstEscape = (events: ThresholdEvent[]) => {
  const t = events.filter((e) => e.kind === 'expert').map((e) => e.t);
  return t.length ? Math.min(...t) : null;
};
const problem = (s: number) => {
  const st = new SeedStreams(s);
  return { st, p: sampleReducedProblem(mStar, m, d, st.stream('teacher'), st.stream('student')) };
};

let v = 0;
for (let s = 1; s <= seeds; s++) {
  const { st, p } = problem(s);
  const { state } = spanStateOf(p.teacher, p.student, d);
  const work = new SpanStepWork(state, B);
  const rng = st.stream('noise-scale');
  for (let k = 0; k < 20; k++) {
    work.accumulate(state, rng);
    v += (work.cov[m * 2 * m + m] * B) / (20 * seeds);
  }
}
process.stdout.write(JSON.stringify({ mStar, m, d, batch: B, V_first_expert_row: round(v, 1) }) + '\n');
if (values['noise-only']) process.exit(0);

for (let s = 1; s <= seeds; s++) {
  const { st, p } = problem(s);
  const T = horizon * Math.sqrt(d);
  const flow = integrateReducedFlow(p.teacher, p.student, { time: T, stopWhenRecovered: true, uniformPoints: 200 });
  const fe = firstEscape(flow.events);
  const line: Record<string, unknown> = { d, seed: s, flow_escape_over_sqrt_d: fe === null ? null : round(fe / Math.sqrt(d)) };
  for (const c of cs) {
    const lr = c * B * Math.pow(d, -1.5);
    const r = trainSpanSgd(p.teacher, p.student, d, st.child('featureLearning'), { learningRate: lr, batch: B, time: T, stopWhenRecovered: true, recordEvery: 2000 });
    const te = firstEscape(r.events);
    line[`c=${c}`] = te === null
      ? { escaped: false, wall_seconds: round(r.wallSeconds, 1) }
      : { escape_over_sqrt_d: round(te / Math.sqrt(d)), samples_over_d2: round((Math.ceil(te / lr) * B) / (d * d), 2), wall_seconds: round(r.wallSeconds, 1) };
  }
  process.stdout.write(JSON.stringify(line) + '\n');
}
