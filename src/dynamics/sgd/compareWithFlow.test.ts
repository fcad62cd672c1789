import { describe, expect, it } from 'vitest';
import type { TrainingRecord } from '../records.ts';
import { compareWithFlow, flowAt } from './compareWithFlow.ts';

/** A record for 2 students x 1 teacher: student 1 aligns as a(t) (router a/2), student 0 stays at b. */
const rec = (t: number, a: number, r = a / 2, b = 0.1): TrainingRecord => ({ t, loss: 1 - a, expert: [[b], [a]], router: [[b], [r]] });

describe('compareWithFlow', () => {
  it('interpolates the flow linearly between its records', () => {
    const flow = [rec(0, 0), rec(2, 0.8)];
    expect(flowAt(flow, 1).expert[1][0]).toBeCloseTo(0.4, 12);
    expect(flowAt(flow, 5).expert[1][0]).toBeCloseTo(0.8, 12); // held at the end
  });

  it('pairs by the flow and takes the largest |SGD - flow| over the common window', () => {
    const flow = [rec(0, 0), rec(1, 0.5), rec(2, 1)];
    const sgd = [rec(0, 0), rec(0.5, 0.1), rec(1, 0.3, 0.2), rec(1.5, 0.9), rec(3, 1)];
    const c = compareWithFlow(sgd, flow);
    expect(c.pairs).toEqual([{ teacher: 0, student: 1 }]);
    expect(c.tMax).toBe(2);
    expect(c.series.map((s) => s.t)).toEqual([0, 0.5, 1, 1.5]); // t = 3 is past the flow's end
    expect(c.gap.expert).toBeCloseTo(0.2, 12); // at t = 1: 0.3 vs 0.5 (t = 0.5: 0.1 vs 0.25; t = 1.5: 0.9 vs 0.75)
    expect(c.gap.router).toBeCloseTo(0.075, 12); // t = 0.5: 0.05 vs 0.125; t = 1: 0.2 vs 0.25; t = 1.5: 0.45 vs 0.375
  });

  it('tells a different winner (fixed-pair gap ~1) from a different curve (matched gap small)', () => {
    // Flow: student 1 learns the teacher. SGD: student 0 learns it along the same curve, student 1 stays put.
    const flow = [rec(0, 0), rec(1, 0.5), rec(2, 1)];
    const swap = (r: TrainingRecord): TrainingRecord => ({ ...r, expert: [r.expert[1], r.expert[0]], router: [r.router[1], r.router[0]] });
    const sgd = flow.map((r) => swap({ ...r, expert: [[0], r.expert[1]], router: [[0], r.router[1]] }));
    const c = compareWithFlow(sgd, flow);
    expect(c.gap.expert).toBeCloseTo(1, 12);
    expect(c.matchedGap.expert).toBeCloseTo(0.1, 12); // t = 0: 0 vs 0.1 (the flow's idle student sits at 0.1); equal from t = 1 on
    expect(c.matchedGap.router).toBeCloseTo(0.1, 12);
  });

  it('is zero for identical runs', () => {
    const flow = [rec(0, 0), rec(1, 0.5), rec(2, 1)];
    const c = compareWithFlow(flow, flow);
    expect(c.gap).toEqual({ expert: 0, router: 0 });
    expect(c.matchedGap).toEqual({ expert: 0, router: 0 });
  });
});
