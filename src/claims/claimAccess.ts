import type { Claim, Metrics, Point, RecoveryDetails, TimeScaleDetails } from '../generated/metrics.ts';

/**
 * The C1 recovery time of a point: T = first time every teacher expert had a
 * matched student with expert and router alignment >= threshold, and
 * T / sqrt(d); nulls when not recovered. The schema requires these on every
 * point's C1, so a missing one is a bug upstream (validated before use).
 */
export function recoveryOf(point: Point): RecoveryDetails {
  const c1 = claimById(point.claims, 'C1');
  const d = c1?.details;
  if (!d || !('T' in d)) return { T: null, TOverSqrtD: null };
  return { T: numOrNull(d.T), TOverSqrtD: numOrNull(d.TOverSqrtD) };
}

/** The C6 fit ln(T z) = intercept + slope ln d (T the first expert time), when C6 was evaluated; else null. */
export function timeScaleFit(metrics: Metrics): TimeScaleDetails | null {
  const c6 = claimById(metrics.claims, 'C6');
  const d = c6?.details;
  if (!c6 || c6.verdict === 'not-evaluated' || !d || !('slope' in d)) return null;
  const slope = numOrNull(d.slope);
  const intercept = numOrNull(d.intercept);
  if (slope === null || intercept === null) return null;
  return { slope, intercept, r2: numOrNull(d.r2), points: Number(d.points) };
}

/** The full-recovery fit ln T = intercept + slope ln d that C6 reports beside its verdict (T = C1's), when present; else null. */
export function fullRecoveryFit(metrics: Metrics): TimeScaleDetails | null {
  const d = claimById(metrics.claims, 'C6')?.details;
  const f = d && 'fullRecovery' in d ? (d.fullRecovery as TimeScaleDetails | null | undefined) : null;
  if (!f) return null;
  const slope = numOrNull(f.slope);
  const intercept = numOrNull(f.intercept);
  if (slope === null || intercept === null) return null;
  return { slope, intercept, r2: numOrNull(f.r2), points: Number(f.points) };
}

/** The claim with this id, if present. */
export function claimById(claims: readonly Claim[], id: Claim['id']): Claim | undefined {
  return claims.find((c) => c.id === id);
}

function numOrNull(x: unknown): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}
