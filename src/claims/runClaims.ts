import type { Claim, Point } from '../generated/metrics.ts';
import type { ClaimThresholds } from '../generated/scenario.ts';
import { num } from './pointClaims.ts';
import { linearFit } from './linearFit.ts';
import { CLAIMS } from './titles.ts';

/**
 * Run-level verdicts: C1-C5 hold when they hold on every point where they
 * were evaluated (the evidence lists the points where they failed); C6 fits
 * the time-scale law over the points.
 */
export function runClaims(points: Point[], th: ClaimThresholds): Claim[] {
  const out: Claim[] = (['C1', 'C2', 'C3', 'C4', 'C5'] as const).map((id) => {
    const per = points.map((p) => ({ id: p.id, c: p.claims.find((c) => c.id === id) }));
    const evaluated = per.filter((x) => x.c && x.c.verdict !== 'not-evaluated');
    const failed = evaluated.filter((x) => x.c!.verdict === 'fails');
    if (evaluated.length === 0) {
      return { id, title: CLAIMS[id].title, verdict: 'not-evaluated', evidence: per[0]?.c?.evidence ?? 'not evaluated on any point' } as Claim;
    }
    const one = points.length === 1;
    const evidence = one
      ? evaluated[0].c!.evidence
      : failed.length === 0
        ? `holds on all ${evaluated.length} evaluated points`
        : `fails on ${failed.length} of ${evaluated.length} points: ${failed.map((x) => `${x.id} (${x.c!.evidence})`).join('; ')}`;
    return {
      id, title: CLAIMS[id].title, verdict: failed.length ? 'fails' : 'holds', evidence,
      threshold: evaluated[0].c!.threshold,
      details: { holds: evaluated.length - failed.length, evaluated: evaluated.length, failedPoints: failed.map((x) => x.id) },
    } as Claim;
  });
  out.push(claimTimeScale(points, th));
  return out;
}

/** Smallest coefficient of determination for which the fitted slope counts as evidence (C6). */
export const MIN_TIME_LAW_R2 = 0.8;

/** C6: slope of ln T against ln d over the recovered points (theory: T = O(sqrt d), slope 1/2). */
export function claimTimeScale(points: Point[], th: ClaimThresholds): Claim {
  const title = CLAIMS.C6.title;
  const { expected, tolerance } = th.timeLawExponent;
  const threshold = { expected, tolerance, minR2: MIN_TIME_LAW_R2 };
  const pairs = points
    .map((p) => ({ d: p.d, T: (p.claims.find((c) => c.id === 'C1')?.details as { T?: number | null } | undefined)?.T ?? null }))
    .filter((x): x is { d: number; T: number } => x.T !== null && x.T > 0);
  const distinct = new Set(pairs.map((x) => x.d));
  const notRecovered = points.length - pairs.length;
  if (distinct.size < 2) {
    return {
      id: 'C6', title, verdict: 'not-evaluated', threshold,
      evidence: points.length < 2 || new Set(points.map((p) => p.d)).size < 2
        ? 'needs a sweep over d (see the sqrt-d-law scenario)'
        : `recovered at fewer than two values of d (${notRecovered} point(s) not recovered)`,
    };
  }
  const fit = linearFit(pairs.map((x) => Math.log(x.d)), pairs.map((x) => Math.log(x.T)));
  // A slope from a poor fit is no evidence either way: the law must also explain the data.
  const ok = Math.abs(fit.slope - expected) <= tolerance && fit.r2 >= MIN_TIME_LAW_R2;
  return {
    id: 'C6', title, threshold, verdict: ok ? 'holds' : 'fails',
    details: { slope: fit.slope, intercept: fit.intercept, r2: fit.r2, points: pairs.length },
    evidence: `ln T = ${num(fit.intercept)} + ${num(fit.slope)} ln d over ${pairs.length} recovered points (r^2 = ${fit.r2.toFixed(3)}); ` +
      `needs slope ${expected} +- ${tolerance} and r^2 >= ${MIN_TIME_LAW_R2}${notRecovered ? `; ${notRecovered} point(s) not recovered and left out` : ''}`,
  };
}
