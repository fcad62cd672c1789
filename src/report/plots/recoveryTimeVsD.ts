import type { TopLevelSpec } from 'vega-lite';
import type { Metrics } from '../../generated/metrics.ts';
import { fullRecoveryFit, recoveryOf } from '../../claims/claimAccess.ts';
import { fmt } from '../../core/format.ts';

/** Vega-lite unit names of the C6 plot. */
export const TIME_SCALE_MARKS = { points: 'recovery_points', fit: 'fit_line', reference: 'sqrt_d_reference' } as const;

/**
 * The full-recovery time T (points[].claims[C1].details.T) against d, both
 * axes logarithmic (reported beside C6, which is decided on the escape
 * times: see escapeRatioVsD.ts). Unrecovered points (T null) are left out.
 * The fitted line T = exp(intercept) d^slope is the full-recovery fit C6
 * reports (not refitted here), drawn when there is one; the sqrt(d)
 * reference T = c sqrt(d) has its constant c = exp(mean(ln T - ln d / 2))
 * so it passes through the recovered points' geometric centre.
 */
export function recoveryTimeVsDSpec(metrics: Metrics): TopLevelSpec {
  const pts = metrics.points
    .map((p) => ({ d: p.d, T: recoveryOf(p).T, id: p.id }))
    .filter((p): p is { d: number; T: number; id: string } => p.T !== null && p.T > 0);
  const ds = pts.map((p) => p.d);
  const [lo, hi] = [Math.min(...ds), Math.max(...ds)];
  const fit = fullRecoveryFit(metrics);
  const fitName = fit ? `fit: slope ${fmt(fit.slope)}` : 'fit: not evaluated';
  const refName = 'sqrt(d) reference (slope 1/2)';
  const legend = ['recovery time T', fitName, refName];
  const color = { field: 'series', type: 'nominal', title: null, scale: { domain: legend, range: ['#333333', '#e15759', '#4e79a7'] } };
  const x = { field: 'd', type: 'quantitative', scale: { type: 'log' }, title: 'input dimension d (log scale)' };
  const y = { field: 'T', type: 'quantitative', scale: { type: 'log' }, title: 'recovery time T (log scale)' };
  const c = pts.length ? Math.exp(pts.reduce((s, p) => s + Math.log(p.T) - 0.5 * Math.log(p.d), 0) / pts.length) : 1;
  const line = (fn: (d: number) => number, name: string) => [lo, hi].map((d) => ({ d, T: fn(d), series: name }));
  const layers: object[] = [];
  // Fit, then the dashed reference over it (visible even where they coincide), then the points.
  const encoding = { x, y, color };
  if (fit && pts.length) {
    const values = line((d) => Math.exp(fit.intercept) * d ** fit.slope, fitName);
    layers.push({ name: TIME_SCALE_MARKS.fit, data: { values }, mark: { type: 'line', strokeWidth: 2 }, encoding });
  }
  const reference = pts.length ? line((d) => c * Math.sqrt(d), refName) : [];
  layers.push({ name: TIME_SCALE_MARKS.reference, data: { values: reference }, mark: { type: 'line', strokeDash: [5, 4], strokeWidth: 1.5 }, encoding });
  const points = pts.map((p) => ({ ...p, series: legend[0] }));
  layers.push({ name: TIME_SCALE_MARKS.points, data: { values: points }, mark: { type: 'point', filled: true, size: 60 }, encoding });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: 340,
    config: { view: { stroke: '#ccc' }, axis: { gridColor: '#eee' }, legend: { orient: 'bottom-right', fillColor: 'white', padding: 6, labelLimit: 320 } },
    layer: layers,
  } as TopLevelSpec;
}
