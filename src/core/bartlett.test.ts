import { describe, expect, it } from 'vitest';
import { bartlettFactor } from './bartlett.ts';
import { SeedStreams } from './streams.ts';

/**
 * Mean and variance of the entries of T T^T over `draws` factors: for the
 * Bartlett factor of a rows x n Gaussian matrix N, T T^T = N N^T is
 * Wishart(I, n): E = n I, Var of entry (i, j) = n (1 + [i = j]).
 */
function wishartMoments(rows: number, n: number, draws: number, seed: string) {
  const rng = new SeedStreams(seed).stream('data');
  const t = new Float64Array(rows * rows);
  const sum = new Float64Array(rows * rows);
  const sq = new Float64Array(rows * rows);
  let q = 0;
  for (let k = 0; k < draws; k++) {
    q = bartlettFactor(rows, n, rng, t);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        let s = 0;
        for (let l = 0; l < q; l++) s += t[i * q + l] * t[j * q + l];
        sum[i * rows + j] += s;
        sq[i * rows + j] += s * s;
      }
    }
  }
  const mean = sum.map((s) => s / draws);
  return { q, mean, variance: sq.map((s, k) => s / draws - mean[k] ** 2) };
}

describe('bartlettFactor', () => {
  it.each([
    [4, 9], // q = rows: square lower-triangular factor
    [6, 3], // q = n < rows: the last rows are all normals
    [5, 1e9], // chi variates with ~10^9 degrees of freedom
  ])('T T^T has the Wishart(I, n) mean and variance (rows %d, n %d; 20,000 draws)', (rows, n) => {
    const draws = 20_000;
    const { q, mean, variance } = wishartMoments(rows, n, draws, `bartlett-${rows}-${n}`);
    expect(q).toBe(Math.min(rows, n));
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < rows; j++) {
        const v = n * (i === j ? 2 : 1);
        // Mean: within 4.5 standard errors; variance: within 10% (its own relative sd is ~sqrt(kurtosis / draws) < 2%).
        expect(Math.abs(mean[i * rows + j] - (i === j ? n : 0)), `mean (${i}, ${j})`).toBeLessThan(4.5 * Math.sqrt(v / draws));
        expect(Math.abs(variance[i * rows + j] / v - 1), `variance (${i}, ${j})`).toBeLessThan(0.1);
      }
    }
  });

  it('is lower trapezoidal with a positive diagonal, and the same stream gives the same factor', () => {
    const draw = () => {
      const out = new Float64Array(6 * 4).fill(Number.NaN);
      bartlettFactor(6, 4, new SeedStreams('shape').stream('data'), out);
      return out;
    };
    const t = draw();
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 4; j++) {
        if (j > i) expect(t[i * 4 + j]).toBe(0);
        else if (j === i) expect(t[i * 4 + j]).toBeGreaterThan(0);
        else expect(Number.isFinite(t[i * 4 + j])).toBe(true);
      }
    }
    expect(Array.from(draw())).toEqual(Array.from(t));
  });

  it('draws nothing when n = 0 (the span is all of R^d)', () => {
    const rng = new SeedStreams('empty').stream('data');
    const before = new SeedStreams('empty').stream('data').uniform();
    expect(bartlettFactor(4, 0, rng, new Float64Array(0))).toBe(0);
    expect(rng.uniform()).toBe(before);
  });
});
