import { describe, expect, test } from 'vitest';
import { fitRate } from './fitRate.ts';

const rec = (t: number, loss: number) => ({ t, loss, router: [], expert: [] });

describe('fitRate', () => {
  test('recovers the rate of an exponential tail after a transient', () => {
    const records = [rec(0, 1), rec(1, 0.5), ...Array.from({ length: 20 }, (_, k) => rec(10 + k, 1e-3 * Math.exp(-0.5 * k)))];
    const r = fitRate(records, 1e-12)!;
    expect(r.perTime).toBeCloseTo(0.5, 10);
    expect(r.r2).toBeGreaterThan(0.999);
  });

  test('a run that starts near its target (loss 1e-10) is fitted on all its records above the floor', () => {
    const records = Array.from({ length: 8 }, (_, k) => rec(k, 1e-10 * Math.exp(-0.7 * k)));
    const r = fitRate(records, 1e-12)!;
    expect(r.perTime).toBeCloseTo(0.7, 10);
    // Only the last record (7.4e-13) is below 1e-2 of the start; all 8 are above the floor 1e-13.
    expect(r.points).toBe(8);
  });

  test('too few records gives no rate', () => {
    expect(fitRate([rec(0, 1), rec(1, 1e-13)], 1e-12)).toBeUndefined();
  });
});
