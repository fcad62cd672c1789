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
    ...theorySection(metrics),
    ...figureSection(metrics, figures),
    ...detailsSection(metrics),
  ];
}

/**
 * Which claims are the paper's and which the theory's sharper forms of them:
 * the claims table says so in its "kind" column.
 */
export const CLAIM_KINDS: Record<Claim['id'], string> = {
  C1: 'paper',
  C2: 'paper (C8 is its quantitative form)',
  C3: 'paper',
  C4: "stricter check: function unchanged (the paper's pruning claim is C11)",
  C5: 'paper (C10 is its rate)',
  C6: "paper's time scale, decided on the theory's law (T z against d)",
  C7: 'theory: escape time of the first teacher',
  C8: 'theory: sharp form of C2',
  C9: 'theory: every teacher, the later ones included',
  C10: 'theory: sharp form of C5',
  C11: "paper's pruning claim",
};

function claimsTable(claims: Claim[]): Block {
  const rows = claims.map((c): Cell[] => [c.id, c.title, CLAIM_KINDS[c.id], { verdict: c.verdict }, c.evidence]);
  return { kind: 'table', role: 'claims', header: ['id', 'claim', 'kind', 'verdict', 'evidence'], rows };
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
        'Theory: each teacher\'s expert time predicted from the initial overlap r0 of the student that crossed (one-pair closed form, C7) and by the ' +
          'multi-pair leading-order model run from the same start (C9), the router\'s lag behind its expert (C8) and the fine-tuning rate 2 lambda_min ' +
          'of the Hessian at the optimum (C10), each against the measurement.',
        'Sweeps: the first expert time over its prediction against d (C6, C7: it closes in on 1 as d grows) and the full-recovery time T against d on ' +
          'log-log axes (reported: it waits on the later teachers and on plateaus).',
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
  const ids = ['C1', 'C2', 'C3', 'C4', 'C5', 'C7', 'C8', 'C9', 'C10', 'C11'] as const;
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

/** The theory's predictions against the measurement: per teacher for one point, the first teacher per point for a sweep. */
function theorySection(m: Metrics): Block[] {
  const withTheory = m.points.filter((p) => p.theory);
  if (!withTheory.length) return [];
  const t0 = withTheory[0].theory!;
  const out: Block[] = [
    { kind: 'heading', level: 2, text: 'Theory against measurement' },
    {
      kind: 'paragraph',
      text: `Leading-order constants from the sigmoid's Hermite coefficients: kappa = 18 c0^2 = ${fmt(t0.kappa, 6)} (dr/dt = kappa r^2 (1 - r^2) for an expert overlap), router rate 6 c1^2 = ${fmt(t0.routerRate, 6)}; times are to the alignment ${fmt(t0.threshold)}. ` +
        'Expert times: predicted by the one-pair closed form from the crossing student\'s initial overlap r0 (z = r0 sqrt(d)) and by the multi-pair model (the flow of the leading-order loss from the same start).',
    },
  ];
  if (m.points.length === 1) out.push(teacherTable(withTheory[0]), ...fineTuningLine(withTheory[0]));
  else out.push(firstTeacherTable(withTheory));
  return out;
}

function ratio(a: number | null | undefined, b: number | null | undefined): string {
  return a != null && b != null && b !== 0 ? fmt(a / b, 4) : '—';
}

function teacherTable(p: Point): Block {
  const rows = [...p.theory!.teachers]
    .sort((a, b) => (a.order ?? Infinity) - (b.order ?? Infinity) || a.teacher - b.teacher)
    .map((t): Cell[] => {
      const lo = t.multiPair?.student === t.student ? t.multiPair?.predicted : null;
      return [
        t.order === null ? '—' : String(t.order), `t${t.teacher}`, t.student === null ? '—' : `s${t.student}`, fmt(t.r0, 4), fmt(t.z, 3),
        fmt(t.expertTime.predicted, 5), fmt(lo, 5), fmt(t.expertTime.measured, 5), ratio(t.expertTime.measured, t.expertTime.predicted), ratio(t.expertTime.measured, lo),
        `${fmt(t.routerAtExpertTime.predicted, 3)} / ${fmt(t.routerAtExpertTime.measured, 3)}`, `${fmt(t.routerLag.predicted, 4)} / ${fmt(t.routerLag.measured, 4)}`,
      ];
    });
  return {
    kind: 'table',
    header: ['order', 'teacher', 'student', 'r0', 'z', 'expert time: one-pair', 'multi-pair', 'measured', 'measured / one-pair', 'measured / multi-pair', 'router at expert time: predicted / measured', 'router lag: predicted / measured'],
    rows,
  };
}

function fineTuningLine(p: Point): Block[] {
  const f = p.theory?.fineTuning;
  if (!f) return [];
  return [{
    kind: 'paragraph',
    text: `Fine-tuning: smallest non-zero eigenvalue of the Hessian at the optimum lambda_min = ${fmt(f.lambdaMin, 6)} (in ${f.hessianDimension} dimensions), predicted rate 2 lambda_min = ${fmt(f.predictedRate, 6)} per unit time${f.clusterRate > f.predictedRate ? ` (slowest cluster up to ${fmt(f.clusterRate, 6)})` : ''}; fitted ${fmt(f.fittedRate, 6)} (ratio ${ratio(f.fittedRate, f.predictedRate)}).`,
  }];
}

function firstTeacherTable(points: Point[]): Block {
  const rows = points.map((p): Cell[] => {
    const t = p.theory!.teachers.find((x) => x.order === 1);
    const lo = t && t.multiPair?.student === t.student ? t.multiPair?.predicted : null;
    const f = p.theory!.fineTuning;
    return [
      p.id, String(p.d), String(p.m), String(p.mStar), t ? `t${t.teacher}` : '—', fmt(t?.z, 3), fmt(t?.expertTime.predicted, 5), fmt(t?.expertTime.measured, 5),
      ratio(t?.expertTime.measured, t?.expertTime.predicted), ratio(t?.expertTime.measured, lo),
      t ? `${fmt(t.routerLag.predicted, 4)} / ${fmt(t.routerLag.measured, 4)}` : '—', f ? `${fmt(f.predictedRate, 5)} / ${fmt(f.fittedRate, 5)}` : '—',
    ];
  });
  return {
    kind: 'table',
    header: ['point', 'd', 'm', 'm*', 'first teacher', 'z', 'expert time: one-pair', 'measured', 'measured / one-pair', 'measured / multi-pair', 'router lag: predicted / measured', 'fine-tuning rate: predicted / fitted'],
    rows,
  };
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
