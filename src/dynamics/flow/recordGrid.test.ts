import { describe, expect, it } from 'vitest';
import { recordGrid } from './recordGrid.ts';

describe('recordGrid', () => {
  it('merges a uniform grid (0 and T included) with a log grid, sorted and without duplicates', () => {
    const g = recordGrid(100, 11, 5);
    expect(g[0]).toBe(0);
    expect(g[g.length - 1]).toBe(100);
    for (let i = 1; i < g.length; i++) expect(g[i]).toBeGreaterThan(g[i - 1]);
    for (let k = 0; k <= 10; k++) expect(g).toContain(10 * k);
    // Log points from min(T 1e-4, 0.01) = 0.01 to T: 0.01, 0.1, 1, 10, 100.
    for (const t of [0.01, 0.1, 1]) expect(g.some((x) => Math.abs(x - t) < 1e-12 * t)).toBe(true);
    expect(g).toHaveLength(11 + 3);
  });

  it('starts the log grid at T * 1e-4 for short horizons', () => {
    const g = recordGrid(1, 2, 3);
    expect(g[1]).toBeCloseTo(1e-4, 18);
    expect(g).toHaveLength(4);
  });
});
