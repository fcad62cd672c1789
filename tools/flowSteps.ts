/**
 * Local errors of single exponential steps on the flow: one exprb43 step of
 * each size from the state at time `at` of a run, against dopri5 at
 * rtol 1e-12 over the same interval, in the units of the step's tolerance
 * (scaled RMS norm, rtol 1e-8, atol 1e-10), next to the step's own estimate
 * and its Krylov dimensions. The measurement behind KRYLOV_SHARE
 * (src/dynamics/flow/exprb43.ts) and the estimate/error ratios quoted in
 * src/dynamics/flow/autoControl.ts:
 *
 *   npx tsx tools/flowSteps.ts [--d 1000000] [--mstar 2] [--m 8] [--seed 1] [--at 1000] [--h 5,20,80] [--share 0.1,0.01]
 *
 * The problem is drawn in the span (the bench's d-scaling draw); the state
 * at `at` comes from dopri5 at rtol 1e-11. One JSON line per (h, share).
 */
import { parseArgs } from 'node:util';
import { integrateFlow } from '../src/dynamics/flow/integrateFlow.ts';
import { exprb43Step, exprb43Workspace } from '../src/dynamics/flow/exprb43.ts';
import type { Rhs } from '../src/dynamics/flow/integrators.ts';
import type { MoeParams } from '../src/model/params.ts';
import { sampleReducedProblem } from '../src/model/reducedSampling.ts';
import { populationLossGrad } from '../src/population/quadrature.ts';
import { SeedStreams } from '../src/core/streams.ts';

const { values } = parseArgs({
  options: {
    d: { type: 'string', default: '1000000' }, mstar: { type: 'string', default: '2' }, m: { type: 'string', default: '8' },
    seed: { type: 'string', default: '1' }, at: { type: 'string', default: '1000' }, h: { type: 'string', default: '5,20,80' },
    share: { type: 'string', default: '0.1,0.01' },
  },
});
const [d, mStar, m, seed, at] = [values.d, values.mstar, values.m, values.seed, values.at].map(Number);
const s = new SeedStreams(seed);
const p = sampleReducedProblem(mStar, m, d, s.stream('teacher'), s.stream('student'));
const dim = p.rank, n = 2 * m * dim;
const unpack = (y: Float64Array): MoeParams => ({ routers: { rows: m, cols: dim, data: y.subarray(0, m * dim) }, experts: { rows: m, cols: dim, data: y.subarray(m * dim) } });
const pack = (st: MoeParams) => {
  const y = new Float64Array(n);
  y.set(st.routers.data, 0);
  y.set(st.experts.data, m * dim);
  return y;
};
const f: Rhs = (_t, y, out) => {
  const g = populationLossGrad(p.teacher, unpack(y));
  for (let i = 0; i < m * dim; i++) {
    out[i] = -g.routers.data[i];
    out[m * dim + i] = -g.experts.data[i];
  }
};
const start = integrateFlow(p.teacher, p.student, { time: at, method: 'dopri5', rtol: 1e-11, atol: 1e-13 }).student;
const y0 = pack(start);
const f0 = new Float64Array(n);
f(0, y0, f0);
const [rtol, atol] = [1e-8, 1e-10];
for (const h of values.h.split(',').map(Number)) {
  const exact = pack(integrateFlow(p.teacher, start, { time: h, method: 'dopri5', rtol: 1e-12, atol: 1e-14 }).student);
  for (const share of values.share.split(',').map(Number)) {
    const r = exprb43Step(f, 0, y0, h, f0, new Float64Array(n), rtol, atol, exprb43Workspace(n), share);
    let error = 0;
    for (let i = 0; i < n; i++) error += ((r.y[i] - exact[i]) / (atol + rtol * Math.max(Math.abs(y0[i]), Math.abs(r.y[i])))) ** 2;
    console.log(JSON.stringify({ d, mStar, m, seed, at, h, krylovShare: share, estimate: r.err, error: Math.sqrt(error / n), krylov: r.krylov, evaluations: r.evaluations }));
  }
}
