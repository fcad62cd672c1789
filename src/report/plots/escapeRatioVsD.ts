import type { TopLevelSpec } from 'vega-lite';
import type { Metrics } from '../../generated/metrics.ts';

/** Vega-lite unit names of the escape-ratio plot. */
export const ESCAPE_RATIO_MARKS = { points: 'escape_ratio_points', one: 'ratio_one' } as const;

/** Per point: d and the first-recovered teacher's measured / predicted expert time (one-pair closed form). */
export function escapeRatios(metrics: Metrics): { point: string; d: number; ratio: number; z: number }[] {
  return metrics.points.flatMap((p) => {
    const f = p.theory?.teachers.find((t) => t.order === 1);
    const { predicted, measured } = f?.expertTime ?? { predicted: null, measured: null };
    return f && predicted && measured && f.z !== null ? [{ point: p.id, d: p.d, ratio: measured / predicted, z: f.z }] : [];
  });
}

/**
 * The escape law over a sweep of d (claims C6 and C7): the first-recovered
 * teacher's measured expert time divided by its one-pair prediction, against
 * d on a log axis, with the line ratio = 1. The theory's error is
 * O(1/(z sqrt(d))), so the points close in on 1 as d grows; a point far
 * above is a run whose crossing student was held back by another student
 * (see the multi-pair model, C9).
 */
export function escapeRatioVsDSpec(metrics: Metrics): TopLevelSpec {
  const pts = escapeRatios(metrics);
  const ds = pts.map((p) => p.d);
  const [lo, hi] = ds.length ? [Math.min(...ds), Math.max(...ds)] : [1, 10];
  const x = { field: 'd', type: 'quantitative', scale: { type: 'log' }, title: 'input dimension d (log scale)' };
  const y = { field: 'ratio', type: 'quantitative', scale: { type: 'log' }, title: 'measured / predicted first expert time (log scale)' };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: 320,
    config: { view: { stroke: '#ccc' }, axis: { gridColor: '#eee' } },
    layer: [
      { name: ESCAPE_RATIO_MARKS.one, data: { values: [{ d: lo, ratio: 1 }, { d: hi, ratio: 1 }] }, mark: { type: 'line', color: '#888', strokeDash: [5, 4] }, encoding: { x, y } },
      {
        name: ESCAPE_RATIO_MARKS.points, data: { values: pts }, mark: { type: 'point', filled: true, size: 50, color: '#4e79a7', opacity: 0.8 },
        encoding: { x, y, tooltip: [{ field: 'point' }, { field: 'd' }, { field: 'z' }, { field: 'ratio' }] },
      },
    ],
  } as TopLevelSpec;
}
