/**
 * The tolerance study behind the flow's default tolerances: how far event
 * times and alignments move from a tight reference (dopri5 at rtol 1e-11,
 * atol 1e-13), and at what cost, for each integrator and tolerance.
 *
 *   npx tsx tools/flowTolerance.ts [--methods auto,dopri5] [--rtols 1e-8,1e-7,3e-7]
 *        [--d 100,10000,1000000] [--figure] [--seed 1]
 *
 * Problems: m* = 2, m = 8 drawn in the span for each d (seed `seed`, the
 * bench's d-scaling draw), run until every teacher is recovered (horizon
 * 40 sqrt(d)); with --figure also the figure1 scenario's draw (m* = 5,
 * m = 25, d = 1000, seed 1) run to its horizon t = 60. atol = rtol / 100.
 * One JSON line per run: evaluations, seconds, steps, the largest relative
 * error of an event time (threshold 0.9 crossings, matched by teacher, kind
 * and student) and, for the figure, the largest alignment difference at the
 * records.
 */
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { integrateFlow, type FlowMethod, type FlowOptions, type FlowResult } from '../src/dynamics/flow/integrateFlow.ts';
import { integrateReducedFlow } from '../src/dynamics/flow/reducedFlow.ts';
import type { MoeParams } from '../src/model/params.ts';
import { sampleReducedProblem } from '../src/model/reducedSampling.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { buildProblem } from '../src/pipeline/problem.ts';
import { loadScenario } from '../src/scenario/loadScenario.ts';
import { runDifferences } from '../test-support/runDifferences.ts';

const { values } = parseArgs({
  options: {
    methods: { type: 'string', default: 'auto,dopri5' },
    rtols: { type: 'string', default: '1e-8,1e-7,3e-7' },
    d: { type: 'string', default: '100,10000,1000000' },
    figure: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});
const methods = values.methods.split(',') as FlowMethod[];
const rtols = values.rtols.split(',').map(Number);
const seed = Number(values.seed);

interface Case {
  name: string;
  run: (o: Partial<FlowOptions>) => FlowResult;
}

function dScalingCase(d: number): Case {
  const s = new SeedStreams(seed);
  const p = sampleReducedProblem(2, 8, d, s.stream('teacher'), s.stream('student'));
  return { name: `m*=2 m=8 d=${d} to recovery`, run: (o) => integrateFlow(p.teacher, p.student, { time: 40 * Math.sqrt(d), stopWhenRecovered: true, ...o }) };
}

function figureCase(): Case {
  const s = loadScenario('scenarios/figure1.yaml').scenario;
  const p = buildProblem(s, new SeedStreams(s.seed), false);
  return { name: 'figure1 m*=5 m=25 d=1000 to t=60', run: (o) => integrateReducedFlow(p.teacher as MoeParams, p.student as MoeParams, { time: 60, ...o }) };
}

const cases = [...values.d.split(',').map(Number).map(dScalingCase), ...(values.figure ? [figureCase()] : [])];
for (const c of cases) {
  const ref = c.run({ method: 'dopri5', rtol: 1e-11, atol: 1e-13 });
  console.log(JSON.stringify({ case: c.name, reference: 'dopri5 rtol 1e-11', evaluations: ref.gradientEvaluations, events: ref.events.map((e) => [e.teacher, e.kind, e.t]) }));
  for (const method of methods) {
    for (const rtol of rtols) {
      const t0 = performance.now();
      const r = c.run({ method, rtol, atol: rtol / 100 });
      const seconds = (performance.now() - t0) / 1000;
      console.log(JSON.stringify({
        case: c.name, method, rtol, evaluations: r.gradientEvaluations, seconds: Number(seconds.toFixed(2)), steps: r.steps,
        ...runDifferences(r, ref), autoStats: r.autoStats, load1min: loadavg()[0],
      }));
    }
  }
}
