import type { Rng } from './streams.ts';

/**
 * A Gamma(shape, 1) variate, exact in distribution for every shape > 0, from
 * any size of shape (10^9 costs what 10 costs).
 *
 * Marsaglia & Tsang, "A simple method for generating gamma variables" (ACM
 * TOMS 26, 2000): for shape a >= 1 let e = a - 1/3, c = 1 / sqrt(9 e); draw
 * x ~ N(0, 1), v = (1 + c x)^3 (retry if 1 + c x <= 0) and u ~ U(0, 1);
 * accept e v when log u < x^2 / 2 + e (1 - v + log v). For a < 1, a
 * Gamma(a + 1) variate times u^(1/a). Expected tries per variate <= 1.05.
 *
 * Written as printed, e (1 - v + log v) is a difference of terms of size e
 * that cancel to a value of size x^2 / 2: its rounding error grows like
 * e * 1e-16 (3e-8 at shape 5 * 10^8, the chi of 10^9 degrees of freedom,
 * and x = 1.9: gamma.test.ts), and the acceptance probability is off by as
 * much. Here,
 * with y = c x, 1 - v + log v = -(9/2) y^2 + 3 sum_{k >= 4} (-1)^(k+1) y^k / k
 * (the y^3 terms cancel exactly), and since 9 e c^2 = 1, the acceptance test
 * becomes log u < x^2 (1 - 9 e c^2) / 2 + 3 e sum_{k >= 4} (-1)^(k+1) y^k / k,
 * every term computed without cancellation (series for |y| < 1/8, where it
 * converges to double precision in <= 20 terms; the direct form beyond, where
 * e is small and the direct form is accurate). gamma.test.ts checks both
 * forms against each other and the variates against the exact CDF and, at
 * huge shapes, the Wilson-Hilferty normal limit.
 *
 * The numbers drawn are those of the printed algorithm (the squeeze
 * u < 1 - 0.0331 x^4 accepts only what the full test accepts), so the same
 * stream gives the same variates.
 */
export function gammaVariate(shape: number, rng: Rng): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`gammaVariate: shape must be a finite number > 0, found ${shape}`);
  if (shape < 1) return gammaVariate(shape + 1, rng) * Math.pow(rng.open01(), 1 / shape);
  const e = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * e);
  for (;;) {
    const x = rng.normal();
    const y = c * x;
    if (y <= -1) continue;
    const v = (1 + y) * (1 + y) * (1 + y);
    const u = rng.open01();
    if (u < 1 - 0.0331 * x * x * x * x) return e * v;
    if (Math.log(u) < acceptanceBound(x, e, c)) return e * v;
  }
}

/** x^2 / 2 + e (1 - v + log v), v = (1 + c x)^3, without the cancellation of the printed form (see gammaVariate). */
export function acceptanceBound(x: number, e: number, c: number): number {
  const y = c * x;
  if (Math.abs(y) >= SERIES_LIMIT) {
    const v = (1 + y) * (1 + y) * (1 + y);
    return 0.5 * x * x + e * (1 - v + 3 * Math.log1p(y));
  }
  return 0.5 * x * x * (1 - 9 * e * c * c) + 3 * e * tailSeries(y);
}

/** |y| below which the series is used: 20 terms reach (1/8)^16 / 20 < 1e-16 relative to the first. */
const SERIES_LIMIT = 0.125;

/** sum_{k >= 4} (-1)^(k+1) y^k / k for |y| < 1/8, to double precision (summed smallest first). */
function tailSeries(y: number): number {
  const terms = 20;
  let s = 0;
  for (let k = 3 + terms; k >= 4; k--) s += ((k % 2 === 0 ? -1 : 1) * y ** k) / k;
  return s;
}

/** chi^2 with k > 0 degrees of freedom, exactly: 2 Gamma(k / 2). */
export function chiSquaredVariate(k: number, rng: Rng): number {
  return 2 * gammaVariate(k / 2, rng);
}

/** chi with k > 0 degrees of freedom (the length of a standard normal vector of R^k), exactly: sqrt(chi^2_k). */
export function chiVariate(k: number, rng: Rng): number {
  return Math.sqrt(chiSquaredVariate(k, rng));
}
