/** Logistic sigmoid 1/(1+e^{-z}), the router's gate (entry-wise; no softmax across experts). */
export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Third probabilists' Hermite polynomial He3(z) = z^3 - 3z, the expert's activation. */
export function he3(z: number): number {
  return z * (z * z - 3);
}

/** He3'(z) = 3z^2 - 3. */
export function dhe3(z: number): number {
  return 3 * z * z - 3;
}
