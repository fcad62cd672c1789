import { describe, expect, it } from 'vitest';
import { acceptanceBound, chiSquaredVariate, chiVariate, gammaVariate } from './gamma.ts';
import { SeedStreams } from './streams.ts';

/** Fixed point with 400 fractional bits: exact for every double used here, 120 decimal digits. */
const BITS = 400n;
const ONE = 1n << BITS;

/** A double as an exact fixed-point BigInt (doubles are dyadic rationals). */
function fixed(x: number): bigint {
  let p = 0;
  while (!Number.isInteger(x * 2 ** p)) p++;
  return BigInt(x * 2 ** p) << (BITS - BigInt(p));
}

const mul = (a: bigint, b: bigint) => (a * b) >> BITS;

/** x^2 / 2 + e (1 - v + log v), v = (1 + c x)^3, evaluated in 400-bit fixed point: the exact value of the printed test. */
function referenceBound(x: number, e: number, c: number): number {
  const X = fixed(x), E = fixed(e), C = fixed(c);
  const y = mul(C, X);
  const onePlusY = ONE + y;
  const v = mul(mul(onePlusY, onePlusY), onePlusY);
  // log1p(y) = sum_k (-1)^(k+1) y^k / k; |y| <= 1/8 here, 140 terms reach 2^-420.
  let log1p = 0n;
  let power = ONE;
  for (let k = 1n; k <= 140n; k++) {
    power = mul(power, y);
    log1p += (k % 2n === 1n ? power : -power) / k;
  }
  const value = mul(X, X) / 2n + mul(E, ONE - v + 3n * log1p);
  return Number(value) / 2 ** Number(BITS);
}

/** Regularised lower incomplete gamma P(a, x) (series below a + 1, Lentz continued fraction above). */
function gammaCdf(a: number, x: number): number {
  if (x <= 0) return 0;
  const lnPre = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a, sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) sum += (term *= x / (a + n));
    return sum * Math.exp(lnPre);
  }
  let b = x + 1 - a, c = 1e300, d = 1 / b, h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    c = b + an / c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 - Math.exp(lnPre) * h;
}

