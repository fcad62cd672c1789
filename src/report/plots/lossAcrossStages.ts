import type { TopLevelSpec } from 'vega-lite';
import type { Point } from '../../generated/metrics.ts';
import { downsampleIndices, MAX_POINTS_PER_CURVE } from './downsample.ts';

/** Vega-lite unit name of the loss curves (one path per stage). */
export const LOSS_MARK = 'loss_curves';

/** Vega-lite unit name of the reference flow's loss (dashed; featureLearning.compareWithFlow). */
export const REFERENCE_LOSS_MARK = 'loss_reference';

/**
 * Loss on a log scale across the three stages on one time axis: feature
 * learning from t = 0, then pruning (a vertical rule at the end of feature
 * learning, with the loss just before and just after it as two dots), then
 * fine-tuning with its time shifted by the feature-learning final time.
 * Records with loss <= 0 (exactly 0, or below 0 by rounding: src/core/rounding.ts)
 * cannot sit on a log axis and are left out (the caption counts them, see
 * `zeroLossRecords`). Each stage keeps <= 400 records.
 * A reference flow of feature learning is drawn dashed over its own time.
 */
export function lossAcrossStagesSpec(point: Point): TopLevelSpec {
  const shift = point.featureLearning.final.t;
  const curves = [
    ...stageRows(point.featureLearning.records, 0, 'feature learning'),
    ...(point.fineTuning ? stageRows(point.fineTuning.records, shift, 'fine-tuning') : []),
  ].filter((r) => r.loss > 0);
  const stages = point.fineTuning ? ['feature learning', 'fine-tuning'] : ['feature learning'];
  const color = { field: 'stage', type: 'nominal', scale: { domain: [...stages, 'pruning'], range: ['#4e79a7', '#e15759', '#333333'] }, title: 'stage' };
  const x = { field: 't', type: 'quantitative', title: 'training time t (fine-tuning continues after feature learning)' };
  const y = { field: 'loss', type: 'quantitative', scale: { type: 'log' }, title: 'loss (log scale)', axis: { format: '.0e' } };
  const layers: object[] = [{ name: LOSS_MARK, data: { values: curves }, mark: { type: 'line', strokeWidth: 1.8 }, encoding: { x, y, color } }];
  const ref = point.featureLearning.reference;
  if (ref) {
    const values = stageRows(ref.records, 0, 'exact flow from the same start').filter((r) => r.loss > 0);
    layers.unshift({ name: REFERENCE_LOSS_MARK, data: { values }, mark: { type: 'line', strokeWidth: 1.4, strokeDash: [5, 3], color: '#4e79a7', opacity: 0.8 }, encoding: { x, y } });
  }
  if (point.pruning) {
    const pr = point.pruning;
    const dots = [pr.lossBefore, pr.lossAfter].filter((l) => l > 0).map((loss) => ({ t: shift, loss, stage: 'pruning' }));
    layers.push(
      { data: { values: [{ t: shift }] }, mark: { type: 'rule', strokeDash: [4, 3], color: '#333' }, encoding: { x: { field: 't', type: 'quantitative' } } },
      {
        data: { values: [{ t: shift, label: 'pruning' }] },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 4, fontSize: 11 },
        encoding: { x: { field: 't', type: 'quantitative' }, text: { field: 'label' } },
      },
      { data: { values: dots }, mark: { type: 'point', filled: true, size: 45 }, encoding: { x, y, color } },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 760,
    height: 300,
    config: { view: { stroke: '#ccc' }, axis: { gridColor: '#eee' } },
    layer: layers,
  } as TopLevelSpec;
}

/** How many records of the point have loss <= 0 (zero to rounding; not drawable on a log axis). */
export function zeroLossRecords(point: Point): number {
  const all = [...point.featureLearning.records, ...(point.fineTuning?.records ?? [])];
  return all.filter((r) => r.loss <= 0).length;
}

function stageRows(records: Point['featureLearning']['records'], shift: number, stage: string) {
  return downsampleIndices(records.length, MAX_POINTS_PER_CURVE).map((k) => ({ t: records[k].t + shift, loss: records[k].loss, stage }));
}
