import { describe, expect, test } from 'vitest';
import { SeedStreams } from '../core/streams.ts';
import { linearFit } from './linearFit.ts';

describe('linearFit', () => {
  test('r^2 never exceeds 1, also on points exactly on a line (two-point fits of ln T on ln d, exact exponentials)', () => {
    const rng = new SeedStreams('linear-fit').stream('lines');
    let above = 0;
    for (let k = 0; k < 400; k++) {
      // Two points as C6 fits them over a sweep of two d values (ln d, ln T) ...
      const two = linearFit([Math.log(100 * (1 + 10 * rng.uniform())), Math.log(1e4 * (1 + 10 * rng.uniform()))], [Math.log(1 + 20 * rng.uniform()), Math.log(1 + 500 * rng.uniform())]);
      // ... and 4-23 points on an exact line (a fine-tuning tail that is exactly exponential).
      const a = 10 * rng.uniform() - 5, b = 3 * rng.uniform() - 1.5;
      const xs = Array.from({ length: 4 + (k % 20) }, (_, i) => 0.37 * i + rng.uniform());
      const line = linearFit(xs, xs.map((t) => a + b * t));
      for (const f of [two, line]) if (!(f.r2 <= 1)) above++;
      expect(line.slope).toBeCloseTo(b, 10);
      expect(two.r2).toBeGreaterThan(1 - 1e-12);
      expect(line.r2).toBeGreaterThan(1 - 1e-12);
    }
    expect(above, 'fits with r^2 > 1').toBe(0);
  });

  test('r^2 of scattered points is 1 - SS_res / SS_tot, and 1 when every y is equal', () => {
    // y = 1 + x with residuals +1, -1, -1, +1 about the fitted line (slope 1, intercept 1).
    const f = linearFit([0, 1, 2, 3], [2, 1, 2, 5]);
    expect(f.slope).toBeCloseTo(1, 12);
    expect(f.intercept).toBeCloseTo(1, 12);
    // SS_tot = sum (y - 2.5)^2 = 9, SS_res = 4.
    expect(f.r2).toBeCloseTo(1 - 4 / 9, 12);
    expect(linearFit([0, 1, 2], [3, 3, 3]).r2).toBe(1);
  });
});
