import { expect, it } from 'vitest';
import { renderSvg } from '../renderSvg.ts';
import { syntheticPoint } from '../../../test-support/synthetic/syntheticMetrics.ts';
import { markItems } from '../../../test-support/svgMarks.ts';
import { HEATMAP_MARKS, pruningHeatmapsSpec } from './pruningHeatmaps.ts';

it('draws one cell per student-teacher pair before (m x m*) and after (kept x m*) pruning', async () => {
  const p = syntheticPoint({ m: 5, mStar: 2, records: 20 });
  const svg = await renderSvg(pruningHeatmapsSpec(p.pruning!));
  const cells = Object.fromEntries(HEATMAP_MARKS.map((n) => [n, markItems(svg, n).items]));
  expect(cells).toEqual({ expert_before: 10, router_before: 10, expert_after: 4, router_after: 4 });
  expect(svg).toContain('s0 kept');
  expect(svg).not.toContain('s4 kept');
});

it('labels the rows after pruning with the original student indices', async () => {
  const p = syntheticPoint({ m: 4, mStar: 2, records: 20 });
  p.pruning!.kept = [3, 1];
  p.pruning!.removed = [0, 2].map((student) => ({ student, reason: 'test' }));
  const svg = await renderSvg(pruningHeatmapsSpec(p.pruning!));
  const after = svg.slice(svg.indexOf('expert_after_marks'));
  expect(after).toContain('student: s3;');
  expect(after).toContain('student: s1;');
  expect(after).not.toContain('student: s0;');
});

it('labels the columns by what they are: teacher expert directions w*_j in the expert panels, router directions v*_j in the router panels', async () => {
  const p = syntheticPoint({ m: 4, mStar: 2, records: 20 });
  const svg = await renderSvg(pruningHeatmapsSpec(p.pruning!));
  const router = svg.slice(svg.indexOf('router_before_marks'), svg.indexOf('expert_after_marks'));
  const expert = svg.slice(svg.indexOf('expert_before_marks'), svg.indexOf('router_before_marks'));
  expect(router).toContain('teacher router direction v*_j: v*1;');
  expect(router).not.toContain('w*');
  expect(expert).toContain('teacher expert direction w*_j: w*1;');
  expect(svg).toContain('teacher router direction v*_j');
  expect(svg).toContain('teacher expert direction w*_j');
  expect(svg).not.toContain('>t0<');
});
