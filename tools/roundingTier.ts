/**
 * The measurement behind the rounding tier CANCELLING_SUM of src/core/rounding.ts:
 * how far below 0 the exact engine's loss comes out where it is 0 (or ~0) in
 * exact arithmetic, relative to the sum of the magnitudes of its terms, in
 * units of the float64 unit roundoff u.
 *
 *   npx tsx tools/roundingTier.ts          # optima and moved optima (~20 s)
 *   npx tsx tools/roundingTier.ts --flows  # also 16 converged flows, 20 records each (~3 min on an idle core)
 */
import { integrateFlow } from '../src/dynamics/flow/integrateFlow.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { CANCELLING_SUM, UNIT_ROUNDOFF } from '../src/core/rounding.ts';
import type { MoeParams } from '../src/model/params.ts';
import { populationLossTerms } from '../src/population/quadrature.ts';
import { drawConfig } from '../test-support/drawConfig.ts';
import { buildOptimum, buildPentagonOptimum, type OptimumCase } from '../test-support/optimum.ts';

/** Worst -loss / magnitude (in units of u) over a set of (teacher, student) states, and how many there were. */
interface Summary {
  states: number;
  negative: number;
  worst: number;
}

function summarise(states: Iterable<{ teacher: MoeParams; student: MoeParams }>): Summary {
  const out = { states: 0, negative: 0, worst: 0 };
  for (const { teacher, student } of states) {
    const { loss, magnitude } = populationLossTerms(teacher, student);
    out.states++;
    if (loss < 0) {
      out.negative++;
      out.worst = Math.max(out.worst, -loss / magnitude / UNIT_ROUNDOFF);
    }
  }
  return out;
}

/** Optimum cases: m* 1-5, 0-6 cancelling pairs, d 4..10^5, both geometries and pair kinds. */
function* cases(): Generator<OptimumCase> {
  for (let seed = 1; seed <= 400; seed++) {
    const mStar = 1 + (seed % 5);
    const d = [4, 8, 16, 64, 200, 1000, 100000][seed % 7];
    if (d < 2 * mStar) continue;
    for (const pairExperts of ['random', 'teacher'] as const) {
      yield { mStar, d, geometry: seed % 2 ? 'orthonormal' : 'random', seed, pairs: seed % 7, pairExperts };
    }
  }
}

function* optima() {
  for (const c of cases()) for (const build of [buildOptimum, buildPentagonOptimum]) yield build(c);
}

/** Each optimum with every row entry multiplied by 1 + eps U(-1, 1): directions move by ~eps, the true loss is O(eps^2). */
function* movedOptima() {
  for (const c of cases()) {
    if (c.pairExperts !== 'random') continue;
    for (const build of [buildOptimum, buildPentagonOptimum]) {
      const o = build(c);
      const rng = new SeedStreams(`rounding:${c.seed}`).stream('jitter');
      for (const eps of [1e-12, 1e-10, 1e-9]) {
        const move = (a: MoeParams['routers']) => ({ ...a, data: a.data.map((x) => x * (1 + eps * (2 * rng.uniform() - 1))) });
        yield { teacher: o.teacher, student: { routers: move(o.student.routers), experts: move(o.student.experts) } };
      }
    }
  }
}

function print(what: string, s: Summary): void {
  console.log(`${what}: ${s.states} states, ${s.negative} with loss < 0, worst -loss / sum|terms| = ${s.worst.toFixed(2)} u`);
}

print('exact optima', summarise(optima()));
print('optima moved by 1e-12..1e-9', summarise(movedOptima()));
if (process.argv.includes('--flows')) {
  let worst = 0;
  for (const [mStar, m, d, time] of [[2, 4, 64, 800], [3, 9, 200, 600], [2, 6, 32, 800], [1, 3, 16, 600]]) {
    for (let seed = 1; seed <= 4; seed++) {
      const c = drawConfig({ mStar, m, d, geometry: 'orthonormal', seed });
      const r = integrateFlow(c.teacher, c.student, { time, uniformPoints: 20, logPoints: 0 });
      const { magnitude } = populationLossTerms(c.teacher, r.student);
      const lowest = Math.min(...r.records.map((x) => x.loss));
      const ratio = Math.max(0, -lowest) / magnitude / UNIT_ROUNDOFF;
      worst = Math.max(worst, ratio);
      console.log(`flow m* = ${mStar}, m = ${m}, d = ${d}, seed ${seed}, t = ${time}: lowest recorded loss ${lowest.toExponential(2)}, final terms ${magnitude.toFixed(1)}: ${ratio.toFixed(2)} u`);
    }
  }
  console.log(`converged flows: worst ${worst.toFixed(2)} u`);
}
console.log(`tier CANCELLING_SUM = ${(CANCELLING_SUM / UNIT_ROUNDOFF).toFixed(0)} u = ${CANCELLING_SUM.toExponential(2)}`);
