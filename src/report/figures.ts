import type { TopLevelSpec } from 'vega-lite';
import type { Metrics, Point } from '../generated/metrics.ts';
import { fullRecoveryFit, recoveryOf, timeScaleFit } from '../claims/claimAccess.ts';
import { downsampleIndices, MAX_POINTS_PER_CURVE } from './plots/downsample.ts';
import { fmt } from '../core/format.ts';
import { alignmentCurvesSpec } from './plots/alignmentCurves.ts';
import { lossAcrossStagesSpec, zeroLossRecords } from './plots/lossAcrossStages.ts';
import { pruningHeatmapsSpec } from './plots/pruningHeatmaps.ts';
import { recoveryTimeVsDSpec } from './plots/recoveryTimeVsD.ts';
import { escapeRatios, escapeRatioVsDSpec } from './plots/escapeRatioVsD.ts';
import { predictedVsMeasuredSpec, predictionPoints } from './plots/predictedVsMeasured.ts';
import { successByRatio, successVsOverparamSpec } from './plots/successVsOverparam.ts';

/** One figure of a report: its SVG file name, title, caption (numbers from metrics) and vega-lite spec. */
export interface FigurePlan {
  file: string;
  title: string;
  caption: string;
  spec: TopLevelSpec;
  /** The point it shows, or undefined for sweep-wide figures. */
  pointId?: string;
}

/** Per-point figures are drawn for at most this many points (all points are in the tables and metrics.json). */
export const MAX_POINTS_WITH_FIGURES = 12;

/** File names of figures this module writes, in every format (to recognise stale ones from an earlier run). */
export const FIGURE_FILE_PATTERN =
  /^(alignment|loss|pruning-heatmaps|recovery-time-vs-d|escape-ratio-vs-d|predicted-vs-measured|success-vs-overparameterisation|point-\d+-.*)\.(svg|png|pdf|vl\.json)$/;

/**
 * The figures a metrics object calls for: the measured against predicted
 * expert times of every teacher (C7, C9) when the theory predicted any; over
 * a sweep with two or more values of d, the first expert time's
 * measured / predicted ratio against d (C6, C7) and the full-recovery time
 * T against d; with two or more ratios m/m*, the success
 * rate against m/m*; then for each point (the first MAX_POINTS_WITH_FIGURES)
 * the alignment curves of feature learning, the loss across the stages and,
 * when pruned, the alignment heatmaps before/after pruning.
 */
export function planFigures(metrics: Metrics): FigurePlan[] {
  const plans: FigurePlan[] = [];
  if (predictionPoints(metrics).length) plans.push(predictionFigure(metrics));
  if (new Set(escapeRatios(metrics).map((p) => p.d)).size >= 2) plans.push(escapeRatioFigure(metrics));
  if (new Set(metrics.points.map((p) => p.d)).size >= 2) plans.push(timeScaleFigure(metrics));
  if (new Set(metrics.points.map((p) => p.m / p.mStar)).size >= 2) plans.push(successFigure(metrics));
  const single = metrics.points.length === 1;
  metrics.points.slice(0, MAX_POINTS_WITH_FIGURES).forEach((p, k) => {
    const name = (what: string) => (single ? `${what}.svg` : `point-${String(k + 1).padStart(2, "0")}-${slug(p.id)}-${what}.svg`);
    const where = single ? '' : ` (point ${p.id})`;
    plans.push(alignmentFigure(p, name('alignment'), where), lossFigure(p, name('loss'), where));
    if (p.pruning) plans.push(heatmapFigure(p, name('pruning-heatmaps'), where));
  });
  return plans;
}

function slug(id: string): string {
  return id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'point';
}

function alignmentFigure(p: Point, file: string, where: string): FigurePlan {
  const s = p.featureLearning;
  const shown = downsampleIndices(s.records.length, MAX_POINTS_PER_CURVE).length;
  const pairs = s.matching.filter((x) => x.student >= 0).map((x) => `teacher ${x.teacher} ← s${x.student} (expert ${fmt(x.expert)}, router ${fmt(x.router)})`);
  const thresholds = [...new Set(s.events.map((e) => e.threshold))].map((x) => fmt(x)).join(', ');
  const title = `Feature learning: router and expert alignments${where}`;
  const caption =
    `d = ${p.d}, m = ${p.m} students, m* = ${p.mStar} teachers, engine ${s.engine}${s.method ? ` (${s.method})` : ''}: ` +
    `${p.m * p.mStar} curves per panel, one per student-teacher pair; the ${pairs.length} matched pairs at t = ${fmt(s.final.t)} in colour: ${pairs.join(', ') || 'none'}. ` +
    (thresholds ? `Dots: first time a matched alignment reached ${thresholds}. ` : 'No threshold events were recorded. ') +
    referenceCaption(s) +
    `${shown} of ${s.records.length} records drawn.`;
  return { file, title, caption, spec: alignmentCurvesSpec(s), pointId: p.id };
}

/** What the dashed curves are: the exact flow from the same start, its matched pairs and its recovery time. */
function referenceCaption(s: Point['featureLearning']): string {
  const r = s.reference;
  if (!r) return '';
  const pairs = r.matching.filter((x) => x.student >= 0).map((x) => `t${x.teacher}←s${x.student}`).join(', ');
  const T = r.recoveryTime === null || r.recoveryTime === undefined ? `not recovered by t = ${fmt(r.final.t)}` : `all teachers recovered at t = ${fmt(r.recoveryTime)}`;
  return `Dashed: the exact gradient flow from the same initialisation, its matched pairs (${pairs || 'none'}) at t = ${fmt(r.final.t)}; ${T}. `;
}

