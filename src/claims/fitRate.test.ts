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

  test('the tail is cut on each side of its two thresholds: 1e-2 of the initial loss, and max(target, 1e-14) / 10', () => {
    const target = 1e-12;
    const floor = target / 10;
    // Initial loss 1; then 1.01e-2 (just above the 1e-2 cut: out), 0.99e-2 (in), a decay, 1.01 floor (in), 0.99 floor (out).
    const tail = [0.99e-2, 1e-4, 1e-6, 1e-8, 1e-10, 1.01 * floor];
    const records = [rec(0, 1), rec(1, 1.01e-2), ...tail.map((l, k) => rec(2 + k, l)), rec(9, 0.99 * floor)];
    expect(fitRate(records, target)!.points).toBe(tail.length);
    // A target below 1e-13 does not lower the floor beneath 1e-15: rounding dominates there.
    expect(fitRate([...records, rec(10, 2e-15), rec(11, 0.5e-15)], 1e-20)!.points).toBe(tail.length + 2);
  });
});
