import { describe, expect, it } from 'vitest';
import { renderSvg } from '../renderSvg.ts';
import { syntheticMetrics, syntheticPoint } from '../../../test-support/synthetic/syntheticMetrics.ts';
import { markItems } from '../../../test-support/svgMarks.ts';
import { recoveryTimeVsDSpec, TIME_SCALE_MARKS } from './recoveryTimeVsD.ts';

type Layer = { name?: string; data: { values: { d: number; T: number }[] } };
const layer = (spec: unknown, name: string) => (spec as { layer: Layer[] }).layer.find((l) => l.name === name);

function sweep(recovered: (d: number) => boolean = () => true) {
  return syntheticMetrics([100, 400, 1600].map((d) => syntheticPoint({ d, id: `d=${d}`, recovered: recovered(d) })), ['teacher.d']);
}

describe('recoveryTimeVsDSpec', () => {
  it('draws the recovered points, the C6 fit and the sqrt(d) reference', async () => {
    const m = sweep();
    const svg = await renderSvg(recoveryTimeVsDSpec(m));
    expect(markItems(svg, TIME_SCALE_MARKS.points).items).toBe(3);
    expect(markItems(svg, TIME_SCALE_MARKS.fit).items).toBe(1);
    expect(markItems(svg, TIME_SCALE_MARKS.reference).items).toBe(1);
  });

  it('uses the full-recovery fit C6 reports, not a refit', () => {
    const m = sweep();
    const details = (m.claims[5].details as { fullRecovery: { slope: number; intercept: number } }).fullRecovery;
    details.slope = 0.8;
    details.intercept = 1;
    const fit = layer(recoveryTimeVsDSpec(m), TIME_SCALE_MARKS.fit)!.data.values;
    expect(fit.map((v) => v.d)).toEqual([100, 1600]);
    expect(fit[1].T).toBeCloseTo(Math.exp(1) * 1600 ** 0.8, 9);
  });

  it('anchors the sqrt(d) reference at the geometric centre of the points', () => {
    const m = sweep();
    const pts = layer(recoveryTimeVsDSpec(m), TIME_SCALE_MARKS.points)!.data.values;
    const ref = layer(recoveryTimeVsDSpec(m), TIME_SCALE_MARKS.reference)!.data.values;
    const c = ref[0].T / Math.sqrt(ref[0].d);
    expect(ref[1].T / Math.sqrt(ref[1].d)).toBeCloseTo(c, 12);
    const meanLog = pts.reduce((s, p) => s + Math.log(p.T / Math.sqrt(p.d)), 0) / pts.length;
    expect(Math.log(c)).toBeCloseTo(meanLog, 12);
  });

  it('leaves out unrecovered points and draws no fit when C6 was not evaluated', () => {
    const m = sweep((d) => d === 400);
    expect(m.claims[5].verdict).toBe('not-evaluated');
    const spec = recoveryTimeVsDSpec(m);
    expect(layer(spec, TIME_SCALE_MARKS.points)!.data.values.map((v) => v.d)).toEqual([400]);
    expect(layer(spec, TIME_SCALE_MARKS.fit)).toBeUndefined();
  });
});
