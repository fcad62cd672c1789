import type { PointClaimId, Verdict } from '../../test-support/claims/claimPoint.ts';
import type { PoolResult } from './claimPool.ts';

/** One cell of a claim's map: configurations with the same m*, m/m* and d. */
export interface MapCell {
  readonly mStar: number;
  readonly ratio: number;
  readonly d: number;
  /** Runs where the claim held, failed, or could not be judged (or the run crashed). */
  readonly holds: number;
  readonly fails: number;
  readonly notEvaluated: number;
  readonly errors: number;
}

/** The verdict of a claim on one result ('error' when the run threw). */
export function verdictOf(r: PoolResult, claim: PointClaimId): Verdict | 'error' {
  return r.outcome ? r.outcome.verdicts[claim] : 'error';
}

/** Runs where a claim held, runs where it was judged (held or failed), and the others (not evaluable, or the run threw). */
export interface VerdictCount {
  readonly holds: number;
  readonly judged: number;
  readonly other: number;
}

/** How often a claim held over some results ({@link VerdictCount}). */
export function countVerdicts(results: readonly PoolResult[], id: PointClaimId): VerdictCount {
  let holds = 0, judged = 0, other = 0;
  for (const r of results) {
    const x = verdictOf(r, id);
    if (x === 'holds') holds++;
    if (x === 'holds' || x === 'fails') judged++;
    else other++;
  }
  return { holds, judged, other };
}

/** Cells of a claim's map over some results, sorted by m*, m/m*, d. */
export function claimMap(results: readonly PoolResult[], claim: PointClaimId): MapCell[] {
  const cells = new Map<string, { mStar: number; ratio: number; d: number; holds: number; fails: number; notEvaluated: number; errors: number }>();
  for (const r of results) {
    const { mStar, m, d } = r.config;
    const key = `${mStar}/${m / mStar}/${d}`;
    const cell = cells.get(key) ?? { mStar, ratio: m / mStar, d, holds: 0, fails: 0, notEvaluated: 0, errors: 0 };
    const v = verdictOf(r, claim);
    if (v === 'holds') cell.holds++;
    else if (v === 'fails') cell.fails++;
    else if (v === 'not-evaluated') cell.notEvaluated++;
    else cell.errors++;
    cells.set(key, cell);
  }
  return [...cells.values()].sort((a, b) => a.mStar - b.mStar || a.ratio - b.ratio || a.d - b.d);
}

/** "h/n" of a cell: runs where the claim held over runs where it was judged (n/e marks unjudged runs). */
export function cellText(c: MapCell): string {
  const judged = c.holds + c.fails;
  const extra = [c.notEvaluated ? `${c.notEvaluated} n/e` : '', c.errors ? `${c.errors} err` : ''].filter(Boolean).join(', ');
  return `${judged ? `${c.holds}/${judged}` : '—'}${extra ? ` (${extra})` : ''}`;
}

/**
 * The over-parameterisation boundary of a claim: for each (m*, d) measured,
 * the smallest m/m* from which the claim held in every judged run of every
 * larger ratio measured (null if it failed at the largest ratio), and the
 * ratios where it failed. This is the "moderate over-parameterisation" the
 * paper's result needs, as measured.
 */
export function ratioBoundary(cells: readonly MapCell[]): { mStar: number; d: number; fromRatio: number | null; failingRatios: number[] }[] {
  const groups = new Map<string, MapCell[]>();
  for (const c of cells) groups.set(`${c.mStar}/${c.d}`, [...(groups.get(`${c.mStar}/${c.d}`) ?? []), c]);
  return [...groups.values()].map((g) => {
    const sorted = [...g].sort((a, b) => a.ratio - b.ratio);
    const bad = (c: MapCell) => c.fails > 0 || c.errors > 0 || c.holds === 0;
    let from: number | null = null;
    for (let k = sorted.length - 1; k >= 0 && !bad(sorted[k]); k--) from = sorted[k].ratio;
    return { mStar: g[0].mStar, d: g[0].d, fromRatio: from, failingRatios: sorted.filter((c) => c.fails > 0 || c.errors > 0).map((c) => c.ratio) };
  }).sort((a, b) => a.mStar - b.mStar || a.d - b.d);
}
