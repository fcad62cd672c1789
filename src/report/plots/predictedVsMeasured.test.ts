import { describe, expect, it } from 'vitest';
import { renderSvg } from '../renderSvg.ts';
import { syntheticMetrics, syntheticPoint } from '../../../test-support/synthetic/syntheticMetrics.ts';
import { markItems } from '../../../test-support/svgMarks.ts';
import { PREDICTED_MARKS, predictedVsMeasuredSpec, predictionPoints } from './predictedVsMeasured.ts';

describe('predictedVsMeasuredSpec', () => {
  it('draws one point per recovered teacher and model, coloured by recovery order, with the y = x line', async () => {
    const m = syntheticMetrics([syntheticPoint({ mStar: 3, m: 4 })]);
    const pts = predictionPoints(m);
    expect(pts.filter((p) => p.model === 'one-pair closed form')).toHaveLength(3);
    expect(pts.filter((p) => p.model === 'multi-pair model')).toHaveLength(3);
    expect(new Set(pts.map((p) => p.order))).toEqual(new Set([1, 2, 3]));
    const svg = await renderSvg(predictedVsMeasuredSpec(m));
    expect(markItems(svg, PREDICTED_MARKS.points).items).toBe(6);
    expect(markItems(svg, PREDICTED_MARKS.identity).items).toBe(1);
  });

  it('leaves out the multi-pair point when the model crossed through another student', () => {
    const p = syntheticPoint({ mStar: 2, m: 3 });
    p.theory!.teachers[0].multiPair = { predicted: 1, student: 2, paired: false, sharedWith: null };
    const pts = predictionPoints(syntheticMetrics([p]));
    expect(pts.filter((x) => x.teacher === 0).map((x) => x.model)).toEqual(['one-pair closed form']);
  });
});
