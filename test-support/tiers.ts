import type { FlowMethod } from '../src/dynamics/flow/integrateFlow.ts';
import { EXACT } from './tolerance.ts';

/**
 * Tolerance of "reduced-span flow = full-d flow" per integrator. The two runs
 * integrate the same ODE in other coordinates; they differ only by their
 * step sequences, hence by each run's own integration error:
 * - dopri5 run at tolerances 1e-11/1e-13: EXACT.reducedFlow (1e-9; measured
 *   <= 5e-13 on 16 random cases);
 * - rkc at its default tolerances (the tight ones cost ~4000 steps per unit
 *   time): each run is within EXACT.integratorRkc of the exact flow, so the
 *   two are within twice that (measured <= 8.7e-7 on 16 random cases,
 *   d <= 24, T <= 2). A wrong basis or lift is off by O(1e-2..1).
 */
export function reducedFlowTier(method: FlowMethod): number {
  return method === 'dopri5' ? EXACT.reducedFlow : 2 * EXACT.integratorRkc;
}
