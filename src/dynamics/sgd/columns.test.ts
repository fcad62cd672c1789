import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows, normalizeRows } from '../../core/mat.ts';
import { fromColumns, toColumns } from './columns.ts';

describe('toColumns / fromColumns', () => {
  it('lays out unit rows as columns [routers | experts] and back, to float32 rounding', () => {
    const arb = fc.record({ d: fc.integer({ min: 2, max: 6 }), k: fc.integer({ min: 1, max: 4 }) }).chain(({ d, k }) => {
      const row = fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: d, maxLength: d });
      const rows = fc.array(row, { minLength: k, maxLength: k });
      return fc.record({ d: fc.constant(d), k: fc.constant(k), routers: rows, experts: rows });
    });
    fc.assert(
      fc.property(arb, ({ d, k, routers, experts }) => {
        const p = { routers: fromRows(routers), experts: fromRows(experts) };
        const cols = toColumns(p);
        expect(cols.length).toBe(d * 2 * k);
        // Column k + i holds expert i: spot-check one entry against the float64 normalisation.
        const unitExperts = normalizeRows(p.experts);
        expect(cols[(d - 1) * 2 * k + k + (k - 1)]).toBeCloseTo(unitExperts.data[(k - 1) * d + d - 1], 6);
        const back = fromColumns(cols, d, k);
        const unitRouters = normalizeRows(p.routers);
        for (let n = 0; n < d * k; n++) {
          expect(Math.abs(back.routers.data[n] - unitRouters.data[n])).toBeLessThan(1e-7);
          expect(Math.abs(back.experts.data[n] - unitExperts.data[n])).toBeLessThan(1e-7);
        }
      }),
      { numRuns: 50 },
    );
  });
});
