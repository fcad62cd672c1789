import { stringify } from 'yaml';
import type { Claim, Metrics, Point, Stage } from '../generated/metrics.ts';
import { claimById, recoveryOf } from '../claims/claimAccess.ts';
import { firstEscapeTime, sampleComplexityFit, samplesToFirstEscape } from '../claims/sampleComplexity.ts';
import type { FigurePlan } from './figures.ts';
import { fmt } from '../core/format.ts';

/** A table cell: text, or a claim verdict (rendered as a badge). Text may hold `code spans`. */
export type Cell = string | { verdict: Claim['verdict'] };

/**
 * The report as format-neutral blocks; toMarkdown and toHtml render the same
 * blocks, so report.md and report.html always say the same thing. Text is
 * plain except `backtick spans`, which render as code.
 */
export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; header: string[]; rows: Cell[][]; role?: 'claims' }
  | { kind: 'code'; language: string; text: string; summary: string }
  | { kind: 'figure'; file: string; title: string; caption: string; svg: string };

/** A rendered figure: its plan and its SVG text. */
export type RenderedFigure = FigurePlan & { svg: string };

/**
 * The report: a title, then the claims table first (id, claim, verdict,
 * evidence), then the run (seed, engines, backend, versions, the resolved
 * scenario), a short guide to reading it, the results per point, and the
 * figures. Every number comes from `metrics`.
 */
export function buildReportDocument(metrics: Metrics, figures: RenderedFigure[]): Block[] {
  return [
    { kind: 'heading', level: 1, text: `moe-repro report: ${metrics.scenario.name}` },
    claimsTable(metrics.claims),
    ...runSection(metrics),
    ...howToRead(metrics),
    ...resultsSection(metrics),
    ...figureSection(metrics, figures),
    ...detailsSection(metrics),
  ];
}

function claimsTable(claims: Claim[]): Block {
  const rows = claims.map((c): Cell[] => [c.id, c.title, { verdict: c.verdict }, c.evidence]);
  return { kind: 'table', role: 'claims', header: ['id', 'claim', 'verdict', 'evidence'], rows };
}

