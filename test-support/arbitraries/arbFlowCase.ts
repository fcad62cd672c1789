import fc from 'fast-check';
import type { FlowMethod } from '../../src/dynamics/flow/integrateFlow.ts';
import type { MoeConfig } from '../drawConfig.ts';
import { arbMoeConfig, type MoeConfigLimits } from './arbMoeConfig.ts';

/** A gradient-flow run: a configuration, the adaptive integrator and a horizon. */
export interface FlowCase extends MoeConfig {
  /** The production integrators (rk4 is the tests' fixed-step reference). */
  readonly method: Exclude<FlowMethod, 'rk4'>;
  /** Horizon T in flow time. */
  readonly time: number;
}

/** The adaptive integrators every flow property visits (a property that only visits the default misses the others' bugs). */
export const ADAPTIVE_METHODS = ['auto', 'dopri5', 'exprb43', 'rkc'] as const;

/**
 * Flow runs: {@link arbMoeConfig} within `limits`, every adaptive
 * integrator ({@link ADAPTIVE_METHODS}), and a horizon in [minTime, maxTime]
 * on a 0.25 grid. Shrinks towards 'auto' (the default) and the shortest horizon.
 */
export function arbFlowCase(limits: MoeConfigLimits, minTime: number, maxTime: number): fc.Arbitrary<FlowCase> {
  return fc
    .tuple(arbMoeConfig(limits), fc.constantFrom(...ADAPTIVE_METHODS), fc.integer({ min: Math.round(4 * minTime), max: Math.round(4 * maxTime) }))
    .map(([c, method, quarter]) => ({ ...c, method, time: quarter / 4 }));
}
