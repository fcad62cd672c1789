import type { Claim, Metrics, Point, Pruning, Stage, Theory } from '../../src/generated/metrics.ts';
import { CLAIMS } from '../../src/claims/titles.ts';
import { fmt } from '../../src/core/format.ts';
import { syntheticStage, type SyntheticCurves } from './syntheticStage.ts';

/**
 * Made-up but schema-valid metrics, for the report's tests and for looking at
 * the layout without training anything. NOT results: the engine is called
 * 'synthetic' and the scenario says so. Everything is deterministic.
 */
export interface SyntheticPointOptions {
  id?: string;
  d?: number;
  m?: number;
  mStar?: number;
  /** Feature-learning records (evenly spaced). */
  records?: number;
  /** false: matched alignments stop at 0.7, so C1 fails and T is null. */
  recovered?: boolean;
  /** false: no pruning and no fine-tuning stage. */
  stages?: boolean;
  overrides?: Record<string, unknown>;
  seed?: number;
}

function claim(id: Claim['id'], ok: boolean | null, evidence: string, details?: Claim['details']): Claim {
  const verdict = ok === null ? 'not-evaluated' : ok ? 'holds' : 'fails';
  return { id, title: CLAIMS[id].title, verdict, evidence, ...(details ? { details } : {}) };
}

/** One made-up sweep point: feature learning, and (by default) pruning and fine-tuning. */
export function syntheticPoint(o: SyntheticPointOptions = {}): Point {
  const { d = 100, m = 3, mStar = 2, records = 50, recovered = true, stages = true, seed = 7 } = o;
  const sq = Math.sqrt(d);
  const curves: SyntheticCurves = {
    m, mStar, records, horizon: 3 * sq, lag: 0.25 * sq, plateau: recovered ? 0.995 : 0.7,
    centre: (j) => sq * (0.6 + (1.4 * j) / Math.max(1, mStar - 1)),
  };
  const fl = syntheticStage(curves);
  const n = Math.min(m, mStar);
  const rec = m >= mStar ? fl.records.find((r) => Array.from({ length: n }, (_, j) => r.expert[j][j] >= 0.9 && r.router[j][j] >= 0.9).every(Boolean)) : undefined;
  const T = rec ? rec.t : null;
  const claims: Claim[] = [
    claim(
      'C1', T !== null,
      T !== null ? `all ${mStar} teacher experts recovered at T = ${fmt(T)} (T/sqrt(d) = ${fmt(T / sq)}).` : 'not every teacher expert reached alignment 0.9.',
      { T, TOverSqrtD: T === null ? null : T / sq },
    ),
    claim('C3', true, `expert events in teacher order: ${fl.events.filter((e) => e.kind === 'expert').map((e) => `teacher ${e.teacher} at t = ${fmt(e.t)}`).join(', ')}.`),
    claim('C2', true, `each of ${fl.events.filter((e) => e.kind === 'router').length} routers passed 0.9 after its expert (synthetic lag ${fmt(curves.lag)}).`),
  ];
  const point: Point = { id: o.id ?? `d=${d},m=${m}`, overrides: o.overrides ?? {}, seed, d, m, mStar, featureLearning: fl, claims, theory: syntheticTheory(fl, mStar, d) };
  if (stages && m >= mStar) {
    point.pruning = syntheticPruning(fl, m, mStar);
    point.fineTuning = syntheticFineTuning(point.pruning, mStar);
    const ft = point.fineTuning.final.loss;
    claims.push(claim('C4', true, `${mStar} students kept, loss change ${fmt(point.pruning.lossChange)} within ${fmt(point.pruning.tolerance)}.`));
    claims.push(claim('C5', ft <= 1e-12, `final loss ${fmt(ft)} at rate ${fmt(point.fineTuning.rate?.perTime)} per unit time.`));
    point.theory!.fineTuning = { lambdaMin: 1.001, predictedRate: 2.002, clusterRate: 2.002, fittedRate: point.fineTuning.rate?.perTime ?? null, hessianDimension: 2 * mStar + 1 };
  }
  for (const id of ['C7', 'C8', 'C9', 'C10', 'C11'] as const) claims.push(claim(id, true, `${id} holds (synthetic).`));
  return point;
}

/**
 * A made-up theory block: each teacher with an expert event gets a
 * "prediction" 5% (one-pair) and 1% (multi-pair) below its synthetic
 * event time, the router lag predicted at the synthetic lag.
 */
function syntheticTheory(fl: Stage, mStar: number, d: number): Theory {
  const teachers = Array.from({ length: mStar }, (_, j) => {
    const ex = fl.events.find((e) => e.teacher === j && e.kind === 'expert');
    const ro = fl.events.find((e) => e.teacher === j && e.kind === 'router');
    const r0 = (1 + 0.3 * j) / Math.sqrt(d);
    return {
      teacher: j, order: null as number | null, student: ex?.student ?? null, r0, z: r0 * Math.sqrt(d), rho0: 0,
      expertTime: { predicted: ex ? ex.t * 0.95 : null, measured: ex?.t ?? null },
      multiPair: { predicted: ex ? ex.t * 0.99 : null, student: ex?.student ?? null, paired: ex ? false : null, sharedWith: null },
      routerAtExpertTime: { predicted: 0.05, measured: 0.06 },
      routerLag: { predicted: ex && ro ? ro.t - ex.t : null, measured: ex && ro ? ro.t - ex.t : null },
    };
  });
  teachers.filter((t) => t.expertTime.measured !== null).sort((a, b) => a.expertTime.measured! - b.expertTime.measured!).forEach((t, k) => (t.order = k + 1));
  return { kappa: 4.5, routerRate: 0.256, threshold: 0.9, teachers };
}