/** ln Gamma(a), Lanczos (g = 7, 9 terms): relative error ~1e-15 for a > 0. */
function logGamma(a: number): number {
  const g = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - logGamma(1 - a);
  const z = a - 1;
  let s = g[0];
  for (let i = 1; i < 9; i++) s += g[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, |relative error| < 1.2e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807
    + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}

/** One-sample Kolmogorov-Smirnov distance of samples against a CDF. */
function ksDistance(samples: number[], cdf: (x: number) => number): number {
  const s = samples.slice().sort((a, b) => a - b);
  let dmax = 0;
  s.forEach((x, i) => {
    const f = cdf(x);
    dmax = Math.max(dmax, Math.abs(f - i / s.length), Math.abs((i + 1) / s.length - f));
  });
  return dmax;
}

/** sqrt(n) D above this has probability ~8e-5 for a correct sampler (Kolmogorov: 2 exp(-2 x^2) at x = 2.25). */
const KS_CRITICAL = 2.25;

describe('gammaVariate', () => {
  it('evaluates the acceptance bound to 1e-14 of its exact value at every shape up to 5e9 (the printed form is off by up to 1e-7 there)', () => {
    for (const shape of [1, 1.5, 4, 30, 1e3, 1e6, 5e8, 5e9]) {
      const e = shape - 1 / 3;
      const c = 1 / Math.sqrt(9 * e);
      for (const x of [-5.5, -2, -0.3, 1e-4, 0.7, 1.9, 4.4]) {
        if (c * x <= -1 || Math.abs(c * x) > 0.125) continue; // outside the sampler's domain / the reference's series
        const exact = referenceBound(x, e, c);
        expect(Math.abs(acceptanceBound(x, e, c) - exact), `shape ${shape}, x ${x}`).toBeLessThan(1e-14);
      }
    }
    // Why: the printed form e - e v + e log v loses ~e * 1e-16 to cancellation (measured: 3.3e-8 at shape 5e8, x = 1.9).
    const e = 5e8 - 1 / 3, c = 1 / Math.sqrt(9 * e), x = 1.9, v = (1 + c * x) ** 3;
    expect(Math.abs(0.5 * x * x + e - e * v + e * Math.log(v) - referenceBound(x, e, c))).toBeGreaterThan(1e-8);
  });

  it.each([0.5, 1, 2.5, 10, 60])('has the exact Gamma(%d) distribution (KS against the exact CDF, 20,000 draws)', (shape) => {
    const rng = new SeedStreams(`gamma-${shape}`).stream('data');
    const n = 20_000;
    const xs = Array.from({ length: n }, () => gammaVariate(shape, rng));
    expect(Math.sqrt(n) * ksDistance(xs, (x) => gammaCdf(shape, x))).toBeLessThan(KS_CRITICAL);
  });

  it.each([1e6, 5e8])('at shape %d, Wilson-Hilferty standardised variates are N(0, 1) (KS, 20,000 draws) with the mean and variance of Gamma', (shape) => {
    const rng = new SeedStreams(`gamma-${shape}`).stream('data');
    const n = 20_000;
    const xs = Array.from({ length: n }, () => gammaVariate(shape, rng));
    // (X / a)^(1/3) ~ N(1 - 1/(9a), 1/(9a)) to O(1/a) in the CDF: far below the KS resolution 1/sqrt(n) here.
    const z = xs.map((x) => (Math.cbrt(x / shape) - (1 - 1 / (9 * shape))) * Math.sqrt(9 * shape));
    expect(Math.sqrt(n) * ksDistance(z, normalCdf)).toBeLessThan(KS_CRITICAL);
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1);
    expect(Math.abs(mean - shape) / Math.sqrt(shape / n)).toBeLessThan(4.5); // Var X = a
    expect(Math.abs(variance / shape - 1) / Math.sqrt(2 / n)).toBeLessThan(4.5);
  });

  it('is a function of the stream alone, and rejects a shape that is not a positive finite number', () => {
    const draw = () => {
      const rng = new SeedStreams('same').stream('data');
      return [gammaVariate(0.3, rng), gammaVariate(7, rng), gammaVariate(1e9, rng)];
    };
    expect(draw()).toEqual(draw());
    const rng = new SeedStreams(0).stream('data');
    for (const bad of [0, -1, Number.NaN, Infinity]) expect(() => gammaVariate(bad, rng)).toThrow(/shape must be a finite number > 0/);
  });
});

describe('chiVariate', () => {
  it('has mean square k (the squared length of a standard normal vector of R^k) at k = 1, 7, 10^9', () => {
    for (const k of [1, 7, 1e9]) {
      const rng = new SeedStreams(`chi-${k}`).stream('data');
      const n = 20_000;
      const ms = Array.from({ length: n }, () => chiVariate(k, rng) ** 2).reduce((s, x) => s + x, 0) / n;
      expect(Math.abs(ms / k - 1) / Math.sqrt(2 / (k * n)), `k = ${k}`).toBeLessThan(4.5);
    }
  });
});

describe('chiSquaredVariate', () => {
  it.each([1, 3.5, 40, 1e6])('has mean k and variance 2k for k = %d (4 standard errors, 40,000 draws)', (k) => {
    const rng = new SeedStreams(`chi:${k}`).stream('x');
    const n = 40_000;
    let s1 = 0, s2 = 0;
    for (let i = 0; i < n; i++) {
      const x = chiSquaredVariate(k, rng);
      s1 += x;
      s2 += x * x;
    }
    const mean = s1 / n;
    const variance = (s2 - n * mean * mean) / (n - 1);
    expect(Math.abs(mean - k)).toBeLessThan(4 * Math.sqrt((2 * k) / n));
    // Var of the sample variance of chi^2_k: (mu4 - sigma^4) / n with mu4 = 12k(k + 4).
    expect(Math.abs(variance - 2 * k)).toBeLessThan(4 * Math.sqrt((12 * k * (k + 4) - 4 * k * k) / n));
  });
});
