import type { TopLevelSpec } from 'vega-lite';
import type { AlignmentMatrix, Pruning } from '../../generated/metrics.ts';

/** Vega-lite unit names of the four heatmaps (expert/router x before/after). */
export const HEATMAP_MARKS = ['expert_before', 'router_before', 'expert_after', 'router_after'] as const;

/**
 * Alignment heatmaps, students (rows) x teacher experts (columns: the
 * teacher's expert directions w*_j in the expert panels, its router
 * directions v*_j in the router panels), expert and router, before pruning (all m students; kept ones labelled "kept") and
 * after (the kept students, in the order of pruning.kept). Colour: diverging
 * red (+1) / blue (-1) on the fixed domain [-1, 1], shared by all four, so a
 * cancelling pair (same router row, opposite expert rows) shows as a red and
 * a blue cell in the same column. Each cell also prints its value to 2 decimals.
 */
export function pruningHeatmapsSpec(pruning: Pruning): TopLevelSpec {
  const kept = new Set(pruning.kept);
  const before = (i: number) => (kept.has(i) ? `s${i} kept` : `s${i}`);
  const after = (r: number) => `s${pruning.kept[r]}`;
  const row = (which: 'before' | 'after', label: (i: number) => string) =>
    (['expert', 'router'] as const).map((kind) => heatmap(`${kind}_${which}`, `${kind}, ${which} pruning`, pruning[which][kind], label, kind));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    config: { view: { stroke: null }, axis: { grid: false, domain: false, ticks: false } },
    vconcat: [{ hconcat: row('before', before) }, { hconcat: row('after', after) }],
    resolve: { scale: { color: 'shared' }, legend: { color: 'shared' } },
  } as TopLevelSpec;
}

/** Column label of teacher j in a panel: its expert direction w*_j or its router direction v*_j (never t, a time). */
export function heatmapColumn(kind: 'expert' | 'router', j: number): string {
  return `${kind === 'expert' ? 'w' : 'v'}*${j}`;
}

function heatmap(name: string, title: string, a: AlignmentMatrix, label: (i: number) => string, kind: 'expert' | 'router'): object {
  const values = a.flatMap((r, i) => r.map((v, j) => ({ student: label(i), teacher: heatmapColumn(kind, j), value: v })));
  const students = a.map((_, i) => label(i));
  const teachers = (a[0] ?? []).map((_, j) => heatmapColumn(kind, j));
  const axisTitle = kind === 'expert' ? 'teacher expert direction w*_j' : 'teacher router direction v*_j';
  const x = { field: 'teacher', type: 'ordinal', sort: teachers, title: axisTitle, axis: { labelAngle: 0, orient: 'top' } };
  const y = { field: 'student', type: 'ordinal', sort: students, title: 'student' };
  return {
    title: { text: title, fontSize: 12 },
    data: { values },
    width: { step: 44 },
    height: { step: 18 },
    layer: [
      {
        name,
        mark: { type: 'rect', stroke: 'white', strokeWidth: 0.5 },
        encoding: {
          x,
          y,
          color: { field: 'value', type: 'quantitative', title: 'alignment', scale: { scheme: 'redblue', reverse: true, domain: [-1, 1] } },
        },
      },
      {
        mark: { type: 'text', fontSize: 10 },
        encoding: {
          x,
          y,
          text: { field: 'value', type: 'quantitative', format: '.2f' },
          color: { condition: { test: 'abs(datum.value) > 0.6', value: 'white' }, value: '#222' },
        },
      },
    ],
  };
}
