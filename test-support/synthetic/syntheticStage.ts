import type { Stage, StageEvent, StageRecord } from '../../src/generated/metrics.ts';

/**
 * Made-up alignment curves for report tests and layout checks (NOT results):
 * student j < m* is matched to teacher j, its expert alignment rises along a
 * logistic centred at `centre(j)` and its router follows `lag` later, up to
 * `plateau`; every other entry drifts from a small start to a fixed end value
 * in [-0.5, 0.5], and students m*+2k, m*+2k+1 end as a cancelling pair (same
 * router row, opposite expert rows), like the real runs.
 */
export interface SyntheticCurves {
  m: number;
  mStar: number;
  /** Number of records, evenly spaced on [0, horizon]. */
  records: number;
  horizon: number;
  /** Centre of teacher j's recovery. */
  centre: (j: number) => number;
  lag: number;
  /** Final matched alignment (>= 0.9: recovered). */
  plateau: number;
}

/** A deterministic value in [-1, 1] for (i, j, salt): no randomness, no seed. */
function wobble(i: number, j: number, salt: number): number {
  return Math.sin(12.9898 * (i + 1) + 78.233 * (j + 1) + 37.719 * salt);
}

/** Alignment of student i with teacher j at time t (router or expert). */
export function syntheticAlignment(c: SyntheticCurves, kind: 'router' | 'expert', i: number, j: number, t: number): number {
  const width = c.horizon / 40;
  if (i < c.mStar && i === j) {
    const s = 1 / (1 + Math.exp(-(t - c.centre(j) - (kind === 'router' ? c.lag : 0)) / width));
    return 0.03 + (c.plateau - 0.03) * s;
  }
  const pairBase = i >= c.mStar ? c.mStar + 2 * Math.floor((i - c.mStar) / 2) : i;
  const sign = kind === 'expert' && i >= c.mStar && (i - c.mStar) % 2 === 1 ? -1 : 1;
  const end = sign * 0.5 * wobble(pairBase, j, kind === 'router' ? 1 : 2);
  const start = 0.08 * wobble(i, j, 3);
  const s = Math.min(1, t / (0.6 * c.horizon));
  return start + (end - start) * s;
}

function matrix(c: SyntheticCurves, kind: 'router' | 'expert', t: number): number[][] {
  return Array.from({ length: c.m }, (_, i) => Array.from({ length: c.mStar }, (_, j) => syntheticAlignment(c, kind, i, j, t)));
}

/** The records of a made-up feature-learning stage (loss falls as the matched experts align). */
export function syntheticRecords(c: SyntheticCurves): StageRecord[] {
  return Array.from({ length: c.records }, (_, k) => {
    const t = (k * c.horizon) / (c.records - 1);
    const expert = matrix(c, 'expert', t);
    const mean = expert.slice(0, c.mStar).reduce((s, row, j) => s + row[j], 0) / c.mStar; // unmatched teachers count 0
    return { t, loss: 0.002 + 26 * (1 - mean) ** 2, router: matrix(c, 'router', t), expert };
  });
}

/** First record time each matched pair's expert / router alignment reached `threshold`. */
export function syntheticEvents(records: StageRecord[], mStar: number, threshold: number): StageEvent[] {
  const out: StageEvent[] = [];
  for (let j = 0; j < Math.min(mStar, records[0].expert.length); j++)
    for (const kind of ['expert', 'router'] as const) {
      const r = records.find((rec) => rec[kind][j][j] >= threshold);
      if (r) out.push({ teacher: j, student: j, kind, threshold, t: r.t });
    }
  return out;
}

const copy = (a: number[][]) => a.map((r) => [...r]);

/** A feature-learning stage built from `syntheticRecords` (engine named 'synthetic'). */
export function syntheticStage(c: SyntheticCurves, threshold = 0.9): Stage {
  const records = syntheticRecords(c);
  const last = records[records.length - 1];
  return {
    engine: 'synthetic',
    method: 'made-up curves',
    horizon: c.horizon,
    wallSeconds: 0,
    records,
    events: syntheticEvents(records, c.mStar, threshold),
    final: { t: last.t, loss: last.loss, router: copy(last.router), expert: copy(last.expert) },
    matching: Array.from({ length: c.mStar }, (_, j) =>
      j < c.m ? { teacher: j, student: j, expert: last.expert[j][j], router: last.router[j][j] } : { teacher: j, student: -1, expert: null, router: null },
    ),
  };
}
