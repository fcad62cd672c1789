/**
 * The pruning rules (src/pipeline/pruning/) on global optima built by
 * construction: the teacher's experts plus cancelling pairs, shuffled and
 * rescaled. There the right decision is known exactly: keep the m* teacher
 * copies, remove every pair, and the loss stays 0. Both rules are visited,
 * and pairs whose experts are aligned with a teacher expert (as surplus
 * students of a real run can be) are visited for cancel-groups.
 */
import { test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { alignments } from '../src/measure/alignment.ts';
import { kernelMatrix } from '../src/population/kernelMatrix.ts';
import { populationLoss } from '../src/population/quadrature.ts';
import { bestAligned } from '../src/pipeline/pruning/bestAligned.ts';
import { cancelGroups } from '../src/pipeline/pruning/cancelGroups.ts';
import type { PruningDecision, PruningRule } from '../src/pipeline/pruning/rule.ts';
import { arbOptimumCase } from '../test-support/arbitraries/arbOptimumCase.ts';
import { byTier, runs } from '../test-support/fcConfig.ts';
import { buildOptimum, type BuiltOptimum } from '../test-support/optimum.ts';
import { selectRows } from '../src/model/selectRows.ts';

/** The scenario defaults (schemas/scenario.schema.json): pruning.cancelTolerance and claims.pruneLossTolerance. */
const CANCEL_TOLERANCE = 1e-6;
const PRUNE_LOSS_TOLERANCE = 1e-8;

async function prune(rule: PruningRule, o: BuiltOptimum): Promise<PruningDecision> {
  return rule.prune({ teacher: o.teacher, student: o.student, kernel: kernelMatrix(o.student), cancelTolerance: CANCEL_TOLERANCE, threshold: 0.9 });
}

/** The checks every rule must pass on an optimum: a partition, the m* teacher copies kept, the function kept. */
function expectKeepsTheTeacher(o: BuiltOptimum, decision: PruningDecision): void {
  const m = o.role.length;
  const seen = [...decision.kept, ...decision.removed.map((r) => r.student)].sort((a, b) => a - b);
  expect(seen, 'kept and removed students partition 0..m-1').toEqual(Array.from({ length: m }, (_, i) => i));
  const mStar = o.teacher.routers.rows;
  expect(decision.kept.map((i) => o.role[i]).sort((a, b) => a - b), 'the kept students are the teacher copies, one per teacher expert').toEqual(Array.from({ length: mStar }, (_, j) => j));
  const after = populationLoss(o.teacher, selectRows(o.student, decision.kept));
  expect(Math.abs(after - populationLoss(o.teacher, o.student)), 'loss change').toBeLessThanOrEqual(PRUNE_LOSS_TOLERANCE);
  // And the kept students are recovered teachers (C4 hands them to fine-tuning).
  const al = alignments(selectRows(o.student, decision.kept), o.teacher);
  decision.kept.forEach((i, k) => expect(al.expert.data[k * mStar + o.role[i]]).toBeGreaterThan(1 - 1e-12));
}

describe('pruning a global optimum (teacher experts plus cancelling pairs, any order and scale, m* <= 6, d in [8, 10^6])', () => {
  const name = 'cancel-groups keeps exactly the teacher copies and the function, also when pair experts are aligned with teacher experts';
  test.prop([arbOptimumCase(byTier(3, 6), { maxMStar: byTier(4, 6) })], runs(6, 40))(name, async (c) => {
    const o = buildOptimum(c);
    const decision = await prune(cancelGroups, o);
    expectKeepsTheTeacher(o, decision);
    // Each pair is removed as a cancelling group that names its partner.
    for (const r of decision.removed) {
      const partner = o.role.findIndex((x, k) => k !== r.student && x === o.role[r.student]);
      expect(r.group, `student ${r.student}: ${r.reason}`).toEqual([partner]);
    }
  });

  test.prop([arbOptimumCase(byTier(3, 6), { maxMStar: byTier(4, 6) }).map((c) => ({ ...c, pairExperts: 'random' as const }))], runs(5, 30))(
    'best-aligned keeps exactly the teacher copies and the function when the pairs are generic (random pair experts)',
    async (c) => {
      const o = buildOptimum(c);
      expectKeepsTheTeacher(o, await prune(bestAligned, o));
    },
  );
});
