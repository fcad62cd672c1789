/**
 * Record times on [0, T]: `uniform` equally spaced points (0 and T included)
 * merged with `log` points spaced evenly in log t from min(T * 1e-4, 0.01) to T, sorted
 * and deduplicated. The log grid resolves the early, fast part of a run.
 */
export function recordGrid(T: number, uniform: number, log: number): number[] {
  const pts: number[] = [0, T];
  for (let i = 1; i < uniform; i++) pts.push((T * i) / (uniform - 1));
  const t0 = Math.min(T * 1e-4, 0.01);
  for (let i = 0; i < log; i++) pts.push(t0 * Math.pow(T / t0, log > 1 ? i / (log - 1) : 1));
  pts.sort((a, b) => a - b);
  return pts.filter((p, i) => i === 0 || p - pts[i - 1] > 1e-12 * T);
}
