/**
 * The gradient flow (src/dynamics/flow/integrateFlow.ts, reducedFlow.ts) over random
 * configurations and every adaptive integrator: the loss never increases,
 * the span-reduced flow is the full-d flow, the optimum does not move, and
 * the same input gives the same trajectory bit for bit.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { integrateFlow } from '../src/dynamics/flow/integrateFlow.ts';
import { normalizeRows, type Mat } from '../src/core/mat.ts';
import { arbMoeConfig } from '../test-support/arbitraries/arbMoeConfig.ts';
import { integrateReducedFlow } from '../src/dynamics/flow/reducedFlow.ts';
import { alignments } from '../src/measure/alignment.ts';
import { EXACT, TOLERANCE, maxAbsDiff } from '../test-support/tolerance.ts';
import { ADAPTIVE_METHODS, arbFlowCase } from '../test-support/arbitraries/arbFlowCase.ts';
import { arbOptimumCase } from '../test-support/arbitraries/arbOptimumCase.ts';
import { byTier, runs } from '../test-support/fcConfig.ts';
import { drawConfig } from '../test-support/drawConfig.ts';
import { globalErrorTier, reducedFlowTier, tightInReducedFlow } from '../test-support/tiers.ts';
import { buildOptimum } from '../test-support/optimum.ts';

describe('gradient flow on random configurations (auto, dopri5, exprb43 and rkc, both geometries)', () => {
  test.prop([arbFlowCase({ maxMStar: byTier(3, 6), maxRatio: byTier(4, 8), maxM: byTier(9, 16) }, 1, byTier(4, 8))], runs(4, 20))(
    `the loss never increases from one record to the next (m* <= ${byTier(3, 6)}, m <= ${byTier(9, 16)}, d in [8, 10^6], T <= ${byTier(4, 8)})`,
    (c) => {
      const p = drawConfig(c, true);
      const r = integrateReducedFlow(p.teacher, p.student, { time: c.time, method: c.method, uniformPoints: 40, logPoints: 20 });
      expect(r.records.length).toBeGreaterThan(30);
      for (let i = 1; i < r.records.length; i++) {
        const prev = r.records[i - 1].loss;
        expect(r.records[i].loss, `t = ${r.records[i].t}`).toBeLessThanOrEqual(prev + TOLERANCE.float64.reorder * Math.max(1, prev));
      }
      // The property has power only if the flow moved.
      expect(r.records[0].loss - r.loss).toBeGreaterThan(0);
    },
  );

  test.prop([arbFlowCase({ maxMStar: 2, maxRatio: 3, maxM: byTier(3, 4), maxD: byTier(16, 40) }, 0.5, byTier(1, 2))], runs(3, 15))(
    `the reduced-span flow equals the full-d flow (auto, dopri5, exprb43 at tolerances 1e-11: within 1e-9; rkc at its defaults: within its global-error tier; m* <= 2, m <= ${byTier(3, 4)}, d <= ${byTier(16, 40)})`,
    (c) => {
      const p = drawConfig(c, true);
      const opts = { time: c.time, method: c.method, uniformPoints: 3, logPoints: 0, ...(tightInReducedFlow(c.method) ? { rtol: 1e-11, atol: 1e-13 } : {}) };
      const full = integrateFlow(p.teacher, p.student, opts);
      const reduced = integrateReducedFlow(p.teacher, p.student, opts);
      const tol = reducedFlowTier(c.method);
      const a = alignments(full.student, p.teacher);
      const b = alignments(reduced.student, p.teacher);
      expect(maxAbsDiff(a.router.data, b.router.data)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(a.expert.data, b.expert.data)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(full.student.experts.data, reduced.student.experts.data)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(full.student.routers.data, reduced.student.routers.data)).toBeLessThanOrEqual(tol);
    },
  );

  test.prop([arbFlowCase({ maxMStar: 2, maxRatio: 3, maxM: byTier(4, 6) }, 0.5, byTier(1, 2))], runs(3, 15))('the same input gives bit-identical records, events and final student', (c) => {
    const p = drawConfig(c, true);
    const opts = { time: c.time, method: c.method, uniformPoints: 10, logPoints: 5 };
    const a = integrateReducedFlow(p.teacher, p.student, opts);
    const b = integrateReducedFlow(p.teacher, p.student, opts);
    expect(b.records).toEqual(a.records);
    expect(b.events).toEqual(a.events);
    expect(Array.from(b.student.experts.data)).toEqual(Array.from(a.student.experts.data));
  });

  test.prop([arbMoeConfig({ maxMStar: 3, maxRatio: 1, maxD: 64 }), fc.constantFrom(...ADAPTIVE_METHODS)], runs(3, 12))(
    'a run stopped at a target loss (fine-tuning, 1e-12) returns a loss at or below it: the stop and the reported loss agree',
    (c, method) => {
      const p = drawConfig(c);
      // A student near the teacher (as after pruning): each row the teacher's plus 0.1 of a random row.
      const near = (t: Mat, r: Mat): Mat => normalizeRows({ ...t, data: t.data.map((x, k) => x + 0.1 * r.data[k]) });
      const student = { routers: near(p.teacher.routers, p.student.routers), experts: near(p.teacher.experts, p.student.experts) };
      const r = integrateFlow(p.teacher, student, { time: 400, method, targetLoss: 1e-12, rtol: 1e-10, atol: 1e-13, uniformPoints: 20, logPoints: 20 });
      expect(r.stoppedBy, `stopped at t = ${r.t}, loss ${r.loss}`).toBe('target-loss');
      expect(r.loss).toBeLessThanOrEqual(1e-12);
    },
  );

  test.prop([arbOptimumCase(2, { maxMStar: 3 }, 1), fc.constantFrom(...ADAPTIVE_METHODS)], runs(3, 15))(
    'a global optimum (teacher plus cancelling pairs) keeps zero loss and moves no more than the integrator\'s global-error tier',
    (c, method) => {
      const { teacher, student } = buildOptimum(c);
      const r = integrateReducedFlow(teacher, student, { time: 2, method, uniformPoints: 5, logPoints: 0 });
      // Not the exactZero tier: once the flow has moved the rows by rounding, the two members of a pair
      // are no longer bit-identical and their terms cancel only to the rounding of the sum (the reorder
      // tier); measured 1.07e-14 at m* = 1 with two pairs in d = 8.
      expect(Math.abs(r.loss)).toBeLessThanOrEqual(TOLERANCE.float64.reorder);
      // The gradient vanishes to rounding, but an explicit integrator taking the long steps its error control
      // allows at a rest point amplifies rounding up to its tolerance (measured 3e-9 for dopri5 at rtol 1e-8):
      // the bound is the integrator's global error, not zero.
      const tol = globalErrorTier(method);
      const before = alignments(student, teacher);
      const after = alignments(r.student, teacher);
      expect(maxAbsDiff(before.expert.data, after.expert.data)).toBeLessThanOrEqual(tol);
      expect(maxAbsDiff(before.router.data, after.router.data)).toBeLessThanOrEqual(tol);
    },
  );
});
