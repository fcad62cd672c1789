/**
 * At most `max` indices of 0..n-1, evenly spaced in index and always
 * including the first and the last, in increasing order. Used to keep every
 * plotted curve at <= 400 points however many records a run kept (the SVG of
 * m x m* = 125 curves stays small and readable). `max` >= 2.
 */
export function downsampleIndices(n: number, max: number): number[] {
  if (max < 2) throw new RangeError(`downsampleIndices: max must be >= 2, got ${max}`);
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const out: number[] = [];
  for (let k = 0; k < max; k++) {
    const i = Math.round((k * (n - 1)) / (max - 1));
    if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

/** Largest number of points any plotted curve gets. */
export const MAX_POINTS_PER_CURVE = 400;
