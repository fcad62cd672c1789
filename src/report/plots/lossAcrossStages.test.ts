import { describe, expect, it } from 'vitest';
import { renderSvg } from '../renderSvg.ts';
import { syntheticPoint } from '../../../test-support/synthetic/syntheticMetrics.ts';
import { markItems } from '../../../test-support/svgMarks.ts';
import { LOSS_MARK, lossAcrossStagesSpec, zeroLossRecords } from './lossAcrossStages.ts';

type Row = { t: number; loss: number; stage: string };
const curveRows = (spec: unknown) => (spec as { layer: { data: { values: Row[] } }[] }).layer[0].data.values;

describe('lossAcrossStagesSpec', () => {
  it('draws feature learning and fine-tuning as two curves on one time axis', async () => {
    const p = syntheticPoint({ m: 3, mStar: 2, records: 30 });
    const svg = await renderSvg(lossAcrossStagesSpec(p));
    expect(markItems(svg, LOSS_MARK)).toEqual({ groups: 2, items: 2 });
    const rows = curveRows(lossAcrossStagesSpec(p));
    const ft = rows.filter((r) => r.stage === 'fine-tuning');
    expect(ft[0].t).toBe(p.featureLearning.final.t);
    expect(ft[ft.length - 1].t).toBeCloseTo(p.featureLearning.final.t + p.fineTuning!.final.t, 12);
    expect(svg).toContain('pruning');
  });

  it('leaves out zero losses (log scale) and counts them', () => {
    const p = syntheticPoint({ m: 3, mStar: 2, records: 30 });
    p.fineTuning!.records[59].loss = 0;
    p.fineTuning!.records[58].loss = 0;
    expect(zeroLossRecords(p)).toBe(2);
    expect(curveRows(lossAcrossStagesSpec(p)).every((r) => r.loss > 0)).toBe(true);
  });

  it('has one curve and no pruning rule without the later stages', async () => {
    const p = syntheticPoint({ m: 3, mStar: 2, records: 30, stages: false });
    const spec = lossAcrossStagesSpec(p) as unknown as { layer: unknown[] };
    expect(spec.layer.length).toBe(1);
    expect(markItems(await renderSvg(lossAcrossStagesSpec(p)), LOSS_MARK).items).toBe(1);
  });
});