function syntheticPruning(fl: Stage, m: number, mStar: number): Pruning {
  const kept = Array.from({ length: mStar }, (_, j) => j);
  const removed = Array.from({ length: m - mStar }, (_, k) => {
    const i = mStar + k;
    const other = k % 2 === 0 ? i + 1 : i - 1;
    return other < m
      ? { student: i, reason: `cancelling pair with s${other} (synthetic)`, group: [other] }
      : { student: i, reason: 'matched to no teacher (synthetic)' };
  });
  const lossBefore = fl.final.loss;
  const lossAfter = lossBefore + 1e-14;
  const pick = (a: number[][]) => kept.map((i) => [...a[i]]);
  return {
    rule: 'synthetic', kept, removed, lossBefore, lossAfter, lossChange: lossAfter - lossBefore, tolerance: 1e-8,
    before: { router: fl.final.router.map((r) => [...r]), expert: fl.final.expert.map((r) => [...r]) },
    after: { router: pick(fl.final.router), expert: pick(fl.final.expert) },
  };
}

function syntheticFineTuning(pr: Pruning, mStar: number): Stage {
  const records = Array.from({ length: 60 }, (_, k) => {
    const t = (k * 20) / 59;
    const relax = (a: number[][]) => a.map((row, i) => row.map((v, j) => (i === j ? 1 - (1 - v) * Math.exp(-t) : v * Math.exp(-t))));
    return { t, loss: pr.lossAfter * Math.exp(-2 * t), router: relax(pr.after.router), expert: relax(pr.after.expert) };
  });
  const last = records[records.length - 1];
  return {
    engine: 'synthetic', method: 'made-up decay', horizon: 20, wallSeconds: 0, records, events: [],
    final: { t: last.t, loss: last.loss, router: last.router, expert: last.expert },
    matching: Array.from({ length: mStar }, (_, j) => ({ teacher: j, student: j, expert: last.expert[j][j], router: last.router[j][j] })),
    rate: { perTime: 2, r2: 1, points: records.length },
  };
}

/** Made-up metrics around the given points (default: one point, m = 3, m* = 2), run claims aggregated. */
export function syntheticMetrics(points: Point[] = [syntheticPoint()], sweepFields?: string[]): Metrics {
  const metrics: Metrics = {
    schemaVersion: 1,
    scenario: {
      name: 'synthetic', file: 'scenarios/synthetic.yaml', description: 'Made-up numbers for testing the report layout; not a result.',
      resolved: { teacher: { experts: points[0].mStar, d: points[0].d }, student: { experts: points[0].m } },
    },
    seed: 7,
    environment: {
      moeRepro: '0.1.0', node: 'v20.0.0', platform: 'linux', arch: 'x64', cpus: 2, backend: 'none (float64 exact engine)',
      versions: { vega: '6.4.0', 'vega-lite': '6.5.0' }, startedAt: '2026-01-01T00:00:00.000Z', wallSeconds: 1.5,
    },
    points,
    claims: (['C1', 'C2', 'C3', 'C4', 'C5', 'C7', 'C8', 'C9', 'C10', 'C11'] as const).map((id) => aggregate(points, id)),
  };
  metrics.claims.splice(5, 0, timeScaleClaim(points));
  if (sweepFields) metrics.sweep = { fields: sweepFields };
  return metrics;
}

function aggregate(points: Point[], id: Claim['id']): Claim {
  const cs = points.map((p) => p.claims.find((c) => c.id === id)).filter((c): c is Claim => c !== undefined);
  if (!cs.length) return claim(id, null, `${id} not evaluated on any point (synthetic).`);
  const holds = cs.filter((c) => c.verdict === 'holds').length;
  return claim(id, holds === cs.length, `${holds} of ${cs.length} points hold (synthetic).`);
}

function timeScaleClaim(points: Point[]): Claim {
  const xy = points
    .map((p) => [Math.log(p.d), p.claims[0].details && 'T' in p.claims[0].details ? p.claims[0].details.T : null] as const)
    .filter((v): v is readonly [number, number] => typeof v[1] === 'number' && v[1] > 0)
    .map(([x, t]) => [x, Math.log(t)] as const);
  if (new Set(xy.map((v) => v[0])).size < 2) return claim('C6', null, 'needs recovered points at two or more values of d.');
  const mx = xy.reduce((s, v) => s + v[0], 0) / xy.length;
  const my = xy.reduce((s, v) => s + v[1], 0) / xy.length;
  const slope = xy.reduce((s, v) => s + (v[0] - mx) * (v[1] - my), 0) / xy.reduce((s, v) => s + (v[0] - mx) ** 2, 0);
  const intercept = my - slope * mx;
  // Synthetic: the same fit stands for the judged T z fit and the reported full-recovery fit.
  return claim('C6', Math.abs(slope - 0.5) < 0.15, `slope of ln T against ln d is ${fmt(slope)} over ${xy.length} points (theory: 0.5).`, {
    slope, intercept, r2: null, points: xy.length, fullRecovery: { slope, intercept, r2: 1, points: xy.length },
  });
}
