import type { TopLevelSpec } from 'vega-lite';
import type { Metrics } from '../../generated/metrics.ts';
import { claimById } from '../../claims/claimAccess.ts';

/** One bar of the over-parameterisation plot: the points sharing a ratio m/m*. */
export interface SuccessGroup {
  ratio: number;
  m: number;
  mStar: number;
  successes: number;
  runs: number;
  rate: number;
}

/**
 * Success of recovery (a point's C1 verdict 'holds') grouped by the
 * over-parameterisation ratio m/m*, in increasing ratio. Points whose C1 was
 * not evaluated count as runs without success.
 */
export function successByRatio(metrics: Metrics): SuccessGroup[] {
  const groups = new Map<string, SuccessGroup>();
  for (const p of metrics.points) {
    const key = `${p.m}/${p.mStar}`;
    const g = groups.get(key) ?? { ratio: p.m / p.mStar, m: p.m, mStar: p.mStar, successes: 0, runs: 0, rate: 0 };
    g.runs += 1;
    if (claimById(p.claims, 'C1')?.verdict === 'holds') g.successes += 1;
    g.rate = g.successes / g.runs;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => a.ratio - b.ratio || a.m - b.m);
}

/** Vega-lite unit name of the success-rate line. */
export const SUCCESS_MARK = 'success_rate';

/**
 * Success rate of recovery (C1) against m/m*, with "successes/runs" printed
 * above each point, for sweeps over the number of student experts.
 */
export function successVsOverparamSpec(metrics: Metrics): TopLevelSpec {
  const values = successByRatio(metrics).map((g) => ({ ...g, label: `${g.successes}/${g.runs}` }));
  const x = { field: 'ratio', type: 'quantitative', title: 'over-parameterisation m / m*', scale: { zero: false, nice: false, padding: 20 } };
  const y = { field: 'rate', type: 'quantitative', title: 'success rate of recovery (C1)', scale: { domain: [0, 1.08] }, axis: { format: '.0%', values: [0, 0.25, 0.5, 0.75, 1] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 480,
    height: 300,
    config: { view: { stroke: '#ccc' }, axis: { gridColor: '#eee' } },
    data: { values },
    layer: [
      { name: SUCCESS_MARK, mark: { type: 'line', point: { filled: true, size: 50 }, color: '#4e79a7' }, encoding: { x, y } },
      { mark: { type: 'text', dy: -10, fontSize: 10 }, encoding: { x, y, text: { field: 'label' } } },
    ],
  } as TopLevelSpec;
}
