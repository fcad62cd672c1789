/**
 * <x[xo .. xo + n), y[yo .. yo + n)> = sum_k x[xo + k] y[yo + k], summed in
 * index order (k = 0, 1, ..., n - 1): the one dot product of the float64
 * core. One summation order everywhere means that the same two vectors give
 * the same bits wherever the product is taken (a Gram entry in the loss and
 * in the kernel matrix, a row and its copy, any thread), and a negated
 * vector gives exactly the negated product, so cancelling pairs cancel to
 * the bit.
 */
export function dotAt(x: ArrayLike<number>, xo: number, y: ArrayLike<number>, yo: number, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += x[xo + k] * y[yo + k];
  return s;
}

/** <a, b> of two equal-length vectors ({@link dotAt} from index 0). */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return dotAt(a, 0, b, 0, a.length);
}
