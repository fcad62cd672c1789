import { gateCorrelation } from './gateCorrelation.ts';

/** Time derivatives of the two overlaps of one student-teacher pair. */
export interface OnePairRates {
  /** de/dt, e = <b, b*> the expert overlap. */
  de: number;
  /** drho/dt, rho = <a, a*> the router overlap. */
  drho: number;
}

/**
 * The one-pair flow: m = m* = 1, every router orthogonal to every expert
 * (<a, b> = <a, b*> = <a*, b> = <a*, b*> = 0). Then the pair kernels are exactly
 * K(s, t) = 6 g(rho) e^3 (src/theory/gateCorrelation.ts) and the self kernel
 * E[sig(u)^2 He3(w)^2] does not depend on the overlaps, so the loss is
 * L = const - 6 g(rho) e^3 and the flow on the two spheres keeps the
 * orthogonality and reduces to
 *   de/dt   = 18 g(rho) e^2 (1 - e^2),
 *   drho/dt =  6 g'(rho) e^3 (1 - rho^2)
 * (the factor 1 - x^2 is the tangent projection: d<b, b*>/dt = <b*, (I - b b^T) (-dL/db)>).
 * This is exact, not an approximation (src/theory/onePairRates.test.ts
 * integrates the exact engine from such a configuration); with m, m* > 1 and
 * random overlaps it is the leading order of each pair's dynamics
 * (src/theory/leadingOrder.ts says which terms are dropped and at what order).
 */
export function onePairRates(e: number, rho: number): OnePairRates {
  // An integrator's trial state may overshoot |rho| = 1 by its truncation error; g is evaluated at the sphere's edge then.
  const { g, dg } = gateCorrelation(Math.max(-1, Math.min(1, rho)));
  return { de: 18 * g * e * e * (1 - e * e), drho: 6 * dg * e * e * e * (1 - rho * rho) };
}
