/**
 * Least-squares line y = intercept + slope x, with the coefficient of
 * determination r^2 = 1 - SS_res / SS_tot (1 when every y is equal).
 *
 * r^2 <= 1 exactly, and so it is as computed: SS_res is a sum of squared
 * residuals (>= 0 as computed) subtracted from 1. The algebraically equal
 * S_xy^2 / (S_xx S_yy) comes out above 1 by rounding on points that lie on a
 * line (on 31% of random two-point fits, as C6 makes over a sweep of two d
 * values, and 37% of random exact lines of 4-23 points: see
 * src/claims/linearFit.test.ts), which the metrics schema rejects.
 */
export function linearFit(x: readonly number[], y: readonly number[]): { slope: number; intercept: number; r2: number } {
  const n = x.length;
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxx = 0, sxy = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += (x[i] - mx) ** 2;
    sxy += (x[i] - mx) * (y[i] - my);
    syy += (y[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  let ssRes = 0;
  for (let i = 0; i < n; i++) ssRes += (y[i] - intercept - slope * x[i]) ** 2;
  const r2 = syy === 0 ? 1 : 1 - ssRes / syy;
  return { slope, intercept, r2 };
}
