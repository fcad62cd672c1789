import { describe, expect, it } from 'vitest';
import { renderSvg } from '../renderSvg.ts';
import { syntheticMetrics, syntheticPoint } from '../../../test-support/synthetic/syntheticMetrics.ts';
import { markItems } from '../../../test-support/svgMarks.ts';
import { ESCAPE_RATIO_MARKS, escapeRatioVsDSpec, escapeRatios } from './escapeRatioVsD.ts';

describe('escapeRatioVsDSpec', () => {
  it('draws the first teacher\'s measured / predicted ratio of every point against d, and the line ratio = 1', async () => {
    const m = syntheticMetrics([100, 400, 1600].map((d) => syntheticPoint({ d, id: `d=${d}` })), ['d']);
    const r = escapeRatios(m);
    expect(r.map((x) => x.d)).toEqual([100, 400, 1600]);
    // The synthetic predictions are 5% below the event times.
    r.forEach((x) => expect(x.ratio).toBeCloseTo(1 / 0.95, 12));
    const svg = await renderSvg(escapeRatioVsDSpec(m));
    expect(markItems(svg, ESCAPE_RATIO_MARKS.points).items).toBe(3);
    expect(markItems(svg, ESCAPE_RATIO_MARKS.one).items).toBe(1);
  });
});
