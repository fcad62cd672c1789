import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromRows } from '../core/mat.ts';
import { assignMinCost } from './hungarian.ts';
import { matchStudents } from './matching.ts';

/** The best total over every injective assignment of rows to columns (brute force, small sizes only). */
function bruteForceMin(cost: number[][]): number {
  const n = cost.length;
  const k = cost[0].length;
  let best = Infinity;
  const used = new Array<boolean>(k).fill(false);
  const go = (i: number, acc: number): void => {
    if (i === n) {
      best = Math.min(best, acc);
      return;
    }
    for (let j = 0; j < k; j++) {
      if (used[j]) continue;
      used[j] = true;
      go(i + 1, acc + cost[i][j]);
      used[j] = false;
    }
  };
  go(0, 0);
  return best;
}

const matrix = (rows: number, cols: number) =>
  fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });

describe('assignMinCost', () => {
  it('finds a minimum-cost assignment of rows to distinct columns (against brute force)', () => {
    const arb = fc.record({ n: fc.integer({ min: 1, max: 5 }), extra: fc.integer({ min: 0, max: 3 }) }).chain(({ n, extra }) => matrix(n, n + extra));
    fc.assert(
      fc.property(arb, (cost) => {
        const col = assignMinCost(cost);
        expect(new Set(col).size).toBe(cost.length);
        const total = col.reduce((s, j, i) => s + cost[i][j], 0);
        expect(total).toBeCloseTo(bruteForceMin(cost), 12);
      }),
      { numRuns: 200 },
    );
  });
});

describe('matchStudents', () => {
  it('maximises the summed expert alignment over one-to-one matchings and reports the matched student\'s router alignment', () => {
    const arb = fc.record({ mStar: fc.integer({ min: 1, max: 4 }), extra: fc.integer({ min: 0, max: 3 }) }).chain(({ mStar, extra }) =>
      fc.record({ expert: matrix(mStar + extra, mStar), router: matrix(mStar + extra, mStar) }),
    );
    fc.assert(
      fc.property(arb, ({ expert, router }) => {
        const matches = matchStudents({ expert: fromRows(expert), router: fromRows(router) });
        const students = matches.map((mt) => mt.student);
        expect(new Set(students).size).toBe(matches.length);
        const total = matches.reduce((s, mt) => s + mt.expert, 0);
        // Brute force over teachers -> students: minimise the negated alignment.
        const cost = expert[0].map((_, j) => expert.map((row) => -row[j]));
        expect(total).toBeCloseTo(-bruteForceMin(cost), 12);
        for (const mt of matches) {
          expect(mt.expert).toBe(expert[mt.student][mt.teacher]);
          expect(mt.router).toBe(router[mt.student][mt.teacher]);
          expect(mt.bestExpert).toBe(Math.max(...expert.map((row) => row[mt.teacher])));
          expect(expert[mt.bestExpertStudent][mt.teacher]).toBe(mt.bestExpert);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('prefers the one-to-one optimum over greedy: one student best for two teachers goes to one of them', () => {
    // Student 0 is best for both teachers; the matching gives teacher 1 student 0 (0.95 + 0.6 > 0.9 + 0.5).
    const expert = fromRows([[0.9, 0.95], [0.6, 0.5]]);
    const router = fromRows([[0.1, 0.2], [0.3, 0.4]]);
    const m = matchStudents({ expert, router });
    expect(m.map((x) => x.student)).toEqual([1, 0]);
    expect(m[0]).toMatchObject({ teacher: 0, expert: 0.6, router: 0.3, bestExpert: 0.9, bestExpertStudent: 0 });
  });

  it('leaves teachers unmatched (student -1, NaN alignments) when m < m*', () => {
    const expert = fromRows([[0.2, 0.9, 0.1]]);
    const m = matchStudents({ expert, router: fromRows([[0.5, 0.6, 0.7]]) });
    expect(m.map((x) => x.student)).toEqual([-1, 0, -1]);
    expect(Number.isNaN(m[0].expert)).toBe(true);
    expect(m[1]).toMatchObject({ expert: 0.9, router: 0.6 });
  });
});
