import { describe, expect, it } from 'vitest';
import type { TrainingRecord } from '../records.ts';
import { compareWithFlow, flowAt } from './compareWithFlow.ts';

/** A record for 2 students x 1 teacher: student 1 aligns as a(t), student 0 stays at 0.1. */
const rec = (t: number, a: number, r = a / 2): TrainingRecord => ({ t, loss: 1 - a, expert: [[0.1], [a]], router: [[0.1], [r]] });

describe('compareWithFlow', () => {
  it('interpolates the flow linearly between its records', () => {
    const flow = [rec(0, 0), rec(2, 0.8)];
    expect(flowAt(flow, 1).expert[1][0]).toBeCloseTo(0.4, 12);
    expect(flowAt(flow, 5).expert[1][0]).toBeCloseTo(0.8, 12); // held at the end
  });

  it('matches pairs by the flow and takes the largest |SGD - flow| over the common window', () => {
    const flow = [rec(0, 0), rec(1, 0.5), rec(2, 1)];
    const sgd = [rec(0, 0), rec(0.5, 0.1), rec(1, 0.3, 0.2), rec(1.5, 0.9), rec(3, 1)];
    const c = compareWithFlow(sgd, flow);
    expect(c.pairs).toEqual([{ teacher: 0, student: 1 }]);
    expect(c.tMax).toBe(2);
    expect(c.series.map((s) => s.t)).toEqual([0, 0.5, 1, 1.5]); // t = 3 is past the flow's end
    expect(c.gap.expert).toBeCloseTo(0.2, 12); // at t = 1: 0.3 vs 0.5 (t = 0.5: 0.1 vs 0.25; t = 1.5: 0.9 vs 0.75)
    expect(c.gap.router).toBeCloseTo(0.075, 12); // t = 0.5: 0.05 vs 0.125; t = 1: 0.2 vs 0.25; t = 1.5: 0.45 vs 0.375
  });

  it('is zero for identical runs', () => {
    const flow = [rec(0, 0), rec(1, 0.5), rec(2, 1)];
    expect(compareWithFlow(flow, flow).gap).toEqual({ expert: 0, router: 0 });
  });
});
