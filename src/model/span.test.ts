import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedStreams } from '../core/streams.ts';
import { fromRows, overlaps, zeros } from '../core/mat.ts';
import { spanCoordinates } from './span.ts';
import { uniformSphereRows } from './teacher.ts';

describe('spanCoordinates', () => {
  it('returns an orthonormal basis and coordinates that reproduce every row (to 1e-14)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer(), (d, n1, n2, seed) => {
        const rng = new SeedStreams(seed).stream('rows');
        const mats = [uniformSphereRows(n1, d, rng), uniformSphereRows(n2, d, rng)];
        const { basis, coords } = spanCoordinates(mats);
        expect(basis.rows).toBe(Math.min(d, n1 + n2));
        const g = overlaps(basis, basis);
        for (let i = 0; i < g.rows; i++) for (let j = 0; j < g.cols; j++) expect(Math.abs(g.data[i * g.cols + j] - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-14);
        mats.forEach((m, t) => {
          for (let i = 0; i < m.rows; i++) {
            for (let k = 0; k < d; k++) {
              let v = 0;
              for (let j = 0; j < basis.rows; j++) v += coords[t].data[i * basis.rows + j] * basis.data[j * d + k];
              expect(Math.abs(v - m.data[i * d + k])).toBeLessThanOrEqual(1e-14);
            }
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('drops dependent rows: a repeated or opposite direction adds no basis vector', () => {
    const a = fromRows([[1, 2, 0, 0], [0, 0, 1, 0]]);
    const b = fromRows([[-2, -4, 0, 0], [1, 2, 1, 0]]);
    const { basis, coords } = spanCoordinates([a, b]);
    expect(basis.rows).toBe(2);
    expect(coords[1].rows).toBe(2);
    expect(spanCoordinates([zeros(1, 3), fromRows([[0, 0, 5]])]).basis.rows).toBe(1);
  });
});
