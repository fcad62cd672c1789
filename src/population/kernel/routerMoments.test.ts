import { describe, expect, it } from 'vitest';
import { gaussHermite } from './gaussHermite.ts';
import { BASE, MOMENTS, PP, PT, TP, TT, routerMomentsDirect } from './routerMoments.ts';
import { EXACT } from '../../../test-support/tolerance.ts';

const sig = (z: number) => 1 / (1 + Math.exp(-z));
const t = (z: number) => sig(z) - 0.5;
const sp = (z: number) => sig(z) * (1 - sig(z));

/** 1-D expectation E[f(z) z^k] by a 150-point Gauss-Hermite rule (no trapezoid: an independent route). */
function expect1d(f: (z: number) => number, k: number): number {
  const { nodes, weights } = gaussHermite(150);
  let s = 0;
  for (let i = 0; i < nodes.length; i++) s += weights[i] * f(nodes[i]) * nodes[i] ** k;
  return s;
}

/** E[g^k] for g ~ N(0, 1): (k - 1)!! for even k, 0 for odd k. */
const gaussMoment = (k: number) => (k % 2 ? 0 : [1, 1, 3, 15][k / 2]);

/** Index of (a, b) in a family. */
const at = (a: number, b: number) => BASE[a + b] + b;

/** Every (a, b) of a family: even degrees <= 6 or odd degrees <= 5. */
function monomials(odd: boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let k = odd ? 1 : 0; k <= (odd ? 5 : 6); k += 2) for (let b = 0; b <= k; b++) out.push([k - b, b]);
  return out;
}

describe('routerMomentsDirect', () => {
  it('factorises into 1-D moments for orthogonal routers (theta = pi/2: u2 = g1)', () => {
    const m = routerMomentsDirect(Math.PI / 2);
    for (const [a, b] of monomials(false)) {
      expect(m[TT + at(a, b)]).toBeCloseTo(expect1d(t, a) * expect1d(t, b), 14);
      expect(m[PP + at(a, b)]).toBeCloseTo(expect1d(sp, a) * expect1d(sp, b), 14);
    }
    for (const [a, b] of monomials(true)) {
      expect(m[PT + at(a, b)]).toBeCloseTo(expect1d(sp, a) * expect1d(t, b), 14);
      expect(m[TP + at(a, b)]).toBeCloseTo(expect1d(t, a) * expect1d(sp, b), 14);
    }
  });

  it('reduces to one router for collinear routers (theta = 0: u2 = g0)', () => {
    const m = routerMomentsDirect(0);
    for (const [a, b] of monomials(false)) {
      expect(m[TT + at(a, b)]).toBeCloseTo(expect1d((z) => t(z) ** 2, a) * gaussMoment(b), 14);
      expect(m[PP + at(a, b)]).toBeCloseTo(expect1d((z) => sp(z) ** 2, a) * gaussMoment(b), 14);
    }
    for (const [a, b] of monomials(true)) {
      const want = expect1d((z) => sp(z) * t(z), a) * gaussMoment(b);
      expect(m[PT + at(a, b)]).toBeCloseTo(want, 14);
      expect(m[TP + at(a, b)]).toBeCloseTo(want, 14);
    }
  });

  it('has the theta -> pi - theta symmetry: TT and PT change by -(-1)^b, PP and TP by (-1)^b', () => {
    for (const theta of [0.3, 1.1]) {
      const m = routerMomentsDirect(theta);
      const r = routerMomentsDirect(Math.PI - theta);
      for (const [a, b] of monomials(false)) {
        const s = b % 2 ? -1 : 1;
        expect(Math.abs(r[TT + at(a, b)] + s * m[TT + at(a, b)])).toBeLessThanOrEqual(EXACT.momentTable);
        expect(Math.abs(r[PP + at(a, b)] - s * m[PP + at(a, b)])).toBeLessThanOrEqual(EXACT.momentTable);
      }
      for (const [a, b] of monomials(true)) {
        const s = b % 2 ? -1 : 1;
        expect(Math.abs(r[PT + at(a, b)] + s * m[PT + at(a, b)])).toBeLessThanOrEqual(EXACT.momentTable);
        expect(Math.abs(r[TP + at(a, b)] - s * m[TP + at(a, b)])).toBeLessThanOrEqual(EXACT.momentTable);
      }
    }
  });

  it('lays out 56 moments: 16 + 16 even, 12 + 12 odd', () => {
    expect([TT, PP, PT, TP, MOMENTS]).toEqual([0, 16, 32, 44, 56]);
    expect(monomials(false).map(([a, b]) => at(a, b))).toEqual(Array.from({ length: 16 }, (_, i) => i));
    expect(monomials(true).map(([a, b]) => at(a, b))).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});