function runSection(m: Metrics): Block[] {
  const e = m.environment;
  const sets = (m.scenario.overrides ?? []).map((o) => ` --set ${shellWord(o)}`).join('');
  const items = [
    `Scenario: ${m.scenario.name} (\`${m.scenario.file}\`)${m.scenario.description ? `: ${m.scenario.description}` : ''}`,
    ...(sets ? [`Command-line overrides: ${m.scenario.overrides!.map((o) => `\`${o}\``).join(', ')} (in the resolved scenario below)`] : []),
    `Seed: ${m.seed} (reproduce with \`moe-repro run ${m.scenario.file}${sets} --seed ${m.seed}\`)`,
    `Points: ${m.points.length}${m.sweep ? `, sweep over ${m.sweep.fields.map((f) => `\`${f}\``).join(', ')}${m.sweep.note ? ` (${m.sweep.note})` : ''}` : ' (no sweep)'}`,
    ...engines(m),
    `Backend: ${e.backend}`,
    `Source: ${sourceOf(e.git)}`,
    `moe-repro ${e.moeRepro}, Node ${e.node}, ${e.platform}/${e.arch}, ${e.cpus} CPUs; started ${e.startedAt}, ${fmt(e.wallSeconds)} s wall time`,
  ];
  const versions = Object.entries(e.versions).sort(([a], [b]) => a.localeCompare(b));
  return [
    { kind: 'heading', level: 2, text: 'Run' },
    { kind: 'list', items },
    ...(versions.length ? [{ kind: 'table', header: ['library', 'version'], rows: versions.map(([k, v]) => [k, v ?? '']) } as Block] : []),
    { kind: 'code', language: 'yaml', summary: 'Resolved scenario (every default filled in)', text: stringify(m.scenario.resolved).trimEnd() },
  ];
}

function sourceOf(git: Metrics['environment']['git']): string {
  if (git === undefined) return 'not recorded (a report from before moe-repro recorded its commit)';
  if (git === null) return 'not a git checkout (no commit recorded)';
  const state = git.dirty ? ', with uncommitted changes to tracked files (the numbers may not come from that commit alone)' : ', clean tree';
  return `git commit ${git.commit}${state}`;
}

/** A word as a POSIX shell reads it back: bare when safe, else single-quoted. */
function shellWord(s: string): string {
  return /^[\w.,:=+\/@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function engines(m: Metrics): string[] {
  const describe = (s: Stage | undefined) => (s ? `${s.engine}${s.method ? ` (${s.method})` : ''}${s.backend ? ` on ${s.backend}` : ''}` : undefined);
  const distinct = (xs: (string | undefined)[]) => [...new Set(xs.filter((x): x is string => x !== undefined))].join('; ') || 'none';
  return [
    `Feature learning engine: ${distinct(m.points.map((p) => describe(p.featureLearning)))}`,
    `Pruning rule: ${distinct(m.points.map((p) => p.pruning?.rule))}`,
    `Fine-tuning engine: ${distinct(m.points.map((p) => describe(p.fineTuning)))}`,
  ];
}

function howToRead(m: Metrics): Block[] {
  const sizes = new Set(m.points.map((p) => `${p.m} × ${p.mStar}`));
  const pairs = sizes.size === 1 ? [...sizes][0] : 'm × m*';
  return [
    { kind: 'heading', level: 2, text: 'How to read this report' },
    {
      kind: 'list',
      items: [
        'Claims: one row per claim of the paper. holds / fails were decided by the thresholds in the resolved scenario; not-evaluated says why in its evidence.',
        'Alignment: the cosine between a student direction and a teacher direction (router v or expert w); 1 = recovered, −1 = opposite. ' +
          'Each teacher is matched to one student (best summed expert alignment, one-to-one).',
        `Alignment curves (the paper's figure): grey, all ${pairs} student-teacher pairs; in colour, the matched pair of each teacher. ` +
          'A dot marks the first time a matched alignment passed a threshold: the expert\'s dot before the router\'s is C2, teachers recovered one after another is C3.',
        'Loss: log scale over feature learning, the pruning step (dashed line) and fine-tuning; a straight descending line on this scale is linear convergence (C5).',
        'Heatmaps: students × teachers before and after pruning; a cancelling pair is two rows with equal router alignments and opposite expert alignments ' +
          '(their outputs cancel, so removing both keeps the function: C4).',
        'Sweeps: recovery time T against d on log-log axes; slope 1/2 is the O(sqrt d) time scale (C6).',
        ...(m.points.some((p) => p.featureLearning.reference)
          ? ['Dashed curves: the exact gradient flow from the same initialisation, with the same horizon and stopping rule ' +
            '(featureLearning.compareWithFlow): how closely this engine follows the flow it simulates.']
          : []),
        ...(m.points.some((p) => p.featureLearning.sgd)
          ? ['Online SGD: flow time t = steps x learning rate; samples = steps x batch. The first escape is the first time a teacher expert\'s matched student passed the recovery threshold.']
          : []),
        'Every number here is read from metrics.json in this folder; the same scenario and seed give the same numbers.',
      ],
    },
  ];
}

function resultsSection(m: Metrics): Block[] {
  const out: Block[] = [{ kind: 'heading', level: 2, text: 'Results' }];
  if (m.points.length > 1) out.push(...pointsTable(m));
  else out.push(...pointDetails(m.points[0]));
  return out;
}

function pointsTable(m: Metrics): Block[] {
  const ids = ['C1', 'C2', 'C3', 'C4', 'C5'] as const;
  const sgd = m.points.some((p) => p.featureLearning.sgd);
  const reference = m.points.some((p) => p.featureLearning.reference);
  const rows = m.points.map((p): Cell[] => {
    const r = recoveryOf(p);
    const fl = p.featureLearning;
    const verdicts = ids.map((id): Cell => {
      const c = claimById(p.claims, id);
      return c ? { verdict: c.verdict } : '—';
    });
    const extra = [
      ...(sgd ? [fl.sgd ? fmt(fl.sgd.learningRate) : '—', fmt(firstEscapeTime(fl)), fmt(samplesToFirstEscape(fl))] : []),
      ...(reference ? [fl.reference ? fmt(firstEscapeTime(fl.reference)) : '—', fl.reference ? fmt(fl.reference.recoveryTime ?? null) : '—'] : []),
    ];
    return [p.id, String(p.d), String(p.m), String(p.mStar), fmt(r.T), fmt(r.TOverSqrtD), ...extra, fmt(p.fineTuning?.final.loss ?? fl.final.loss), ...verdicts];
  });
  const header = [
    'point', 'd', 'm', 'm*', 'T', 'T/sqrt(d)',
    ...(sgd ? ['lr', 'first escape t', 'samples to it'] : []),
    ...(reference ? ['flow: first escape t', 'flow: T'] : []),
    'final loss', ...ids,
  ];
  const out: Block[] = [{ kind: 'table', header, rows }];
  if (sgd) out.push({ kind: 'paragraph', text: sampleComplexityText(m) });
  return out;
}

/** The fit of ln(samples to the first escape) on ln d, or why there is none. */
function sampleComplexityText(m: Metrics): string {
  const fit = sampleComplexityFit(m.points);
  const what = 'First escape: the first time a teacher expert\'s matched student passed the recovery threshold; samples to it = steps to it x batch.';
  if (!fit) return `${what} No fit of samples against d: SGD escaped at fewer than two values of d.`;
  return `${what} Over ${fit.points} points: ln(samples) = ${fmt(fit.intercept)} + ${fmt(fit.slope)} ln d (r² ${fmt(fit.r2, 3)}); ` +
    'online SGD with He3 experts (information exponent 3) needs ~d² samples when its step scales like d^(-3/2).';
}

function pointDetails(p: Point): Block[] {
  const stage = (name: string, s: Stage): Cell[] => [
    name, s.engine + (s.method ? ` (${s.method})` : ''), fmt(s.horizon), fmt(s.final.t), fmt(s.records[0].loss), fmt(s.final.loss), String(s.records.length), fmt(s.wallSeconds),
  ];
  const rows = [stage('feature learning', p.featureLearning), ...(p.fineTuning ? [stage('fine-tuning', p.fineTuning)] : [])];
  const r = recoveryOf(p);
  const out: Block[] = [
    { kind: 'paragraph', text: `d = ${p.d}, m = ${p.m}, m* = ${p.mStar}, seed ${p.seed}. Recovery time T = ${fmt(r.T)} (T/sqrt(d) = ${fmt(r.TOverSqrtD)}).${sgdText(p)}${referenceText(p)}` },
    { kind: 'table', header: ['stage', 'engine', 'horizon', 'final t', 'initial loss', 'final loss', 'records', 'wall s'], rows },
    matchingTable(p),
  ];
  const pr = p.pruning;
  if (pr) {
    const kept = pr.kept.map((i) => `s${i}`).join(', ') || 'none';
    const loss = `loss ${fmt(pr.lossBefore)} → ${fmt(pr.lossAfter)} (change ${fmt(pr.lossChange)}, tolerance ${fmt(pr.tolerance)})`;
    out.push({ kind: 'paragraph', text: `Pruning (rule ${pr.rule}): kept ${kept}, removed ${pr.removed.length} (listed at the end); ${loss}.` });
  }
  return out;
}

function sgdText(p: Point): string {
  const g = p.featureLearning.sgd;
  if (!g) return '';
  const where = g.space === 'span' ? 'in the span of the directions (exact in distribution, float64)' : 'in R^d (tfjs, float32)';
  return ` Online SGD ${where}: learning rate ${fmt(g.learningRate)}, batch ${g.batch}, ${p.featureLearning.steps ?? '?'} steps, ${fmt(g.samples)} samples; ` +
    `first escape at t = ${fmt(firstEscapeTime(p.featureLearning))} after ${fmt(samplesToFirstEscape(p.featureLearning))} samples.`;
}

function referenceText(p: Point): string {
  const ref = p.featureLearning.reference;
  if (!ref) return '';
  const T = ref.recoveryTime ?? null;
  const recovered = T === null ? `not every teacher recovered by t = ${fmt(ref.final.t)}` : `all teachers recovered at T = ${fmt(T)}`;
  return ` The exact gradient flow from the same initialisation (dashed in the plots): first escape at t = ${fmt(firstEscapeTime(ref))}, ${recovered} (${fmt(ref.wallSeconds)} s).`;
}

function matchingTable(p: Point): Block {
  const ft = new Map((p.fineTuning?.matching ?? []).map((x) => [x.teacher, x]));
  const rows = p.featureLearning.matching.map((x): Cell[] => {
    const f = ft.get(x.teacher);
    return [`teacher ${x.teacher}`, x.student >= 0 ? `s${x.student}` : 'none', fmt(x.expert, 4), fmt(x.router, 4), f ? fmt(f.expert, 10) : '—', f ? fmt(f.router, 10) : '—'];
  });
  return { kind: 'table', header: ['teacher', 'matched student', 'expert (end of feature learning)', 'router', 'expert (after fine-tuning)', 'router'], rows };
}

/** Why each student was pruned, per point: long for m = 25, so after the plots. */
function detailsSection(m: Metrics): Block[] {
  const pruned = m.points.filter((p) => p.pruning && p.pruning.removed.length);
  if (!pruned.length) return [];
  const out: Block[] = [{ kind: 'heading', level: 2, text: 'Pruning details' }];
  for (const p of pruned) {
    if (m.points.length > 1) out.push({ kind: 'heading', level: 3, text: `Point ${p.id}` });
    out.push({ kind: 'table', header: ['removed', 'reason'], rows: removalRows(p.pruning!.removed) });
  }
  return out;
}

/**
 * One row per removal: a cancelling pair or group once, with all its
 * members (each member's record names the others), a student removed alone
 * on its own row.
 */
function removalRows(removed: NonNullable<Point['pruning']>['removed']): Cell[][] {
  const seen = new Set<number>();
  const rows: Cell[][] = [];
  for (const x of removed) {
    if (seen.has(x.student)) continue;
    const members = [x.student, ...(x.group ?? [])].sort((a, b) => a - b);
    for (const i of members) seen.add(i);
    rows.push([members.map((i) => `s${i}`).join(', '), x.reason]);
  }
  return rows;
}

const OTHER_FORMATS =
  'Each plot is also in this folder as PNG (twice the SVG size; where @resvg/resvg-js is installed), PDF and its Vega-Lite spec ' +
  'with the data inline (`.vl.json`, to restyle in Altair or the Vega editor); the data as tidy tables: `alignments.csv`, ' +
  '`events.csv` and `claims.csv` (also `.parquet`).';

function figureSection(m: Metrics, figures: RenderedFigure[]): Block[] {
  const out: Block[] = [{ kind: 'heading', level: 2, text: 'Plots' }];
  const shownPoints = new Set(figures.map((f) => f.pointId).filter(Boolean));
  if (shownPoints.size < m.points.length && m.points.length > 1)
    out.push({ kind: 'paragraph', text: `Per-point plots are drawn for the first ${shownPoints.size} of ${m.points.length} points; all points are in the table above and in metrics.json.` });
  if (figures.length)
    out.push({ kind: 'paragraph', text: OTHER_FORMATS });
  for (const f of figures) out.push({ kind: 'figure', file: f.file, title: f.title, caption: f.caption, svg: f.svg });
  return out;
}
