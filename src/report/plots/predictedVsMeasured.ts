import type { TopLevelSpec } from 'vega-lite';
import type { Metrics } from '../../generated/metrics.ts';

/** Vega-lite unit names of the predicted-against-measured plot. */
export const PREDICTED_MARKS = { points: 'prediction_points', identity: 'identity_line' } as const;

/** One plotted prediction: a teacher's expert time, measured against one model's prediction. */
export interface PredictionPoint {
  point: string;
  teacher: number;
  order: number;
  model: 'one-pair closed form' | 'multi-pair model';
  predicted: number;
  measured: number;
}

/**
 * Every teacher's measured expert time against its predictions, over all
 * points: the one-pair closed form (circles) and, where it was run, the
 * multi-pair leading-order model with the same crossing student (squares).
 * Only positive pairs are drawn (log axes).
 */
export function predictionPoints(metrics: Metrics): PredictionPoint[] {
  const out: PredictionPoint[] = [];
  for (const p of metrics.points) {
    for (const t of p.theory?.teachers ?? []) {
      const m = t.expertTime.measured;
      if (m === null || !(m > 0) || t.order === null) continue;
      const base = { point: p.id, teacher: t.teacher, order: t.order, measured: m };
      if (t.expertTime.predicted !== null && t.expertTime.predicted > 0) out.push({ ...base, model: 'one-pair closed form', predicted: t.expertTime.predicted });
      const lo = t.multiPair;
      if (lo && lo.predicted !== null && lo.predicted > 0 && lo.student === t.student) out.push({ ...base, model: 'multi-pair model', predicted: lo.predicted });
    }
  }
  return out;
}

/**
 * Measured against predicted expert times (claims C7 and C9), both axes
 * logarithmic, with the line y = x: a point above it is a teacher recovered
 * later than predicted. Colour is the recovery order (1 = first), shape the
 * model.
 */
export function predictedVsMeasuredSpec(metrics: Metrics): TopLevelSpec {
  const pts = predictionPoints(metrics);
  const all = pts.flatMap((p) => [p.predicted, p.measured]);
  const [lo, hi] = all.length ? [Math.min(...all) / 1.2, Math.max(...all) * 1.2] : [1, 10];
  const scale = { type: 'log', domain: [lo, hi] };
  const x = { field: 'predicted', type: 'quantitative', scale, title: 'predicted expert time (log scale)' };
  const y = { field: 'measured', type: 'quantitative', scale, title: 'measured expert time (log scale)' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 420,
    height: 420,
    config: { view: { stroke: '#ccc' }, axis: { gridColor: '#eee' }, legend: { orient: 'right', labelLimit: 240 } },
    layer: [
      { name: PREDICTED_MARKS.identity, data: { values: [{ predicted: lo, measured: lo }, { predicted: hi, measured: hi }] }, mark: { type: 'line', color: '#888', strokeDash: [5, 4] }, encoding: { x, y } },
      {
        name: PREDICTED_MARKS.points,
        data: { values: pts },
        mark: { type: 'point', filled: true, size: 70, opacity: 0.85 },
        encoding: {
          x, y,
          color: { field: 'order', type: 'ordinal', title: 'recovery order', scale: { scheme: 'viridis' } },
          shape: { field: 'model', type: 'nominal', title: 'prediction', scale: { domain: ['one-pair closed form', 'multi-pair model'], range: ['circle', 'square'] } },
          tooltip: [{ field: 'point' }, { field: 'teacher' }, { field: 'order' }, { field: 'model' }, { field: 'predicted' }, { field: 'measured' }],
        },
      },
    ],
  } as TopLevelSpec;
}
