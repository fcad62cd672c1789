/**
 * The router moments of the pair kernel: with g0, g1 independent N(0, 1),
 * u1 = g0 and u2 = cos(theta) g0 + sin(theta) g1 two unit routers at angle
 * theta = acos(<a_p, a_q>), t(z) = sig(z) - 1/2 (odd) and sig'(z) = sig(z) (1 - sig(z)) (even),
 *   TT_ab(theta) = E[t(u1)    t(u2)    g0^a g1^b],  a + b in {0, 2, 4, 6},
 *   PP_ab(theta) = E[sig'(u1) sig'(u2) g0^a g1^b],  a + b in {0, 2, 4, 6},
 *   PT_ab(theta) = E[sig'(u1) t(u2)    g0^a g1^b],  a + b in {1, 3, 5},
 *   TP_ab(theta) = E[t(u1)    sig'(u2) g0^a g1^b],  a + b in {1, 3, 5}.
 * Given (g0, g1) the expert part of a pair term is a polynomial in (g0, g1) of
 * degree <= 6 (src/population/kernel/momentKernel.ts), even for E[He3 He3] and
 * E[He3' He3'], odd for E[He3 He3']; by the parities of t and sig' these 56
 * moments are the only ones such a term needs (the others vanish or are
 * Gaussian moments). They depend on the routers' angle alone.
 *
 * Layout: 56 entries, the four families in the order above; within a family
 * by degree, then by b (the power of g1): index = FAMILY + BASE[a + b] + b.
 *
 * Parametrised by theta rather than by the correlation, they are analytic on
 * the whole of [0, pi], collinear routers included (theta = 0: u2 = u1), and
 * they obey theta -> pi - theta symmetries (g1 -> -g1 and t(-z) = -t(z),
 * sig'(-z) = sig'(z)): TT and PT change by -(-1)^b, PP and TP by (-1)^b.
 */
export const MOMENTS = 56;
/** First index of each family. */
export const TT = 0;
export const PP = 16;
export const PT = 32;
export const TP = 44;
/** Offset of degree k inside a family (even degrees for TT, PP; odd for PT, TP). */
export const BASE: readonly number[] = [0, 0, 1, 2, 4, 6, 9];

/**
 * The moments by direct summation: a 2-D trapezoid rule over (g0, g1) with
 * step {@link STEP} on [-{@link HALF_WIDTH}, {@link HALF_WIDTH}]^2. Why a
 * trapezoid: for integrands analytic in a strip around the real axis and
 * decaying like a Gaussian, it converges geometrically in 1/h; the sigmoid's
 * poles at +-i pi bound the strip. Measured on E[sig(z)^2 z^6] (the slowest
 * case, a double pole) against a 30-digit adaptive quadrature (mpmath):
 * error 3.6e-11 at h = 0.5, 2.6e-15 at h = 0.4, 2.8e-22 at h = 0.3; so h =
 * 1/3 is far below double rounding. The truncation at |g| = 32/3 drops
 * ~|g|^5 phi(|g|) ~ 2e-20. Costs 65^2 sigmoids: used to build the table
 * (src/population/kernel/momentTable.ts) and to check it, never per pair.
 */
export function routerMomentsDirect(theta: number, out: Float64Array = new Float64Array(MOMENTS)): Float64Array {
  const { x, wPow } = grid();
  const n = x.length;
  const c = Math.cos(theta), s = Math.sin(theta);
  const it = new Float64Array(7), ip = new Float64Array(7);
  out.fill(0, 0, MOMENTS);
  for (let i = 0; i < n; i++) {
    it.fill(0);
    ip.fill(0);
    for (let j = 0; j < n; j++) {
      const z = c * x[i] + s * x[j];
      const t = halfTanh(z), p = sigmoidPrime(z);
      for (let b = 0; b <= 6; b++) {
        it[b] += t * wPow[7 * j + b];
        ip[b] += p * wPow[7 * j + b];
      }
    }
    const t0 = halfTanh(x[i]), p0 = sigmoidPrime(x[i]);
    for (let a = 0; a <= 6; a++) {
      const w = wPow[7 * i + a];
      const ta = t0 * w, pa = p0 * w;
      for (let b = 0; a + b <= 6; b++) {
        const k = BASE[a + b] + b;
        if ((a + b) % 2 === 0) {
          out[TT + k] += ta * it[b];
          out[PP + k] += pa * ip[b];
        } else {
          out[PT + k] += pa * it[b];
          out[TP + k] += ta * ip[b];
        }
      }
    }
  }
  return out;
}

/** Step of the trapezoid rule of {@link routerMomentsDirect}. */
export const STEP = 1 / 3;
/** Half-width of its grid (32 steps each side). */
export const HALF_WIDTH = 32 * STEP;

/** t(z) = sig(z) - 1/2 = tanh(z/2) / 2, from e^{-|z|} (no cancellation for either sign of z). */
function halfTanh(z: number): number {
  const e = Math.exp(-Math.abs(z));
  const t = (0.5 * (1 - e)) / (1 + e);
  return z < 0 ? -t : t;
}

/** sig'(z) = e^{-|z|} / (1 + e^{-|z|})^2. */
function sigmoidPrime(z: number): number {
  const e = Math.exp(-Math.abs(z));
  return e / ((1 + e) * (1 + e));
}

let cached: { x: Float64Array; wPow: Float64Array } | null = null;

/** Grid nodes k h and weights h phi(k h) x^b (b = 0..6) at [7 k + b]. */
function grid(): { x: Float64Array; wPow: Float64Array } {
  if (cached) return cached;
  const half = Math.round(HALF_WIDTH / STEP);
  const n = 2 * half + 1;
  const x = new Float64Array(n), wPow = new Float64Array(7 * n);
  for (let k = 0; k < n; k++) {
    x[k] = (k - half) * STEP;
    let p = (STEP * Math.exp(-0.5 * x[k] * x[k])) / Math.sqrt(2 * Math.PI);
    for (let b = 0; b <= 6; b++, p *= x[k]) wPow[7 * k + b] = p;
  }
  cached = { x, wPow };
  return cached;
}
