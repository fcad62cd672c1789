import type { Metrics, Point, Stage } from '../../generated/metrics.ts';
import { tableBuilder, type Table } from './table.ts';

/** Stage names as the tables write them. */
const STAGE_NAMES = { featureLearning: 'feature-learning', fineTuning: 'fine-tuning' } as const;

/**
 * The run as three long-format ("tidy") tables, for pandas, R or a
 * spreadsheet (README, "Tidy data" has the columns):
 * - `alignments`: one row per (point, stage, t, student, teacher) of every
 *   record: router and expert alignment of that pair, the exact loss at t
 *   and the engine's own loss where it reported one; point-level columns
 *   (d, m, m_star, seed) repeated so a table groups without a join. Students
 *   keep their feature-learning index in the fine-tuning rows (pruning.kept
 *   maps the pruned rows back), so a pair can be followed across the stages.
 * - `events`: one row per threshold event (the first time a teacher's
 *   matched student passed the threshold, expert or router).
 * - `claims`: one row per claim verdict, of every point and of the run
 *   (point empty, scope 'run').
 * Non-finite numbers (NaN alignments of unmatched teachers) become nulls.
 */
export function tidyTables(metrics: Metrics): Table[] {
  return [alignmentTable(metrics.points), eventTable(metrics.points), claimTable(metrics)];
}

function stagesOf(p: Point): [keyof typeof STAGE_NAMES, Stage, (row: number) => number][] {
  const kept = p.pruning?.kept;
  const out: [keyof typeof STAGE_NAMES, Stage, (row: number) => number][] = [['featureLearning', p.featureLearning, (i) => i]];
  if (p.fineTuning) out.push(['fineTuning', p.fineTuning, (i) => kept?.[i] ?? i]);
  return out;
}

function alignmentTable(points: readonly Point[]): Table {
  const b = tableBuilder('alignments', [
    ['point', 'string'], ['d', 'int'], ['m', 'int'], ['m_star', 'int'], ['seed', 'int'], ['stage', 'string'], ['t', 'double'], ['step', 'int'],
    ['student', 'int'], ['teacher', 'int'], ['router', 'double'], ['expert', 'double'], ['loss', 'double'], ['engine_loss', 'double'],
  ]);
  for (const p of points) {
    for (const [key, stage, studentOf] of stagesOf(p)) {
      for (const r of stage.records) {
        r.router.forEach((row, i) => row.forEach((router, j) => {
          b.add(p.id, p.d, p.m, p.mStar, p.seed, STAGE_NAMES[key], r.t, r.step, studentOf(i), j, router, r.expert[i][j], r.loss, r.engineLoss);
        }));
      }
    }
  }
  return b.table;
}

function eventTable(points: readonly Point[]): Table {
  const b = tableBuilder('events', [
    ['point', 'string'], ['stage', 'string'], ['teacher', 'int'], ['student', 'int'], ['kind', 'string'], ['threshold', 'double'], ['t', 'double'],
  ]);
  for (const p of points) {
    for (const [key, stage, studentOf] of stagesOf(p)) {
      for (const e of stage.events) b.add(p.id, STAGE_NAMES[key], e.teacher, studentOf(e.student), e.kind, e.threshold, e.t);
    }
  }
  return b.table;
}

function claimTable(m: Metrics): Table {
  const b = tableBuilder('claims', [
    ['point', 'string'], ['scope', 'string'], ['claim', 'string'], ['title', 'string'], ['verdict', 'string'], ['evidence', 'string'],
  ]);
  for (const p of m.points) for (const c of p.claims) b.add(p.id, 'point', c.id, c.title, c.verdict, c.evidence);
  for (const c of m.claims) b.add(null, 'run', c.id, c.title, c.verdict, c.evidence);
  return b.table;
}
