import { sigmoid } from '../model/activations.ts';
import { hermiteCoefficient } from './hermiteCoefficient.ts';

/** Value and derivative of the self kernel at one overlap s. */
export interface SelfKernel {
  /** h(s) = E[sig(u)^2 He3(w)^2]. */
  h: number;
  /** h'(s). */
  dh: number;
}

let coef: Float64Array | null = null;

/**
 * The self kernel of one expert, h(s) = E[sig(u)^2 He3(w)^2] with
 * s = <a, b> the overlap of its own router and expert ((u, w) standard
 * normal of correlation s). He3^2 = He6 + 9 He4 + 18 He2 + 6 and
 * E[F(u) He_k(w)] = s^k k! d_k (d_k the Hermite coefficients of sig^2), so h is
 * the even polynomial
 *   h(s) = 6 d0 + 36 d2 s^2 + 216 d4 s^4 + 720 d6 s^6,
 * exactly. Its slope 72 d2 s at small s is the O(1) force that decorrelates
 * a student's router from its own expert (src/theory/leadingOrder.ts).
 */
export function selfKernel(s: number): SelfKernel {
  if (!(s >= -1 && s <= 1)) throw new RangeError(`selfKernel: s must be in [-1, 1], found ${s}`);
  coef ??= selfKernelCoefficients();
  const [a0, a2, a4, a6] = coef;
  const s2 = s * s;
  return { h: a0 + s2 * (a2 + s2 * (a4 + s2 * a6)), dh: s * (2 * a2 + s2 * (4 * a4 + 6 * a6 * s2)) };
}

/** [6 d0, 36 d2, 216 d4, 720 d6]: the coefficients of h in powers of s^2. */
export function selfKernelCoefficients(): Float64Array {
  const sq = (z: number) => sigmoid(z) ** 2;
  return Float64Array.from([6, 36, 216, 720].map((w, i) => w * hermiteCoefficient(sq, 2 * i)));
}
