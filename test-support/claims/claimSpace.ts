import type { ClaimConfig } from './claimPoint.ts';

/** An inclusive integer range. */
export type Range = readonly [number, number];

/**
 * How long feature learning runs:
 * - 'recovery': stop at recovery (C1-C3), horizon `perSqrtD` x sqrt(d);
 * - 'settle': run to the fixed horizon `time` (the surplus students must
 *   settle before pruning can keep the function, C4).
 */
export type Horizon = { readonly kind: 'recovery'; readonly perSqrtD: number } | { readonly kind: 'settle'; readonly time: number };

/**
 * A region of configurations of the pipeline: the space a claim property
 * quantifies over and a cell of the verification map. Every configuration
 * drawn from it is valid (d >= 2 m*, random geometry only where drawable).
 */
export interface ClaimSpace {
  readonly mStar: Range;
  /** m / m*. */
  readonly ratio: Range;
  readonly d: Range;
  /** How d is drawn in its range: uniformly (default) or log-uniformly (for ranges over decades). */
  readonly dScale?: 'linear' | 'log';
  /** Above this d a drawn dopri5 integrates with rkc instead (dopri5's stiffness-limited steps make horizons ~sqrt(d) too long there; auto and exprb43 take accuracy-bound steps and stay). */
  readonly rkcAbove?: number;
  /**
   * Largest integrator step as a multiple of sqrt(d) (at least 1; default the
   * scenario's 1): a plateau of length ~sqrt(d) then costs a few hundred
   * steps instead of ~sqrt(d) (the error control still takes small steps
   * where the overlaps move).
   */
  readonly maxStepPerSqrtD?: number;
  readonly geometries: readonly ClaimConfig['geometry'][];
  readonly flowMethods: readonly ClaimConfig['flowMethod'][];
  readonly pruning: readonly ClaimConfig['pruning'][];
  readonly horizon: Horizon;
  /** Fine-tuning horizon (flow time). */
  readonly fineTuneMaxTime: number;
}

/** The horizon of a configuration of dimension d in `space`. */
export function horizonFor(space: Pick<ClaimSpace, 'horizon'>, d: number): { time: number; stopWhenRecovered: boolean } {
  return space.horizon.kind === 'recovery'
    ? { time: Math.ceil(space.horizon.perSqrtD * Math.sqrt(d)), stopWhenRecovered: true }
    : { time: space.horizon.time, stopWhenRecovered: false };
}

/** The region in words, as the claim properties put it in their names. */
export function describeSpace(s: ClaimSpace): string {
  const r = (name: string, [a, b]: Range) => (a === b ? `${name} = ${a}` : `${name} in [${a}, ${b}]`);
  const h = s.horizon.kind === 'recovery' ? `stopping at recovery, horizon ${s.horizon.perSqrtD} sqrt(d)` : `feature learning to t = ${s.horizon.time}`;
  const methods = s.flowMethods.join('|') + (s.rkcAbove !== undefined ? ` (rkc for dopri5 above d = ${s.rkcAbove})` : '') +
    (s.maxStepPerSqrtD !== undefined ? `, steps <= ${s.maxStepPerSqrtD} sqrt(d)` : '');
  return [r('m*', s.mStar), r('m/m*', s.ratio), r('d', s.d) + (s.dScale === 'log' ? ' (log-uniform)' : ''), s.geometries.join('|') + ' teacher', methods, s.pruning.join('|'), h].join(', ');
}

/** Whether a configuration lies in a space (its horizon aside). */
export function inSpace(c: ClaimConfig, s: ClaimSpace): boolean {
  const within = (v: number, [a, b]: Range) => v >= a && v <= b;
  return within(c.mStar, s.mStar) && Number.isInteger(c.m / c.mStar) && within(c.m / c.mStar, s.ratio) && within(c.d, s.d)
    && s.geometries.includes(c.geometry) && s.flowMethods.includes(c.flowMethod) && s.pruning.includes(c.pruning);
}
