import type { FlowMethod } from '../src/dynamics/flow/integrateFlow.ts';
import { EXACT } from './tolerance.ts';

/**
 * Tolerance of "reduced-span flow = full-d flow" per integrator. The two runs
 * integrate the same ODE in other coordinates; they differ only by their
 * step sequences, hence by each run's own integration error:
 * - dopri5, exprb43 and auto run at tolerances 1e-11/1e-13: EXACT.reducedFlow
 *   (1e-9; measured <= 5e-13 on 16 random cases for dopri5);
 * - rkc at its default tolerances (the tight ones cost ~4000 steps per unit
 *   time): each run is within EXACT.integratorRkc of the exact flow, so the
 *   two are within twice that (measured <= 8.7e-7 on 16 random cases,
 *   d <= 24, T <= 2). A wrong basis or lift is off by O(1e-2..1).
 */
export function reducedFlowTier(method: FlowMethod): number {
  return method === 'rkc' ? 2 * EXACT.integratorRkc : EXACT.reducedFlow;
}

/** Whether the reduced-span property runs `method` at the tight tolerances 1e-11/1e-13 (all but rkc, see {@link reducedFlowTier}). */
export function tightInReducedFlow(method: FlowMethod): boolean {
  return method !== 'rkc';
}

/** The global-error tier of an adaptive integrator at its default tolerances (test-support/tolerance.ts). */
export function globalErrorTier(method: Exclude<FlowMethod, 'rk4'>): number {
  return { auto: EXACT.integratorDopri5, dopri5: EXACT.integratorDopri5, exprb43: EXACT.integratorExprb43, rkc: EXACT.integratorRkc }[method];
}
