import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeedStreams } from '../core/streams.ts';
import { InputError } from '../core/errors.ts';
import { fromRows, overlaps, row, norm } from '../core/mat.ts';
import { initStudent, makeTeacher, orthonormalRows, uniformSphereRows } from './teacher.ts';

const rng = (s: number | string) => new SeedStreams(s).stream('teacher');

describe('makeTeacher', () => {
  it('draws mutually orthonormal routers and experts by default (to 1e-14)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 20 }), fc.integer(), (mStar, extra, seed) => {
        const t = makeTeacher(mStar, 2 * mStar + extra, { kind: 'orthonormal' }, rng(seed));
        const all = fromRows([...Array.from({ length: mStar }, (_, i) => Array.from(row(t.routers, i))), ...Array.from({ length: mStar }, (_, i) => Array.from(row(t.experts, i)))]);
        const g = overlaps(all, all);
        for (let i = 0; i < g.rows; i++) for (let j = 0; j < g.cols; j++) expect(Math.abs(g.data[i * g.cols + j] - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-14);
      }),
      { numRuns: 50 },
    );
  });

  it('with routersOrthogonalToExperts false, needs only d >= m* and keeps each set orthonormal', () => {
    const t = makeTeacher(3, 3, { kind: 'orthonormal', routersOrthogonalToExperts: false }, rng(1));
    for (const m of [t.routers, t.experts]) {
      const g = overlaps(m, m);
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(g.data[i * 3 + j] - (i === j ? 1 : 0))).toBeLessThanOrEqual(1e-14);
    }
  });

  it('rejects bad sizes with a message naming the field and the fix', () => {
    expect(() => makeTeacher(0, 4, { kind: 'random' }, rng(1))).toThrow(InputError);
    expect(() => makeTeacher(0, 4, { kind: 'random' }, rng(1))).toThrow(/teacher\.experts \(m\*\): must be an integer >= 1, found 0/);
    expect(() => makeTeacher(2, 1, { kind: 'random' }, rng(1))).toThrow(/^d: must be an integer >= 2, found 1/);
    expect(() => makeTeacher(3, 5, { kind: 'orthonormal' }, rng(1))).toThrow(/needs d >= 6 .*found d = 5; raise d, lower m\*/);
    expect(() => makeTeacher(1, 2, { kind: 'explicit', routers: fromRows([[1, NaN]]), experts: fromRows([[0, 1]]) }, rng(1))).toThrow(
      /teacher\.routers\[0\]\[1\]: must be a finite number, found NaN/,
    );
    expect(() => makeTeacher(1, 2, { kind: 'explicit', routers: fromRows([[0, 0]]), experts: fromRows([[0, 1]]) }, rng(1))).toThrow(/teacher\.routers\[0\]: row has zero length/);
  });

  it('is reproducible: same stream, same teacher bit for bit', () => {
    const a = makeTeacher(3, 10, { kind: 'orthonormal' }, rng('x'));
    const b = makeTeacher(3, 10, { kind: 'orthonormal' }, rng('x'));
    expect(b.routers.data).toEqual(a.routers.data);
    expect(b.experts.data).toEqual(a.experts.data);
  });
});

describe('initStudent and uniformSphereRows', () => {
  it('draws unit rows', () => {
    const s = initStudent(7, 13, rng(3));
    for (const m of [s.routers, s.experts]) for (let i = 0; i < 7; i++) expect(norm(row(m, i))).toBeCloseTo(1, 14);
  });

  it('is uniform on the sphere: first coordinate has mean 0 and mean square 1/d (4 standard errors, 20,000 rows)', () => {
    const d = 8;
    const n = 20_000;
    const m = uniformSphereRows(n, d, rng('sphere'));
    let s1 = 0, s2 = 0, s4 = 0;
    for (let i = 0; i < n; i++) {
      const x = m.data[i * d];
      s1 += x;
      s2 += x * x;
      s4 += x ** 4;
    }
    // For a uniform unit vector, x1^2 ~ Beta(1/2, (d-1)/2): E = 1/d, E[x1^4] = 3/(d(d+2)).
    const e2 = 1 / d, e4 = 3 / (d * (d + 2));
    expect(Math.abs(s1 / n)).toBeLessThan(4 * Math.sqrt(e2 / n));
    expect(Math.abs(s2 / n - e2)).toBeLessThan(4 * Math.sqrt((e4 - e2 * e2) / n));
  });

  it('orthonormalRows refuses more rows than dimensions', () => {
    expect(() => orthonormalRows(4, 3, rng(1))).toThrow(/cannot draw 4 orthonormal rows in d = 3/);
  });
});
