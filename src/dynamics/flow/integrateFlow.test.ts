import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.ts';
import { norm, row } from '../../core/mat.ts';
import type { MoeParams } from '../../model/params.ts';
import { sampleReducedProblem } from '../../model/reducedSampling.ts';
import { SeedStreams } from '../../core/streams.ts';
import { EXACT, TOLERANCE, maxAbsDiff } from '../../../test-support/tolerance.ts';
import { integrateFlow, type FlowOptions, type FlowResult } from './integrateFlow.ts';

/** The fixed set of seeds the integrators are compared on (m* = 1, m = 2, d = 8: a 6-dimensional span). */
const SEEDS = [1, 2, 3];

function problem(seed: number): { teacher: MoeParams; student: MoeParams } {
  const s = new SeedStreams(seed);
  return sampleReducedProblem(1, 2, 8, s.stream('teacher'), s.stream('student'));
}

/** Largest difference of the router and expert alignment matrices over records at the same times. */
function alignmentGap(a: FlowResult, b: FlowResult): number {
  expect(a.records.map((r) => r.t)).toEqual(b.records.map((r) => r.t));
  let gap = 0;
  a.records.forEach((r, i) => {
    gap = Math.max(gap, maxAbsDiff(r.expert.flat(), b.records[i].expert.flat()), maxAbsDiff(r.router.flat(), b.records[i].router.flat()));
  });
  return gap;
}

const GRID: FlowOptions = { time: 1.5, uniformPoints: 4, logPoints: 0 };
/**
 * The adaptive runs record densely (every 0.1), a superset of the reference's times, at the
 * tolerances the global-error tiers were measured at (rtol 1e-8, atol 1e-10).
 */
const DENSE: FlowOptions = { time: 1.5, uniformPoints: 16, logPoints: 0, rtol: 1e-8, atol: 1e-10 };

/** The records of `r` at the times of `ref`. */
function at(r: FlowResult, ref: FlowResult): FlowResult {
  return { ...r, records: ref.records.map((x) => r.records.find((y) => Math.abs(y.t - x.t) < 1e-12)!) };
}

describe('integrateFlow: integrators against the rk4 reference, and properties of a gradient flow', () => {
  it.each(SEEDS)('seed %i: auto, dopri5, exprb43 and rkc at rtol 1e-8 match rk4 (step 4e-3) at t = 0, 0.5, 1, 1.5; loss non-increasing step by step; rows stay unit', (seed) => {
    const { teacher, student } = problem(seed);
    const ref = integrateFlow(teacher, student, { ...GRID, method: 'rk4', step: 4e-3 });
    expect(ref.records).toHaveLength(4);
    // The flow moved: the comparison is not between three copies of the start.
    expect(ref.records[0].loss - ref.records[3].loss).toBeGreaterThan(0.1);
    for (const method of ['auto', 'dopri5', 'exprb43', 'rkc'] as const) {
      // The loss after every accepted step, not only at the records.
      const losses: { t: number; loss: number }[] = [];
      const r = integrateFlow(teacher, student, { ...DENSE, method, onProgress: (t, _T, loss) => losses.push({ t, loss }) });
      const tier = { auto: EXACT.integratorDopri5, dopri5: EXACT.integratorDopri5, exprb43: EXACT.integratorExprb43, rkc: EXACT.integratorRkc }[method];
      expect(alignmentGap(at(r, ref), ref), method).toBeLessThanOrEqual(tier);
      expect(r.records.length).toBeGreaterThanOrEqual(16);
      expect(losses.length).toBe(r.steps);
      for (let i = 1; i < losses.length; i++) {
        const prev = losses[i - 1].loss;
        expect(losses[i].loss, `${method}: loss at t = ${losses[i].t}`).toBeLessThanOrEqual(prev + TOLERANCE.float64.reorder * Math.max(1, prev));
      }
      expect(r.normDrift, method).toBeLessThanOrEqual(EXACT.normDrift);
      for (const m of [r.student.routers, r.student.experts]) for (let i = 0; i < m.rows; i++) expect(Math.abs(norm(row(m, i)) - 1)).toBeLessThan(1e-15);
      // The reported final loss is the loss of the (renormalised) final student.
      expect(Math.abs(r.loss - r.records[r.records.length - 1].loss)).toBeLessThanOrEqual(TOLERANCE.float64.reorder);
    }
  });
});

