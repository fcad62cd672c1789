import { describe, expect, it } from 'vitest';
import { renderSvg } from '../renderSvg.ts';
import { syntheticPoint } from '../../../test-support/synthetic/syntheticMetrics.ts';
import { markItems, pathVertices } from '../../../test-support/svgMarks.ts';
import { ALIGNMENT_MARKS, alignmentCurvesSpec } from './alignmentCurves.ts';

describe('alignmentCurvesSpec', () => {
  it('draws one path per student-teacher pair in each panel, the matched pairs in their own mark', async () => {
    const p = syntheticPoint({ m: 3, mStar: 2, records: 30 });
    const svg = await renderSvg(alignmentCurvesSpec(p.featureLearning));
    expect(svg.startsWith('<svg')).toBe(true);
    for (const kind of ['router', 'expert'] as const) {
      const matched = markItems(svg, ALIGNMENT_MARKS[kind].matched);
      const others = markItems(svg, ALIGNMENT_MARKS[kind].others);
      expect(matched).toEqual({ groups: 2, items: 2 });
      expect(others).toEqual({ groups: 3 * 2 - 2, items: 3 * 2 - 2 });
    }
  });

  it('colours exactly the pairs of the matching, whatever students they are', async () => {
    const p = syntheticPoint({ m: 3, mStar: 2, records: 10, stages: false });
    p.featureLearning.matching = [
      { teacher: 0, student: 2, expert: 0.1, router: 0.1 },
      { teacher: 1, student: 0, expert: 0.1, router: 0.1 },
    ];
    const svg = await renderSvg(alignmentCurvesSpec(p.featureLearning));
    const g = svg.indexOf(`${ALIGNMENT_MARKS.expert.matched}_marks`);
    const labels = [...svg.slice(g).matchAll(/pair: (s\d-t\d)/g)].map((m) => m[1]);
    expect(labels.slice(0, 2).sort()).toEqual(['s0-t1', 's2-t0']);
  });

  it('keeps the unmatched teacher of an under-parameterised student uncoloured', async () => {
    const p = syntheticPoint({ m: 1, mStar: 2, records: 10, stages: false });
    const svg = await renderSvg(alignmentCurvesSpec(p.featureLearning));
    expect(markItems(svg, ALIGNMENT_MARKS.expert.matched).items).toBe(1);
    expect(markItems(svg, ALIGNMENT_MARKS.expert.others).items).toBe(1);
  });

  it('draws at most 400 points per curve however many records there are', async () => {
    const p = syntheticPoint({ m: 2, mStar: 1, records: 1500, stages: false });
    const svg = await renderSvg(alignmentCurvesSpec(p.featureLearning));
    const g = svg.indexOf(`${ALIGNMENT_MARKS.router.matched}_marks`);
    const d = /\sd="([^"]+)"/.exec(svg.slice(g))![1];
    expect(pathVertices(d)).toBe(400);
  });

  it('puts a dot at every threshold event, at the threshold', () => {
    const p = syntheticPoint({ m: 3, mStar: 2, records: 40 });
    const spec = alignmentCurvesSpec(p.featureLearning) as unknown as { hconcat: { layer: { data: { values: { threshold: number }[] } }[] }[] };
    const dots = spec.hconcat.flatMap((panel) => panel.layer[2].data.values);
    expect(dots.length).toBe(p.featureLearning.events.length);
    expect(dots.length).toBeGreaterThan(0);
    expect(dots.every((d) => d.threshold === 0.9)).toBe(true);
  });

  it('draws the reference flow dashed, one path per matched pair of its own matching, under the stage curves', async () => {
    const p = syntheticPoint({ m: 3, mStar: 2, records: 30, stages: false });
    const s = p.featureLearning;
    expect(markItems(await renderSvg(alignmentCurvesSpec(s)), ALIGNMENT_MARKS.expert.reference).items).toBe(0);
    const reference = { ...s, matching: [{ teacher: 0, student: 1, expert: 0.5, router: 0.5 }, { teacher: 1, student: 2, expert: 0.5, router: 0.5 }] };
    const svg = await renderSvg(alignmentCurvesSpec({ ...s, reference }));
    for (const kind of ['router', 'expert'] as const) {
      expect(markItems(svg, ALIGNMENT_MARKS[kind].reference)).toEqual({ groups: 2, items: 2 });
      const g = svg.indexOf(`${ALIGNMENT_MARKS[kind].reference}_marks`);
      expect(svg.slice(g, svg.indexOf('</g>', g))).toContain('stroke-dasharray="5,3"');
      // Drawn first: under the stage's own curves.
      expect(g).toBeLessThan(svg.indexOf(`${ALIGNMENT_MARKS[kind].others}_marks`));
    }
  });
});
