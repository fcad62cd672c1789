import { sigmoid } from '../model/activations.ts';
import { hermiteCoefficient } from './hermiteCoefficient.ts';
import { selfKernelCoefficients } from './selfKernel.ts';

/** The constants of the leading-order small-overlap dynamics, all computed from the sigmoid's Hermite coefficients. */
export interface LeadingOrderConstants {
  /** c0 = E[sig(z)] = 1/2. */
  c0: number;
  /** c1 = E[z sig(z)] = E[sig'(z)]. */
  c1: number;
  /** kappa = 18 c0^2: dr/dt = kappa r^2 (1 - r^2) for an expert overlap r. */
  kappa: number;
  /** 6 c1^2 = 6 g'(0): drho/dt = 6 c1^2 e^3 (1 - rho^2) for a router overlap rho at small rho. */
  routerRate: number;
  /**
   * h''(0) = 72 d2 (d2 = E[sig^2 He2] / 2, h the self kernel): a student's own
   * router-expert overlap s decays as ds/dt = -h'(s) (1 - s^2) ~ -h''(0) s
   * (both rows move, each by -(1/2) h'(s) times its tangent projection).
   */
  selfDecay: number;
}

let cached: LeadingOrderConstants | null = null;

/**
 * The leading-order constants of the feature-learning phase, derived from
 * the Hermite (diagram) expansion of the pair kernel; every one is computed
 * here from the activations, none is typed in.
 *
 * Setting. Students i (router a_i, expert b_i, unit) and teacher experts j
 * (a*_j, b*_j); L = 1/2 sum_{p,q} s_p s_q K(p, q), s = +1 for students, -1
 * for teachers (src/population/quadrature.ts), and
 * K(p, q) = E[sig(u1) He3(w1) sig(u2) He3(w2)] with the correlations
 * r = <a_p, a_q>, e = <b_p, b_q> and the four cross overlaps
 * s1 = <a_p, b_p>, c12 = <a_p, b_q>, c21 = <b_p, a_q>, s2 = <a_q, b_q>.
 *
 * Diagram expansion. With sig = sum_k c_k He_k, E[prod_v He_{k_v}(X_v)] is a
 * sum over multigraphs on the four variables without self-loops, vertex v of
 * degree k_v, weight prod_v k_v! / prod_edges n! times the product of the
 * edge correlations. Each expert vertex has degree 3; if q of its edges go to
 * routers (cross edges, q = n11 + n21 = n12 + n22), 3 - q go to the other
 * expert. Summing over the router-router edges gives, exactly,
 *   K = 36 sum_{n11 + n21 = n12 + n22 = q <= 3} e^(3-q)/(3-q)!
 *       s1^n11 c12^n12 c21^n21 s2^n22 / (n11! n12! n21! n22!) G_{n11+n12, n21+n22}(r),
 * G_ab(r) = E[sig^(a)(u) sig^(b)(v)] at correlation r
 * (src/theory/pairKernelSeries.ts evaluates it; its test matches the exact
 * engine). The q = 0 term is 6 g(r) e^3, g = G_00 = sum_k c_k^2 k! r^k the
 * gate correlation (src/theory/gateCorrelation.ts); q = 1 is
 * 18 e^2 [g'(r) (s1 s2 + c12 c21) + G_20(r) s1 c12 + G_02(r) c21 s2], and so on.
 *
 * Orders at a random start. Every overlap of independent uniform directions
 * is O(1/sqrt(d)); the orthonormal teacher's are 0 (random teachers:
 * O(1/sqrt(d))). The drift of an expert overlap r_ij = <b_i, b*_j> is
 *   dr_ij/dt = -sum_y dL/d<b_i, y> (<y, b*_j> - r_ij <b_i, y>).
 * - y = b*_j, q = 0: 18 g(rho_ij) r_ij^2 (1 - r_ij^2) with g(rho_ij) = c0^2 + O(1/sqrt(d)):
 *   the leading term kappa r^2 (1 - r^2), kappa = 18 c0^2, of size 1/d.
 * - y = b*_j, q = 1: 36 g' r_ij c12 c21 ~ d^(-3/2): relative O(1/sqrt(d)).
 * - y = b*_k, k != j: -18 c0^2 r_ik^3 r_ij ~ d^(-2): relative O(1/d) each;
 *   once student i itself carries an O(1) overlap r_ik it is the projection
 *   (norm-budget) term -kappa r_ik^3 r_ij; if another student l has recovered
 *   teacher k (b_l = b*_k, a_l = a*_k) it cancels against y = b_l.
 * - y = b_l, another student: -18 g(rho_il) e_il^2 (r_lj - r_ij e_il) ~ d^(-3/2):
 *   relative O(1/sqrt(d)) each, O(sqrt(m / d)) summed over m random signs;
 *   between two students racing for the same teacher (e_il ~ r_ij r_lj)
 *   it becomes O(1) near the end of the race.
 * - y = a_i, the self kernel h(s_i) = E[sig(u)^2 He3(w)^2], s_i = <a_i, b_i>
 *   (src/theory/selfKernel.ts): -1/2 h'(s_i) (<a_i, b*_j> - s_i r_ij) with
 *   h'(s) = 72 d2 s + O(s^3): a forcing of size 1/d, the order of the leading
 *   term, but s_i itself decays at the O(1) rate selfDecay (both a_i and b_i
 *   move away from each other), so it is a transient that shifts r_ij by
 *   O(1/d), relative O(1/sqrt(d)), and then stops.
 * - y = a*_j, a_l, a*_k (a router): cross terms q >= 1, each with two cross
 *   overlaps: relative O(1/sqrt(d)) or smaller.
 * So, while the other overlaps stay O(1/sqrt(d)), r = r_ij obeys
 * dr/dt = kappa r^2 (1 - r^2) up to relative O(1/sqrt(d)), whose first
 * passage is src/theory/escapeTime.ts: T = (1/kappa)(1/r0 - ...) ~ sqrt(d)/(kappa z),
 * z = r0 sqrt(d). Its error shrinks like 1/sqrt(d), measured in
 * properties/support/regimes.ts.
 *
 * The router. For rho = <a_i, a*_j>, the y = a*_j, q = 0 term gives
 * drho/dt = 6 g'(rho) e^3 (1 - rho^2), g'(0) = c1^2 (Price and Stein:
 * E[sig'(u) sig'(v)] = E[sig']^2 = c1^2 at rho = 0): O(d^(-3/2)) while the
 * expert is unaligned (the router barely moves: it is guided by the expert)
 * and O(1) once e ~ 1, so the router's lag behind its expert does not grow
 * with d (src/theory/onePairPassage.ts). For m = m* = 1 with every router
 * orthogonal to every expert all cross overlaps stay 0 and the self kernel
 * is constant, so the two equations are exact (src/theory/onePairRates.ts).
 */
export function leadingOrder(): LeadingOrderConstants {
  if (cached) return cached;
  const c0 = hermiteCoefficient(sigmoid, 0);
  const c1 = hermiteCoefficient(sigmoid, 1);
  const hSecond = 2 * selfKernelCoefficients()[1];
  cached = { c0, c1, kappa: 18 * c0 * c0, routerRate: 6 * c1 * c1, selfDecay: hSecond };
  return cached;
}
