import { describe, expect, it } from 'vitest';
import { Rng, SeedStreams } from './streams.ts';
import { ZIGGURAT_R } from './ziggurat.ts';

/** The bytes of a float64 array, for bit-for-bit comparisons (toEqual would accept -0 for 0). */
const bytes = (a: Float64Array) => Array.from(new Uint8Array(a.buffer));
const draws = (rng: Rng, n: number) => rng.fillNormal(new Float64Array(n));

/**
 * Standard normal CDF from Abramowitz & Stegun 7.1.26 (|error of erf| <= 1.5e-7):
 * far below the KS critical value (~2e-3) it is compared with.
 */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

describe('SeedStreams', () => {
  it('gives the same numbers bit for bit for the same root and name', () => {
    for (const root of [0, 1, 'sweep/3']) {
      const a = new SeedStreams(root).stream('data');
      const b = new SeedStreams(root).stream('data');
      expect(bytes(draws(b, 1000))).toEqual(bytes(draws(a, 1000)));
      expect(Array.from({ length: 100 }, () => b.uniform())).toEqual(Array.from({ length: 100 }, () => a.uniform()));
      expect(Array.from({ length: 100 }, () => b.int32())).toEqual(Array.from({ length: 100 }, () => a.int32()));
    }
  });

  it('keeps the numbers of a pinned seed (a change here changes every reported result)', () => {
    const r = new SeedStreams(1).stream('data');
    expect([r.normal(), r.normal(), r.normal(), r.uniform(), r.int32()]).toEqual([0.33044297090446106, -0.022144975305287504, 0.33817539482775066, 0.5622867892961949, -897053359]);
  });

  it('gives different numbers for different names, roots and children, and a stream does not depend on others drawn before', () => {
    const s = new SeedStreams(7);
    const first = draws(s.stream('data'), 8);
    expect(draws(s.stream('evaluation'), 8)).not.toEqual(first);
    expect(draws(s.stream('teacher'), 8)).not.toEqual(first);
    expect(draws(new SeedStreams(8).stream('data'), 8)).not.toEqual(first);
    expect(draws(s.child('run-1').stream('data'), 8)).not.toEqual(first);
    draws(s.stream('student'), 1000);
    expect(bytes(draws(s.stream('data'), 8))).toEqual(bytes(first));
  });

  it('draws uniforms in [0, 1) with mean 1/2, and open01 never returns 0', () => {
    const rng = new SeedStreams('u').stream('x');
    const n = 200_000;
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    let zeros = 0;
    for (let i = 0; i < 10_000; i++) if (!(rng.open01() > 0)) zeros++;
    expect(zeros).toBe(0);
  });
});

describe('Rng.normal (ziggurat)', () => {
  // 10^6 draws; each check at 4 standard errors of its statistic (or the KS critical value at level 1e-3).
  const n = 1_000_000;
  const z = new SeedStreams('ziggurat-test').stream('data').fillNormal(new Float64Array(n));

  it('has mean 0, variance 1 and fourth moment 3', () => {
    let s1 = 0, s2 = 0, s4 = 0;
    for (const x of z) {
      s1 += x;
      s2 += x * x;
      s4 += x ** 4;
    }
    expect(Math.abs(s1 / n)).toBeLessThan(4 / Math.sqrt(n));
    expect(Math.abs(s2 / n - 1)).toBeLessThan(4 * Math.sqrt(2 / n)); // Var(Z^2) = 2
    expect(Math.abs(s4 / n - 3)).toBeLessThan(4 * Math.sqrt(96 / n)); // Var(Z^4) = 105 - 9
  });

  it('has the right tail frequencies: P(|Z| > 3) = 0.0026998 and beyond the ziggurat base R = 3.4426 (the exact tail sampler)', () => {
    for (const [t, p] of [
      [3, 2 * (1 - normalCdf(3))],
      [ZIGGURAT_R, 2 * (1 - normalCdf(ZIGGURAT_R))],
      [4, 2 * (1 - normalCdf(4))],
    ] as const) {
      const count = z.reduce((c, x) => c + (Math.abs(x) > t ? 1 : 0), 0);
      expect(Math.abs(count / n - p), `P(|Z| > ${t})`).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
    // Both tails are used symmetrically.
    const right = z.reduce((c, x) => c + (x > ZIGGURAT_R ? 1 : 0), 0);
    const left = z.reduce((c, x) => c + (x < -ZIGGURAT_R ? 1 : 0), 0);
    expect(Math.abs(right - left)).toBeLessThan(4 * Math.sqrt(right + left));
  });

  it('is within the Kolmogorov-Smirnov critical distance of N(0, 1)', () => {
    const sorted = Float64Array.from(z).sort();
    let d = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(sorted[i]);
      d = Math.max(d, Math.abs(f - i / n), Math.abs((i + 1) / n - f));
    }
    // Critical value at level 0.001: 1.949 / sqrt(n) ~ 1.9e-3. A ziggurat with a wrong layer table fails by far more.
    expect(d).toBeLessThan(1.949 / Math.sqrt(n));
  });
});
