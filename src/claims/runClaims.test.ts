import { describe, expect, test } from 'vitest';
import type { Claim, Point } from '../generated/metrics.ts';
import type { ClaimThresholds } from '../generated/scenario.ts';
import { claimTimeScale, MIN_TIME_LAW_R2, runClaims } from './runClaims.ts';

const TH = { timeLawExponent: { expected: 0.5, tolerance: 0.15 } } as ClaimThresholds;
const D = [100, 1000, 1e4, 1e5];

/**
 * A point at dimension d whose first teacher's expert passed the threshold at
 * T through a student with z = r0 sqrt(d) = 1 (so T z = T), and whose C1
 * recovered at 2 T (null: nothing passed), with the other claims' verdicts.
 */
function point(d: number, T: number | null, verdicts: Partial<Record<Claim['id'], Claim['verdict']>> = {}): Point {
  const claims: Claim[] = [{ id: 'C1', title: 'C1', verdict: T === null ? 'fails' : 'holds', evidence: 'e', details: { T: T === null ? null : 2 * T, TOverSqrtD: null } }];
  for (const [id, verdict] of Object.entries(verdicts)) claims.push({ id: id as Claim['id'], title: id, verdict: verdict!, evidence: `${id} ${verdict}` });
  const first = {
    teacher: 0, order: T === null ? null : 1, student: 0, r0: 1 / Math.sqrt(d), z: 1, rho0: 0,
    expertTime: { predicted: null, measured: T }, routerAtExpertTime: { predicted: null, measured: null }, routerLag: { predicted: null, measured: null },
    multiPair: { predicted: T, student: 0, paired: false, sharedWith: null },
  };
  return { id: `d=${d}`, d, claims, theory: { kappa: 4.5, routerRate: 0.256, threshold: 0.9, teachers: [first] } } as unknown as Point;
}

/**
 * Points T = d^slope exp(e r_k) with residuals r = (1, -1, -1, 1), which are
 * orthogonal to 1 and to ln d (equally spaced): the fitted slope is exactly
 * `slope`, and r^2 = S / (S + 4 e^2) with S = slope^2 sum (ln d - mean)^2,
 * so e is chosen to give the wanted r^2.
 */
function lawPoints(slope: number, r2: number): Point[] {
  const x = D.map(Math.log);
  const mx = x.reduce((a, b) => a + b) / x.length;
  const S = slope * slope * x.reduce((a, v) => a + (v - mx) ** 2, 0);
  const e = Math.sqrt((S * (1 / r2 - 1)) / 4);
  return D.map((d, k) => point(d, Math.exp(slope * x[k] + e * [1, -1, -1, 1][k])));
}

describe('run claims on each side of their thresholds', () => {
  test('C6: slope within the tolerance of 1/2 holds, just outside fails (both sides)', () => {
    for (const [slope, verdict] of [[0.5, 'holds'], [0.64, 'holds'], [0.36, 'holds'], [0.66, 'fails'], [0.34, 'fails']] as const) {
      const c = claimTimeScale(lawPoints(slope, 0.99), TH);
      expect(c.verdict, `slope ${slope}: ${c.evidence}`).toBe(verdict);
      expect((c.details as { slope: number }).slope).toBeCloseTo(slope, 10);
    }
  });

  test(`C6: r^2 just above ${MIN_TIME_LAW_R2} holds, just below fails, at the predicted slope`, () => {
    const above = claimTimeScale(lawPoints(0.5, MIN_TIME_LAW_R2 + 0.02), TH);
    expect((above.details as { r2: number }).r2).toBeCloseTo(MIN_TIME_LAW_R2 + 0.02, 10);
    expect(above.verdict, above.evidence).toBe('holds');
    const below = claimTimeScale(lawPoints(0.5, MIN_TIME_LAW_R2 - 0.02), TH);
    expect(below.verdict, below.evidence).toBe('fails');
  });

  test('C6 needs first escapes at two values of d at least; points without one are left out', () => {
    expect(claimTimeScale([point(100, 3)], TH).verdict).toBe('not-evaluated');
    expect(claimTimeScale([point(100, 3), point(1000, null)], TH).verdict).toBe('not-evaluated');
    const c = claimTimeScale([...lawPoints(0.5, 0.99), point(1e6, null)], TH);
    expect(c.verdict).toBe('holds');
    expect(c.evidence).toContain('1 point(s) left out');
    expect((c.details as { fullRecovery: { slope: number } }).fullRecovery.slope).toBeCloseTo(0.5, 10);
  });

  test('C1-C5 hold over a run only when they hold on every point where evaluated', () => {
    const claim = (points: Point[], id: Claim['id']) => runClaims(points, TH).find((c) => c.id === id)!;
    expect(claim([point(100, 3, { C3: 'holds' }), point(1000, 9, { C3: 'holds' })], 'C3').verdict).toBe('holds');
    const one = claim([point(100, 3, { C3: 'holds' }), point(1000, 9, { C3: 'fails' })], 'C3');
    expect(one.verdict).toBe('fails');
    expect(one.evidence).toContain('fails on 1 of 2 points: d=1000');
    expect(claim([point(100, 3, { C3: 'holds' }), point(1000, 9, { C3: 'not-evaluated' })], 'C3').verdict).toBe('holds');
    expect(claim([point(100, 3, { C3: 'not-evaluated' })], 'C3').verdict).toBe('not-evaluated');
  });
});