function lossFigure(p: Point, file: string, where: string): FigurePlan {
  const fl = p.featureLearning;
  const title = `Loss across the stages${where}`;
  let caption = `Feature learning: loss ${fmt(fl.records[0].loss)} at t = 0 to ${fmt(fl.final.loss)} at t = ${fmt(fl.final.t)}.`;
  if (fl.reference) caption += ` Dashed: the exact flow from the same initialisation, ${fmt(fl.reference.final.loss)} at t = ${fmt(fl.reference.final.t)}.`;
  if (p.pruning) caption += ` Pruning (dashed line): ${fmt(p.pruning.lossBefore)} → ${fmt(p.pruning.lossAfter)} (change ${fmt(p.pruning.lossChange)}, tolerance ${fmt(p.pruning.tolerance)}).`;
  const ft = p.fineTuning;
  if (ft) caption += ` Fine-tuning: ${fmt(ft.final.loss)} after ${fmt(ft.final.t)} more time units${ft.rate ? `, fitted rate ${fmt(ft.rate.perTime)} per unit time (r² ${fmt(ft.rate.r2, 4)})` : ''}.`;
  const zeros = zeroLossRecords(p);
  if (zeros) caption += ` ${zeros} records with loss <= 0 (zero to rounding: the loss is a sum of terms that cancel near an optimum) are not drawn (log scale).`;
  return { file, title, caption, spec: lossAcrossStagesSpec(p), pointId: p.id };
}

function heatmapFigure(p: Point, file: string, where: string): FigurePlan {
  const pr = p.pruning!;
  const title = `Alignments before and after pruning${where}`;
  const caption =
    `Rule ${pr.rule}: kept ${pr.kept.length} of ${p.m} students (${pr.kept.map((i) => `s${i}`).join(', ')}), removed ${pr.removed.length}. ` +
    'Rows: students; columns: the teacher\'s expert directions w*_j (expert panels) and router directions v*_j (router panels); red +1, blue −1. '
    + 'A cancelling pair shows as two rows with the same router alignments and opposite expert alignments.';
  return { file, title, caption, spec: pruningHeatmapsSpec(pr), pointId: p.id };
}

function predictionFigure(m: Metrics): FigurePlan {
  const pts = predictionPoints(m);
  const count = (model: string) => pts.filter((p) => p.model === model);
  const spread = (model: string) => {
    const r = count(model).map((p) => Math.abs(p.measured / p.predicted - 1)).sort((a, b) => a - b);
    return r.length ? `${r.length} teachers, median |measured/predicted - 1| ${fmt(r[Math.floor((r.length - 1) / 2)])}, worst ${fmt(r[r.length - 1])}` : 'none';
  };
  const title = 'Measured against predicted expert times (log-log)';
  const caption =
    `One point per teacher and prediction, coloured by recovery order (1 = first): circles the one-pair closed form from the crossing student's initial overlap ` +
    `(${spread('one-pair closed form')}), squares the multi-pair leading-order model with the same crossing student (${spread('multi-pair model')}). ` +
    'Dashed: measured = predicted. The later teachers sit above the line for the one-pair law and on it for the multi-pair model.';
  return { file: 'predicted-vs-measured.svg', title, caption, spec: predictedVsMeasuredSpec(m) };
}

function escapeRatioFigure(m: Metrics): FigurePlan {
  const pts = escapeRatios(m);
  const fit = timeScaleFit(m);
  const ds = [...new Set(pts.map((p) => p.d))].sort((a, b) => a - b);
  const per = ds.map((d) => {
    const r = pts.filter((p) => p.d === d).map((p) => Math.abs(p.ratio - 1)).sort((a, b) => a - b);
    return `d = ${fmt(d)}: median ${fmt(r[Math.floor((r.length - 1) / 2)])}, worst ${fmt(r[r.length - 1])} (${r.length})`;
  });
  const title = 'First expert time: measured / predicted against d';
  const caption =
    `The first-recovered teacher of each point, its measured expert time over the one-pair prediction (C7). |ratio - 1| per d: ${per.join('; ')}. ` +
    (fit ? `C6: slope of ln(T z) on ln d ${fmt(fit.slope)} over ${fit.points} points (theory 1/2). ` : 'C6 was not evaluated. ') +
    'Dashed: ratio 1.';
  return { file: 'escape-ratio-vs-d.svg', title, caption, spec: escapeRatioVsDSpec(m) };
}

function timeScaleFigure(m: Metrics): FigurePlan {
  const recovered = m.points.filter((p) => recoveryOf(p).T !== null).length;
  const fit = fullRecoveryFit(m);
  const title = 'Full-recovery time T against d (log-log)';
  const caption =
    `${recovered} of ${m.points.length} points recovered and are drawn. ` +
    (fit ? `Fitted slope ${fmt(fit.slope)} over ${fit.points} points (reported beside C6, which is decided on the escape times). ` : 'No full-recovery fit (fewer than two values of d recovered). ') +
    'Dashed: T ∝ sqrt(d) through the points’ geometric centre.';
  return { file: 'recovery-time-vs-d.svg', title, caption, spec: recoveryTimeVsDSpec(m) };
}

function successFigure(m: Metrics): FigurePlan {
  const groups = successByRatio(m);
  const title = 'Success of recovery against over-parameterisation m/m*';
  const caption = `Success = the point's C1 holds. ${groups.map((g) => `m/m* = ${fmt(g.ratio)}: ${g.successes}/${g.runs}`).join('; ')}.`;
  return { file: 'success-vs-overparameterisation.svg', title, caption, spec: successVsOverparamSpec(m) };
}
