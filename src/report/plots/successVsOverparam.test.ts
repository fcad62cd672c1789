import { expect, it } from 'vitest';
import { renderSvg } from '../renderSvg.ts';
import { syntheticMetrics, syntheticPoint } from '../../../test-support/synthetic/syntheticMetrics.ts';
import { markItems } from '../../../test-support/svgMarks.ts';
import { SUCCESS_MARK, successByRatio, successVsOverparamSpec } from './successVsOverparam.ts';

const metrics = () =>
  syntheticMetrics(
    [
      syntheticPoint({ id: 'a', m: 4, mStar: 2, recovered: true }),
      syntheticPoint({ id: 'b', m: 4, mStar: 2, recovered: false }),
      syntheticPoint({ id: 'c', m: 2, mStar: 2, recovered: false }),
      syntheticPoint({ id: 'd', m: 6, mStar: 2, recovered: true }),
    ],
    ['student.experts'],
  );

it('groups points by m/m* and counts C1 successes', () => {
  expect(successByRatio(metrics()).map((g) => [g.ratio, g.successes, g.runs])).toEqual([
    [1, 0, 1],
    [2, 1, 2],
    [3, 1, 1],
  ]);
});

it('draws one line through the groups, labelled successes/runs', async () => {
  const svg = await renderSvg(successVsOverparamSpec(metrics()));
  expect(markItems(svg, SUCCESS_MARK).items).toBe(1);
  expect(svg).toContain('>1/2<');
  expect(svg).toContain('>0/1<');
});