describe('integrateFlow: event times', () => {
  it.each([1, 2])('seed %i: threshold crossings at the default tolerances are within 1e-5 relative of dopri5 at rtol 1e-12 (m* = 2, m = 4, d = 16)', (seed) => {
    // Measured <= 5.7e-7 (4 events each, seeds 1 and 2). Crossings are found on each step's Hermite dense output; the straight line
    // between step ends (what an SGD record allows) is off by ~h^2 times the alignment's curvature.
    const s = new SeedStreams(seed);
    const { teacher, student } = sampleReducedProblem(2, 4, 16, s.stream('teacher'), s.stream('student'));
    const ref = integrateFlow(teacher, student, { time: 60, method: 'dopri5', rtol: 1e-12, atol: 1e-14, stopWhenRecovered: true });
    const r = integrateFlow(teacher, student, { time: 60, stopWhenRecovered: true });
    expect(ref.events).toHaveLength(4);
    expect(r.events.map((e) => [e.teacher, e.kind, e.student])).toEqual(ref.events.map((e) => [e.teacher, e.kind, e.student]));
    r.events.forEach((e, i) => expect(Math.abs(e.t - ref.events[i].t) / ref.events[i].t, `${e.kind} of teacher ${e.teacher}`).toBeLessThanOrEqual(1e-5));
  });
});

describe('integrateFlow: behaviour', () => {
  it('does not move a student that is the teacher (zero gradient), and the loss stays 0', () => {
    const { teacher } = problem(3);
    const r = integrateFlow(teacher, teacher, { ...GRID, time: 5 });
    expect(Math.abs(r.loss)).toBeLessThanOrEqual(TOLERANCE.float64.exactZero);
    expect(maxAbsDiff(r.student.routers.data, teacher.routers.data)).toBeLessThan(1e-13);
    expect(maxAbsDiff(r.student.experts.data, teacher.experts.data)).toBeLessThan(1e-13);
  });

  it('is deterministic: the same input gives bit-identical records', () => {
    const { teacher, student } = problem(1);
    const a = integrateFlow(teacher, student, GRID);
    const b = integrateFlow(teacher, student, GRID);
    expect(b.records).toEqual(a.records);
    expect(b.events).toEqual(a.events);
    expect(Array.from(b.student.routers.data)).toEqual(Array.from(a.student.routers.data));
  });

  it('stops at a target loss, and counts steps and gradient evaluations', () => {
    const { teacher, student } = problem(1);
    const r = integrateFlow(teacher, student, { time: 50, targetLoss: 1.5 });
    expect(r.stoppedBy).toBe('target-loss');
    expect(r.loss).toBeLessThanOrEqual(1.5);
    expect(r.t).toBeLessThan(50);
    expect(r.gradientEvaluations).toBeGreaterThanOrEqual(6 * r.steps);
  });

  it('stops once every teacher\'s expert has passed, with the events of the run that goes on', () => {
    const s = new SeedStreams(1);
    const { teacher, student } = sampleReducedProblem(2, 4, 16, s.stream('teacher'), s.stream('student'));
    const full = integrateFlow(teacher, student, { time: 60, stopWhenRecovered: true });
    const r = integrateFlow(teacher, student, { time: 60, stopWhenExpertsPassed: true });
    const experts = full.events.filter((e) => e.kind === 'expert');
    expect(experts).toHaveLength(2);
    expect(r.stoppedBy).toBe('experts-passed');
    // The last expert event is found on the step it falls in; the run stops at that step's end.
    expect(r.events.filter((e) => e.kind === 'expert')).toEqual(experts);
    expect(r.t).toBeGreaterThanOrEqual(experts[1].t);
    expect(r.t).toBeLessThan(full.t);
  });

  it('rejects bad options with an InputError naming the option', () => {
    const { teacher, student } = problem(1);
    expect(() => integrateFlow(teacher, student, { time: 0 })).toThrow(InputError);
    expect(() => integrateFlow(teacher, student, { time: Number.NaN })).toThrow(/flow\.time: must be a finite number > 0/);
    expect(() => integrateFlow(teacher, student, { time: 1, method: 'euler' as never })).toThrow(/flow\.method: unknown method 'euler'; use one of auto, dopri5, exprb43, rkc, rk4/);
    expect(() => integrateFlow(teacher, student, { time: 1, rtol: -1 })).toThrow(/flow\.rtol: must be > 0/);
  });
});
