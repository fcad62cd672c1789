/**
 * The loss-engine contracts (test-support/contracts.ts) quantified over the
 * suite's configuration space, for every engine that computes the loss:
 * quadrature (the exact engine), Monte Carlo, the float64 batch core that
 * SGD is checked against, and tfjs (float32, the SGD step's numerics) on
 * both of its backends. The unit tests beside each engine check the same
 * contracts on tiny fixed sizes; here m* runs to 6, m/m* to 8, d to 10^6,
 * with both teacher geometries and near-degenerate students.
 */
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { selectBackend } from '../src/dynamics/sgd/selectBackend.ts';
import { SeedStreams } from '../src/core/streams.ts';
import { assertLossContracts, type LossEngine } from '../test-support/contracts.ts';
import { engineOf } from '../test-support/engines/engines.ts';
import { float64BatchEngine } from '../test-support/engines/float64BatchEngine.ts';
import { tfjsBatchEngine } from '../test-support/engines/tfjsBatchEngine.ts';
import { TOLERANCE } from '../test-support/tolerance.ts';
import { arbEngineCase } from '../test-support/arbitraries/arbEngineCase.ts';
import { arbOptimumCase } from '../test-support/arbitraries/arbOptimumCase.ts';
import { byTier, runs } from '../test-support/fcConfig.ts';
import { engineProblem } from '../test-support/engineProblem.ts';
import { buildOptimum, buildPentagonOptimum, PENTAGON_ROLE } from '../test-support/optimum.ts';
import { alignments } from '../src/measure/alignment.ts';
import type { MoeParams } from '../src/model/params.ts';
import { selectRows } from '../src/model/selectRows.ts';

/** Engines and the sizes they are exercised at (Monte Carlo and the batch engines cost ~m per sample). */
const ENGINES: { engine: () => LossEngine; maxM: number; quick: number; deep: number }[] = [
  { engine: () => engineOf('quadrature'), maxM: byTier(16, 54), quick: 5, deep: 40 },
  { engine: () => engineOf('quadrature', { kernel: 'gauss-hermite', nodes: 24 }), maxM: byTier(8, 54), quick: 3, deep: 25 },
  { engine: () => engineOf('monte-carlo', { samples: 4000, seed: 1 }), maxM: byTier(8, 24), quick: 4, deep: 25 },
  { engine: () => float64BatchEngine(256, 1), maxM: byTier(16, 54), quick: 5, deep: 40 },
];

describe('loss engines meet the contracts on random configurations (m* <= 6, m/m* <= 8 up to an m cap per engine, d in [8, 10^6], both geometries, generic and near-degenerate students)', () => {
  for (const { engine, maxM, quick, deep } of ENGINES) {
    const name = engine().name;
    test.prop([arbEngineCase({ maxM })], runs(quick, deep))(`${name}, m <= ${maxM}: L >= 0, zero at the teacher, invariant under permutation and scale, gradient tangent, deterministic`, (c) => {
      const p = engineProblem(c);
      assertLossContracts(engine(), p.teacher, p.student, new SeedStreams(c.seed).stream('contracts'));
    });
  }

  describe.each(['cpu', 'wasm'] as const)('tfjs on the %s backend', (backend) => {
    beforeAll(async () => {
      await selectBackend(backend);
    });
    test.prop([arbEngineCase({ maxM: byTier(12, 54) })], runs(4, 30))(`tfjs batch, m <= ${byTier(12, 54)}: the same contracts in float32`, (c) => {
      const p = engineProblem(c);
      assertLossContracts(tfjsBatchEngine(256, 1), p.teacher, p.student, new SeedStreams(c.seed).stream('contracts'));
    });
  });
});

describe('every engine is zero, with zero gradient, at the teacher plus cancelling pairs (any order, any scale, pairs random or aligned with teacher experts)', () => {
  const engines: LossEngine[] = [
    engineOf('quadrature'), engineOf('quadrature', { kernel: 'gauss-hermite', nodes: 24 }), engineOf('monte-carlo', { samples: 2000, seed: 2 }),
    float64BatchEngine(128, 2),
  ];
  beforeAll(async () => {
    await selectBackend('wasm');
    engines.push(tfjsBatchEngine(128, 2));
  });
  test.prop([arbOptimumCase(byTier(3, 6), { maxMStar: byTier(4, 6) })], runs(6, 40))('loss and gradient vanish within the rounding tier of each engine', (c) => {
    const { teacher, student } = buildOptimum(c);
    expectOptimum(engines, teacher, student);
  });

  test.prop([arbOptimumCase(byTier(2, 4), { maxMStar: byTier(3, 6) })], runs(5, 30))(
    'and at a pentagon group: teacher expert 0 represented by four students sharing its router, experts at +-36 and +-108 degrees from it ' +
      '(none aligned above cos 36 deg = 0.809), the zero-loss state behind C1 failures',
    (c) => {
      const { teacher, student, role } = buildPentagonOptimum(c);
      const al = alignments(student, teacher);
      const members = role.map((r, i) => (r === PENTAGON_ROLE ? i : -1)).filter((i) => i >= 0);
      const best = Math.max(...members.map((i) => al.expert.data[i * teacher.experts.rows]));
      expect(best, 'best pentagon member alignment with w*_0').toBeCloseTo(Math.cos(Math.PI / 5), 12);
      expectOptimum(engines, teacher, student);
      // Power: without one member the group no longer represents the teacher expert.
      const keep = role.map((_, k) => k).filter((k) => k !== members[0]);
      expect(engineOf('quadrature').loss(teacher, selectRows(student, keep)).value).toBeGreaterThan(1e6 * TOLERANCE.float64.exactZero);
    },
  );

  test.prop([arbOptimumCase(3, { maxMStar: 3 }, 1)], runs(4, 20))('and not once one member of a pair is dropped (the check has power)', (c) => {
    const { teacher, student, role } = buildOptimum(c);
    const lone = role.findIndex((r) => r < 0);
    const keep = role.map((_, k) => k).filter((k) => k !== lone);
    const loss = engineOf('quadrature').loss(teacher, selectRows(student, keep)).value;
    // The loss is then E[f_i^2] / 2 for the lone partner i: far above any rounding tier.
    expect(loss).toBeGreaterThan(1e6 * TOLERANCE.float64.exactZero);
  });
});

/** Every engine gives (teacher, student) zero loss and zero gradient, within its precision's rounding tiers. */
function expectOptimum(engines: readonly LossEngine[], teacher: MoeParams, student: MoeParams): void {
  for (const engine of engines) {
    const tol = TOLERANCE[engine.precision];
    expect(Math.abs(engine.loss(teacher, student).value), `${engine.name}: loss`).toBeLessThanOrEqual(tol.exactZero);
    if (!engine.gradient) continue;
    const g = engine.gradient(teacher, student);
    let worst = 0;
    for (const x of [...g.routers.data, ...g.experts.data]) worst = Math.max(worst, Math.abs(x));
    expect(worst, `${engine.name}: largest gradient entry`).toBeLessThanOrEqual(tol.orthogonality);
  }
}
