/**
 * The phi functions of exponential integrators, phi_0(z) = e^z and
 * phi_{k+1}(z) = (phi_k(z) - 1/k!) / z, i.e. phi_k(z) = sum_{j >= 0} z^j / (j + k)!,
 * for real z, k = 0..kMax, into out[0..kMax]. The recurrence cancels for
 * small |z| (phi_k(z) -> 1/k!), so |z| <= {@link SERIES_LIMIT} takes the
 * series (40 terms: the remainder is < 4^40 / 40! ~ 1e-24 of the first);
 * beyond it the recurrence loses at most a few ulps per step for k <= 4.
 */
export function phiFunctions(z: number, kMax: number, out: Float64Array): Float64Array {
  if (Math.abs(z) <= SERIES_LIMIT) {
    for (let k = 0; k <= kMax; k++) {
      // sum_j z^j / (j + k)!, Horner from the last term.
      let s = 0;
      for (let j = SERIES_TERMS; j >= 1; j--) s = (s + 1) * (z / (j + k));
      out[k] = (s + 1) / factorial(k);
    }
    return out;
  }
  out[0] = Math.exp(z);
  let fact = 1;
  for (let k = 1; k <= kMax; k++) {
    out[k] = (out[k - 1] - 1 / fact) / z;
    fact *= k;
  }
  return out;
}

/** |z| up to which {@link phiFunctions} sums the series. */
export const SERIES_LIMIT = 4;
const SERIES_TERMS = 40;

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}
