import { integrateTo } from './integrateTo.ts';
import { gateCorrelation } from './gateCorrelation.ts';

/** Threshold passages of the one-pair flow from (r0, rho0). */
export interface OnePairPassage {
  /** Time at which the expert overlap reaches the threshold. */
  expertTime: number;
  /** Router overlap at that time (small: the expert leads). */
  routerAtExpertTime: number;
  /** Time at which the router overlap reaches the threshold. */
  routerTime: number;
  /** routerTime - expertTime: the router's lag behind its expert. */
  lag: number;
}

/**
 * Expert and router threshold times of the one-pair flow
 * de/dt = 18 g(rho) e^2 (1 - e^2), drho/dt = 6 g'(rho) e^3 (1 - rho^2)
 * (src/theory/onePairRates.ts) from e = r0, rho = rho0. Both overlaps only
 * grow (for e > 0), so each passage is written with the passing coordinate as
 * the independent variable and integrated to a fixed end: the expert phase
 * in u = ln e (dt/du = 1 / (18 g e (1 - e^2)), drho/du = e drho/de), then the
 * router phase in rho (dt/drho = 1 / (6 g' e^3 (1 - rho^2))). If the router
 * passes first (only from a router overlap that starts near the threshold),
 * the router phase is integrated from rho0 instead and the lag is negative.
 *
 * Why the lag is O(1): along the orbit drho/de = g'(rho) (1 - rho^2) e / (3 g(rho) (1 - e^2)),
 * so at the expert's passage rho has moved by about (c1^2 / 3 c0^2) (-1/2) ln(1 - th^2)
 * (0.047 at th = 0.9) whatever r0 (hence whatever d) was, and the router then
 * climbs at rate 6 g'(rho) (1 - rho^2) ~ 6 c1^2 with e ~ 1: a lag of about
 * [atanh(th) - atanh(rho_th)] / (6 c1^2), independent of d.
 */
export function onePairPassage(r0: number, rho0: number, threshold: number): OnePairPassage {
  if (!(threshold > 0 && threshold < 1)) throw new RangeError(`onePairPassage: threshold must be in (0, 1), found ${threshold}`);
  if (!(r0 > 0 && r0 < threshold)) throw new RangeError(`onePairPassage: r0 must be in (0, threshold = ${threshold}), found ${r0}`);
  if (!(rho0 > -1 && rho0 < threshold)) throw new RangeError(`onePairPassage: rho0 must be in (-1, threshold = ${threshold}), found ${rho0}`);
  // Expert phase, u = ln e: state (t, rho).
  const expert = integrateTo((u, y, out) => {
    const e = Math.exp(u);
    const rho = Math.min(y[1], 1);
    const { g, dg } = gateCorrelation(rho);
    const dt = 1 / (18 * g * e * (1 - e * e));
    out[0] = dt;
    out[1] = dt * 6 * dg * e * e * e * (1 - rho * rho);
  }, Math.log(r0), Math.log(threshold), [0, rho0]);
  const [expertTime, rhoAtExpert] = expert;
  if (rhoAtExpert < threshold) {
    const routerTime = expertTime + routerPhase(rhoAtExpert, threshold, threshold);
    return { expertTime, routerAtExpertTime: rhoAtExpert, routerTime, lag: routerTime - expertTime };
  }
  const routerTime = routerPhase(rho0, threshold, r0);
  return { expertTime, routerAtExpertTime: rhoAtExpert, routerTime, lag: routerTime - expertTime };
}

/** Time for rho to go from `from` to `to` with the expert overlap starting at e0: state (t, e), independent variable rho. */
function routerPhase(from: number, to: number, e0: number): number {
  const y = integrateTo((rho, y, out) => {
    const e = Math.min(y[1], 1);
    const { g, dg } = gateCorrelation(rho);
    const dt = 1 / (6 * dg * e * e * e * (1 - rho * rho));
    out[0] = dt;
    out[1] = dt * 18 * g * e * e * (1 - e * e);
  }, from, to, [0, e0]);
  return y[0];
}
