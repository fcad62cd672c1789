import type { TopLevelSpec } from 'vega-lite';
import type { Stage } from '../../generated/metrics.ts';
import { downsampleIndices, MAX_POINTS_PER_CURVE } from './downsample.ts';
import { teacherColors, teacherLabel } from './palette.ts';

/** Vega-lite unit names of the alignment figure; each line mark is one `<g class="... NAME_marks">` with one path per curve. */
export const ALIGNMENT_MARKS = {
  router: { others: 'router_others', matched: 'router_matched', reference: 'router_reference' },
  expert: { others: 'expert_others', matched: 'expert_matched', reference: 'expert_reference' },
} as const;

/**
 * The paper's figure: two panels over training time, router alignments
 * <v_i/|v_i|, v*_j/|v*_j|> (left) and expert alignments <w_i/|w_i|, w*_j/|w*_j|>
 * (right), one curve per student-teacher pair (m x m* curves per panel). Pairs
 * in the stage's final matching are drawn thick in their teacher's colour, the
 * others thin and grey; threshold events (C2, C3) are dots on the matched
 * curves. With a reference stage (the exact flow from the same start,
 * featureLearning.compareWithFlow), its matched pairs are drawn dashed in
 * the same colours under the stage's curves. Each curve keeps <= 400
 * records (evenly spaced, first and last kept).
 */
export function alignmentCurvesSpec(stage: Stage): TopLevelSpec {
  const mStar = stage.records[0].expert[0]?.length ?? 0;
  const values = curveValues(stage);
  const reference = stage.reference ? curveValues(stage.reference).filter((v) => v.matched) : [];
  const events = stage.events.map((e) => ({ ...e, teacherName: teacherLabel(e.teacher) }));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { view: { stroke: '#ccc' }, axis: { gridColor: '#eee' } },
    hconcat: (['router', 'expert'] as const).map((kind) => panel(kind, values, reference, events, mStar)),
    resolve: { scale: { color: 'shared' } },
  } as TopLevelSpec;
}

/** One value per (record, student, teacher), the pairs of the stage's final matching flagged. */
function curveValues(stage: Stage): { t: number; pair: string; teacher: string; matched: boolean; router: number; expert: number }[] {
  const matched = new Set(stage.matching.filter((x) => x.student >= 0).map((x) => `${x.student}-${x.teacher}`));
  const values = [];
  for (const k of downsampleIndices(stage.records.length, MAX_POINTS_PER_CURVE)) {
    const r = stage.records[k];
    for (let i = 0; i < r.expert.length; i++) {
      for (let j = 0; j < r.expert[i].length; j++) {
        values.push({ t: r.t, pair: `s${i}-t${j}`, teacher: teacherLabel(j), matched: matched.has(`${i}-${j}`), router: r.router[i][j], expert: r.expert[i][j] });
      }
    }
  }
  return values;
}

function panel(kind: 'router' | 'expert', values: object[], reference: object[], events: object[], mStar: number): object {
  const x = { field: 't', type: 'quantitative', title: 'training time t', scale: { nice: false } };
  const y = { field: kind, type: 'quantitative', title: `${kind} alignment`, scale: { domain: [-1, 1] } };
  const color = { field: 'teacher', type: 'nominal', scale: teacherColors(mStar), legend: { title: 'matched to teacher' } };
  const symbol = kind === 'router' ? '⟨v_i, v*_j⟩' : '⟨w_i, w*_j⟩';
  return {
    width: 420,
    height: 300,
    title: { text: `${kind === 'router' ? 'Router' : 'Expert'} alignment ${symbol}`, fontSize: 12 },
    layer: [
      ...(reference.length
        ? [{
            name: ALIGNMENT_MARKS[kind].reference,
            data: { values: reference },
            mark: { type: 'line', strokeWidth: 1.6, strokeDash: [5, 3], opacity: 0.85 },
            encoding: { x, y, color, detail: { field: 'pair', type: 'nominal' } },
          }]
        : []),
      {
        name: ALIGNMENT_MARKS[kind].others,
        data: { values: values.filter((v) => !(v as { matched: boolean }).matched) },
        mark: { type: 'line', color: '#9a9a9a', strokeWidth: 0.6, opacity: 0.6 },
        encoding: { x, y, detail: { field: 'pair', type: 'nominal' } },
      },
      {
        name: ALIGNMENT_MARKS[kind].matched,
        data: { values: values.filter((v) => (v as { matched: boolean }).matched) },
        mark: { type: 'line', strokeWidth: 2 },
        encoding: { x, y, color, detail: { field: 'pair', type: 'nominal' } },
      },
      {
        data: { values: events.filter((e) => (e as { kind: string }).kind === kind) },
        mark: { type: 'point', filled: true, size: 40, stroke: 'white', strokeWidth: 0.8, opacity: 1 },
        encoding: { x, y: { ...y, field: 'threshold' }, color: { ...color, field: 'teacherName' } },
      },
    ],
  };
}
